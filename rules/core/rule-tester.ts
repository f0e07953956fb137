import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
// The tester drives the real extractor, so rule tests exercise exactly what users run.
import { applyEdits, editsByFile } from '../../server/src/analysis/edits';
import type { Finding, ResolvedFix } from '../../server/src/analysis/linter';
import { LineMap } from '../../server/src/analysis/positions';
import { Workspace } from '../../server/src/analysis/workspace';
import type { AnyRule, Severity } from './rule';

/** A root for the in-memory files of test cases. */
const ROOT = path.resolve('/virtual/project');

export interface TestFiles {
  /** The file under test (default `main.ts`) and its code. */
  readonly code: string;
  readonly filename?: string;
  /** Other files of the project, by path relative to the project root. */
  readonly files?: Readonly<Record<string, string>>;
}

export type ValidCase = string | (TestFiles & { readonly name?: string });

export interface ExpectedSuggestion {
  readonly messageId: string;
  /** The file under test after applying the suggestion. */
  readonly output: string;
}

export interface ExpectedError {
  readonly messageId: string;
  /** 1-based, as editors show them. */
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** The file the finding is in, relative to the root; default: the file under test. */
  readonly file?: string;
  readonly severity?: Severity;
  /** A pattern the message must match (for the values a message is filled with). */
  readonly message?: RegExp;
  /** The exact text the finding underlines. */
  readonly text?: string;
  /** Every suggestion the finding offers, in order; required when it offers any. */
  readonly suggestions?: readonly ExpectedSuggestion[];
}

export interface InvalidCase extends TestFiles {
  readonly name?: string;
  readonly errors: readonly ExpectedError[];
  /**
   * Files after applying the safe fix: a string for the file under test, an object by file name
   * when the fix edits several files, a list (the file under test after each fix, in the order of
   * the findings) when several findings have one; null when the finding must have no safe fix.
   * Required when a finding offers a safe fix.
   */
  readonly output?: string | readonly string[] | Readonly<Record<string, string>> | null;
  /** The message of the safe fix (checked when given). */
  readonly fixMessageId?: string;
}

export interface TestCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

/** 1-based line and column, as editors show them. */
function lineColumn(map: LineMap, offset: number): { line: number; column: number } {
  const position = map.position(offset);
  return { line: position.line + 1, column: position.character + 1 };
}

