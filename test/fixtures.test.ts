import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../rules/index';
import type { Finding } from '../server/src/analysis/linter';
import { LineMap } from '../server/src/analysis/positions';
import { Workspace, collectSourceFiles } from '../server/src/analysis/workspace';
import { packageRoot } from '../server/src/docs';
import { parseAnnotations, type Expectation } from './support/annotations';

const WORKSPACE = path.join(packageRoot(), 'test-workspace');

function describeExpectation(expectation: Expectation): string {
  return `${expectation.line + 1}:${expectation.column + 1}-${expectation.endColumn + 1} ${expectation.ruleId}`;
}

/** A finding in the annotation's terms; a finding over several lines is marked to the end of its first line. */
function describeFinding(finding: Finding, map: LineMap): { text: string; severity: string } {
  const start = map.position(finding.span.start);
  const end = map.position(finding.span.end);
  const endColumn = end.line === start.line ? end.character : map.lineText(start.line).trimEnd().length;
  return { text: `${start.line + 1}:${start.character + 1}-${endColumn + 1} ${finding.ruleId}`, severity: finding.severity };
}

describe('sample workspace fixtures', () => {
  const files = collectSourceFiles(WORKSPACE);
  const workspace = new Workspace();
  const results = workspace.lintFiles(files, rules, {});
  const expectations = new Map(files.map((file) => [file, parseAnnotations(workspace.read(file) ?? '')]));

  it('has enough fixtures, in JavaScript and TypeScript, a third of them silent', () => {
    assert.ok(files.length >= 25, `only ${files.length} fixture files`);
    const silent = files.filter((file) => expectations.get(file)!.every((e) => e.severity === 'info' || e.severity === 'hint'));
    assert.ok(silent.length * 3 >= files.length, `only ${silent.length} of ${files.length} fixtures are silent`);
    assert.ok(files.some((file) => /\.(js|mjs|cjs|jsx)$/.test(file)) && files.some((file) => /\.tsx?$/.test(file)));
  });

  it('keeps the correct/ examples free of warnings and errors', () => {
    for (const file of files.filter((candidate) => candidate.includes(`${path.sep}correct${path.sep}`))) {
      const loud = (results.get(file) ?? []).filter((finding) => finding.severity === 'error' || finding.severity === 'warning');
      assert.deepEqual(loud.map((finding) => finding.message), [], path.relative(WORKSPACE, file));
    }
  });

  for (const file of files) {
    it(path.relative(WORKSPACE, file), () => {
      const map = new LineMap(workspace.read(file) ?? '');
      const actual = (results.get(file) ?? []).map((finding) => describeFinding(finding, map));
      const expected = expectations.get(file)!;
      assert.deepEqual(actual.map((a) => a.text).sort(), expected.map(describeExpectation).sort(), 'findings differ from the annotations');
      for (const expectation of expected) {
        if (!expectation.severity) continue;
        const match = actual.find((a) => a.text === describeExpectation(expectation));
        assert.equal(match?.severity, expectation.severity, `severity of ${describeExpectation(expectation)}`);
      }
    });
  }
});
