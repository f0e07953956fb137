import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { AnyRule, Severity } from '../../../rules/core/rule';
import { applyEdits, editsByFile } from '../analysis/edits';
import { severityRank, type Finding, type RuleSettings } from '../analysis/linter';
import { isFatal, isLintedFile, type FileProblem } from '../analysis/source';
import { Workspace, collectSourceFiles } from '../analysis/workspace';
import { UsageError, type Level } from './args';

/** What the linter says about one file. */
export interface FileReport {
  readonly file: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  /** Why the file could not be analysed (or only partly): every format shows it as a message of the file. */
  readonly problem?: FileProblem;
}

/** A file listed for checking that was gone when its turn came. */
const REMOVED: FileProblem = { kind: 'unreadable', reason: 'the file was removed before it could be read' };

const LEVEL_MIN: Record<Level, Severity> = { error: 'error', warning: 'warning', info: 'hint' };

/**
 * Whether a file or folder is left out by `--ignore-pattern`, read as .gitignore reads its lines:
 * relative to `cwd`; a pattern with no slash but a trailing one matches a name at any depth; a
 * trailing slash matches folders only; a folder left out leaves out everything in it.
 */
export function ignoreMatcher(patterns: readonly string[], cwd: string): (entry: string, isDirectory: boolean) => boolean {
  const rules = patterns.map((pattern) => {
    const directoryOnly = pattern.endsWith('/');
    let body = pattern.replace(/\/+$/, '');
    const anchored = body.includes('/');
    body = body.replace(/^\//, '');
    return { glob: anchored ? body : `**/${body}`, directoryOnly };
  });
  const matches = (relative: string, isDirectory: boolean): boolean =>
    rules.some((rule) => (isDirectory || !rule.directoryOnly) && minimatch(relative, rule.glob, { dot: true }));
  return (entry, isDirectory) => {
    const relative = path.relative(cwd, entry).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('../')) return false;
    if (matches(relative, isDirectory)) return true;
    // A file inside a folder a pattern names (named on the command line, so never walked past).
    const parts = relative.split('/');
    for (let depth = parts.length - 1; depth >= 1; depth--) if (matches(parts.slice(0, depth).join('/'), true)) return true;
    return false;
  };
}

/** Expands the command's paths into the files to check: modules and HTML pages, less those `ignorePatterns` leave out. */
export function expandPaths(paths: readonly string[], cwd: string, ignorePatterns: readonly string[] = []): string[] {
  const files = new Set<string>();
  const leaveOut = ignoreMatcher(ignorePatterns, cwd);
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      throw new UsageError(`no such file or folder: ${given}`);
    }
    if (leaveOut(full, stat.isDirectory())) continue;
    if (stat.isDirectory()) for (const file of collectSourceFiles(full, undefined, leaveOut)) files.add(file);
    else if (isLintedFile(full)) files.add(full);
    else throw new UsageError(`not a JavaScript, TypeScript or HTML file: ${given}`);
  }
  return [...files].sort();
}

export interface LintRun {
  readonly reports: FileReport[];
  /** How many safe fixes --fix applied. */
  readonly fixed: number;
}

export function lint(files: readonly string[], rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings, level: Level, fix: boolean): LintRun {
  const minimum = severityRank(LEVEL_MIN[level]);
  // Only what the report shows is fixed: --fix without --level info leaves info findings alone.
  const shown = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => severityRank(finding.severity) >= minimum);
  let fixed = 0;
  const unwritable = new Map<string, FileProblem>();
  // Each file is linted once: the graphs need not outlive their findings.
  const options = { keepGraphs: false };
  let workspace = new Workspace(options);
  let byFile = workspace.lintFiles(files, rules, settings);
  // Each round applies the fixes that do not touch each other, then looks again.
  for (let round = 0; fix && round < 10; round++) {
    const applied = applySafeFixes(workspace, shown([...byFile.values()].flat()), unwritable);
    if (applied === 0) break;
    fixed += applied;
    workspace = new Workspace(options);
    byFile = workspace.lintFiles(files, rules, settings);
  }
  const reports = files.map((file): FileReport => {
    const findings = shown(byFile.get(file) ?? []);
    // Parsing finds syntax errors; files that do not use tfjs are not parsed, and not reported for them.
    if (workspace.isRelevant(file)) workspace.parse(file);
    const text = workspace.read(file);
    const problem = workspace.problemOf(file) ?? unwritable.get(file) ?? (text === undefined ? REMOVED : undefined);
    return { file, text: text ?? '', findings, ...(problem ? { problem } : {}) };
  });
  return { reports, fixed };
}

/**
 * Writes the safe fixes that do not touch each other, and returns how many were applied. A file that
 * cannot be written keeps its text, is noted in `unwritable`, and its fixes do not count.
 */
function applySafeFixes(workspace: Workspace, findings: readonly Finding[], unwritable: Map<string, FileProblem>): number {
  const claimed = new Map<string, { start: number; end: number }[]>();
  const accepted = new Map<string, Parameters<typeof applyEdits>[1][number][]>();
  const fixFiles: string[][] = [];
  for (const finding of findings) {
    if (!finding.fix) continue;
    const groups = editsByFile(finding.fix.edits);
    if ([...groups.keys()].some((file) => unwritable.has(file))) continue;
    const overlaps = [...groups].some(([file, edits]) =>
      edits.some((edit) => (claimed.get(file) ?? []).some((range) => edit.span.start < range.end && range.start < edit.span.end)),
    );
    if (overlaps) continue;
    for (const [file, edits] of groups) {
      claimed.set(file, [...(claimed.get(file) ?? []), ...edits.map((edit) => edit.span)]);
      accepted.set(file, [...(accepted.get(file) ?? []), ...edits]);
    }
    fixFiles.push([...groups.keys()]);
  }
  for (const [file, edits] of accepted) {
    const text = workspace.read(file);
    if (text === undefined) continue;
    try {
      fs.writeFileSync(file, applyEdits(text, edits));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'a read-only file system' : (error as Error).message;
      unwritable.set(file, { kind: 'unwritable', reason: `the fixes could not be written (${why})` });
    }
  }
  return fixFiles.filter((touched) => touched.every((file) => !unwritable.has(file))).length;
}

/**
 * 1 when an error is reported (a file that could not be analysed is one, as a parse error is in
 * ESLint) or when there are more warnings than allowed (a file whose analysis stopped at its
 * budget counts as one); 0 otherwise.
 */
export function exitCode(reports: readonly FileReport[], maxWarnings: number | undefined): number {
  const errors = reports.some((report) => report.findings.some((finding) => finding.severity === 'error') || (report.problem !== undefined && isFatal(report.problem)));
  if (errors) return 1;
  return maxWarnings !== undefined && warningCount(reports) > maxWarnings ? 1 : 0;
}

/** The warnings that `--max-warnings` counts: warning findings, and files whose analysis stopped at its budget. */
export function warningCount(reports: readonly FileReport[]): number {
  let warnings = 0;
  for (const report of reports) {
    warnings += report.findings.filter((finding) => finding.severity === 'warning').length;
    if (report.problem && !isFatal(report.problem)) warnings++;
  }
  return warnings;
}