/** Whether a message was produced from a template (its placeholders match anything). */
function fromTemplate(message: string, template: string | undefined): boolean {
  if (template === undefined) return false;
  const pattern = template.split(/\{\{\s*\w+\s*\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${pattern}$`).test(message);
}

interface Project {
  readonly workspace: Workspace;
  readonly entry: string;
  readonly files: ReadonlyMap<string, string>;
}

function project(test: TestFiles): Project {
  const entry = path.join(ROOT, test.filename ?? 'main.ts');
  const files = new Map<string, string>([[entry, test.code]]);
  for (const [name, code] of Object.entries(test.files ?? {})) files.set(path.join(ROOT, name), code);
  const workspace = new Workspace({ fileSystem: { readFile: (file) => files.get(file) } });
  return { workspace, entry, files };
}

/** Lints the file under test (and the others) with `rule` alone; every finding in every file. */
export function lintCase(rule: AnyRule, test: TestFiles): { project: Project; findings: Finding[] } {
  const setup = project(test);
  const byFile = setup.workspace.lintFiles([...setup.files.keys()], { [rule.meta.id]: rule }, {});
  return { project: setup, findings: [...byFile.values()].flat() };
}

function applyFix(setup: Project, fix: ResolvedFix): Map<string, string> {
  const result = new Map(setup.files);
  for (const [file, edits] of editsByFile(fix.edits)) result.set(file, applyEdits(setup.files.get(file) ?? '', edits));
  return result;
}

/**
 * Runs a rule over valid and invalid cases with node:test, checking exact positions, messages,
 * severities, the safe fix's output and every suggestion's output.
 */
export class RuleTester {
  run(rule: AnyRule, cases: TestCases): void {
    describe(rule.meta.id, () => {
      cases.valid.forEach((valid, index) => {
        const test: TestFiles & { name?: string } = typeof valid === 'string' ? { code: valid } : valid;
        it(`valid ${index + 1}${test.name ? `: ${test.name}` : ''}`, () => {
          const { findings } = lintCase(rule, test);
          assert.deepEqual(
            findings.map((finding) => `${finding.messageId}: ${finding.message}`),
            [],
            'the rule must stay silent on this code',
          );
        });
      });
      cases.invalid.forEach((invalid, index) => {
        it(`invalid ${index + 1}${invalid.name ? `: ${invalid.name}` : ''}`, () => checkInvalid(rule, invalid));
      });
    });
  }
}

/**
 * Checks one invalid case: the findings with their positions, messages and severities, every
 * suggestion each finding offers and every safe fix, which the case must all assert. Throws an
 * assertion error on the first difference.
 */
export function checkInvalid(rule: AnyRule, invalid: InvalidCase): void {
  const { project: setup, findings } = lintCase(rule, invalid);
  assert.equal(findings.length, invalid.errors.length, `expected ${invalid.errors.length} finding(s), got: ${findings.map((f) => f.message).join(' | ')}`);
  invalid.errors.forEach((expected, index) => {
    const finding = findings[index]!;
    const file = expected.file ? path.join(ROOT, expected.file) : setup.entry;
    assert.equal(finding.span.file, file, 'the finding is in another file');
    assert.equal(finding.messageId, expected.messageId);
    assert.ok(rule.meta.messages[expected.messageId] !== undefined, `unknown messageId ${expected.messageId}`);
    const text = setup.files.get(file)!;
    const map = new LineMap(text);
    const start = lineColumn(map, finding.span.start);
    const end = lineColumn(map, finding.span.end);
    if (expected.line !== undefined) assert.equal(start.line, expected.line, 'line');
    if (expected.column !== undefined) assert.equal(start.column, expected.column, 'column');
    if (expected.endLine !== undefined) assert.equal(end.line, expected.endLine, 'endLine');
    if (expected.endColumn !== undefined) assert.equal(end.column, expected.endColumn, 'endColumn');
    if (expected.text !== undefined) assert.equal(text.slice(finding.span.start, finding.span.end), expected.text, 'underlined text');
    if (expected.severity !== undefined) assert.equal(finding.severity, expected.severity, 'severity');
    if (expected.message !== undefined) assert.match(finding.message, expected.message, 'message');
    // Every suggestion a finding offers is asserted, as typescript-eslint's RuleTester requires: an
    // unasserted suggestion could break the code it edits without any test noticing.
    assert.ok(
      expected.suggestions !== undefined || finding.suggestions.length === 0,
      `the finding offers suggestions the test does not assert: ${finding.suggestions.map((s) => s.description).join(' | ')}`,
    );
    if (expected.suggestions !== undefined) {
      assert.equal(finding.suggestions.length, expected.suggestions.length, `suggestions: ${finding.suggestions.map((s) => s.description).join(' | ')}`);
      finding.suggestions.forEach((suggestion, i) => {
        const template = rule.meta.messages[expected.suggestions![i]!.messageId];
        assert.ok(fromTemplate(suggestion.description, template), `suggestion ${i + 1} is "${suggestion.description}", not ${expected.suggestions![i]!.messageId}`);
      });
      expected.suggestions.forEach((suggestion, i) => {
        const after = applyFix(setup, finding.suggestions[i]!);
        assert.equal(after.get(setup.entry), suggestion.output, `output of suggestion ${suggestion.messageId}`);
      });
    }
  });
  const fixes = findings.map((finding) => finding.fix).filter((fix): fix is ResolvedFix => fix !== undefined);
  assert.ok(invalid.output !== undefined || fixes.length === 0, `the case offers a safe fix the test does not assert: ${fixes.map((fix) => fix.description).join(' | ')}`);
  if (invalid.output !== undefined) {
    if (invalid.output === null) {
      assert.equal(fixes.length, 0, 'expected no safe fix');
      return;
    }
    assert.equal(rule.meta.fix, 'safe', 'only rules with fix: safe give safe fixes');
    if (Array.isArray(invalid.output)) {
      const outputs: readonly string[] = invalid.output;
      assert.equal(fixes.length, outputs.length, 'one output per safe fix');
      fixes.forEach((fix, index) => assert.equal(applyFix(setup, fix).get(setup.entry), outputs[index], `output of safe fix ${index + 1}`));
      return;
    }
    assert.equal(fixes.length, 1, 'expected exactly one safe fix');
    if (invalid.fixMessageId !== undefined) assert.ok(fromTemplate(fixes[0]!.description, rule.meta.messages[invalid.fixMessageId]), `the fix message is "${fixes[0]!.description}"`);
    const after = applyFix(setup, fixes[0]!);
    if (typeof invalid.output === 'string') {
      assert.equal(after.get(setup.entry), invalid.output, 'output of the fix');
    } else {
      for (const [name, expected] of Object.entries(invalid.output)) assert.equal(after.get(path.join(ROOT, name)), expected, `output of the fix in ${name}`);
    }
  }
}
