import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TextEdit } from '../rules/core/rule';
import { rules } from '../rules/index';
import { applyEdits, editsByFile } from '../server/src/analysis/edits';
import type { Finding, ResolvedFix } from '../server/src/analysis/linter';
import { parseSource } from '../server/src/analysis/source';
import { Workspace, collectSourceFiles, nodeFileSystem } from '../server/src/analysis/workspace';
import { packageRoot } from '../server/src/docs';

const WORKSPACE = path.join(packageRoot(), 'test-workspace');

/** Where an offset of the original text ends up after the edits (undefined if it was replaced). */
function mapOffset(offset: number, edits: readonly TextEdit[]): number | undefined {
  let shift = 0;
  for (const edit of edits) {
    if (edit.span.end <= offset && !(edit.span.start === edit.span.end && edit.span.start === offset)) shift += edit.text.length - (edit.span.end - edit.span.start);
    else if (edit.span.start < offset && offset < edit.span.end) return undefined;
  }
  return offset + shift;
}

function key(finding: Finding, start: number | undefined): string {
  return `${finding.span.file}|${start}|${finding.ruleId}`;
}

describe('fix round trip on the sample workspace', () => {
  const files = collectSourceFiles(WORKSPACE);
  const before = [...new Workspace().lintFiles(files, rules, {}).values()].flat();
  const cases = before.flatMap((finding) => [
    ...(finding.fix ? [{ finding, fix: finding.fix }] : []),
    ...finding.suggestions.map((fix) => ({ finding, fix })),
  ]);

  it('has fixes to try', () => {
    assert.ok(cases.length >= 10, `only ${cases.length} fixes in the sample workspace`);
  });

  for (const { finding, fix } of cases as { finding: Finding; fix: ResolvedFix }[]) {
    it(`${path.relative(WORKSPACE, finding.span.file)}: ${fix.description}`, () => {
      const edited = new Map<string, string>();
      const byFile = editsByFile(fix.edits);
      for (const [file, edits] of byFile) edited.set(file, applyEdits(fs.readFileSync(file, 'utf8'), edits));
      for (const [file, text] of edited) assert.equal(parseSource(file, text).syntaxError, undefined, `${file} no longer parses`);

      const workspace = new Workspace({ fileSystem: { readFile: (file) => edited.get(file) ?? nodeFileSystem.readFile(file) } });
      const after = [...workspace.lintFiles(files, rules, {}).values()].flat();
      const mapped = new Set(before.map((old) => key(old, mapOffset(old.span.start, byFile.get(old.span.file) ?? []))));
      const fixedKey = key(finding, mapOffset(finding.span.start, byFile.get(finding.span.file) ?? []));

      assert.ok(!after.some((now) => key(now, now.span.start) === fixedKey && now.messageId === finding.messageId), 'the finding is still reported');
      const fresh = after.filter((now) => !mapped.has(key(now, now.span.start)));
      assert.deepEqual(fresh.map((now) => `${now.ruleId}: ${now.message}`), [], 'the fix introduced new findings');
    });
  }
});
