import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyRule, TextEdit } from '../../../rules/core/rule';
import type { ProgramGraph } from '../../../rules/core/graph';
import { stoppedAtBudget, type RunDefaults } from './interpreter/evaluator-base';
import { type AnalysisHost, type ParameterStandIns, type RunLimits, DEFAULT_LIMITS } from './interpreter/interpreter';
import { runProgram, type ProgramRun } from './interpreter/program';
import type { PageLookup } from './interpreter/page-fields';
import { nearestPages } from './html/nearest-page';
import { mergeFindings, runRules, type Finding, type ResolvedFix, type RuleFailure, type RuleSettings } from './linter';
import { mentionsTfjs, relativeImports, resolveRelative } from './resolve';
import { LineMap } from './positions';
import { ParseCache, crashProblem, isHtmlFile, isLintedFile, isProblem, readSourceFile, syntaxProblem, unreadableReason, type FileProblem, type ParsedFile } from './source';
import { mayHaveSuppressions, readSuppressions } from './suppressions';

/** Something the analysis skipped, for the log. */
export interface Skip {
  readonly file: string;
  readonly reason: string;
  readonly problem: FileProblem;
}

/** Where file contents come from when no editor buffer holds them. */
export interface FileSystem {
  /** The text of a file; why it has none that can be analysed; undefined when there is no such file. */
  readFile(file: string): string | FileProblem | undefined;
}

export const nodeFileSystem: FileSystem = { readFile: readSourceFile };

export interface WorkspaceOptions {
  readonly fileSystem?: FileSystem;
  readonly limits?: RunLimits;
  /** How many files that import a changed file are re-analysed with it (on each change). */
  readonly maxImporterRuns?: number;
  /**
   * Whether the model graph of each run is kept once its findings are known (default true). The
   * editor asks again about the same files after every change and reuses them; a one-off lint of
   * many files lets each graph go, which keeps the memory the garbage collector walks small.
   */
  readonly keepGraphs?: boolean;
  /** How many parsed files are kept, the least recently used dropped first (all of them without). */
  readonly maxParsedFiles?: number;
  /** The most characters of source text whose parses are kept (all, without one). */
  readonly maxParsedCharacters?: number;
  readonly onSkip?: (skip: Skip) => void;
  readonly onRuleFailure?: (failure: RuleFailure) => void;
}

interface CachedRun {
  readonly run: ProgramRun;
  /** The text of each file the run read, when it read it. */
  readonly texts: ReadonlyMap<string, string | undefined>;
  findings?: { readonly settings: RuleSettings; readonly rules: Readonly<Record<string, AnyRule>>; readonly list: Finding[] };
}

/**
 * The files the analysis sees (editor buffers over the disk), their parses, which files import
 * which, and the cached program runs; shared by the language server and the CLI.
 */
export class Workspace implements AnalysisHost {
  private readonly overlays = new Map<string, string>();
  private readonly disk = new Map<string, string | FileProblem | undefined>();
  private readonly parses: ParseCache;
  /** Runs by their entries. */
  private readonly runs = new Map<string, CachedRun>();
  /** For each entry, the key of the run it was last part of. */
  private readonly programOf = new Map<string, string>();
  private readonly knownFiles = new Set<string>();
  /** Known files whose imports are not indexed yet. */
  private readonly unindexed: string[] = [];
  /** What each file imports (relative imports, resolved), as of its text when indexed. */
  private readonly importsOf = new Map<string, { text: string | undefined; targets: string[] }>();
  /** Who imports each file: the reverse of `importsOf` for the indexed files. */
  private readonly importersOf = new Map<string, Set<string>>();
  /** Why each file could not be read or parsed, as of its last parse. */
  private readonly parseProblems = new Map<string, FileProblem>();
  /** Entries whose findings could not be had on the last look: a rule, or the workspace itself, failed. */
  private readonly failures = new Map<string, FileProblem>();

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.parses = new ParseCache(options.maxParsedFiles, options.maxParsedCharacters);
  }

  // ---- file contents ---------------------------------------------------------------------------

  /** Text of an open editor buffer; it takes the place of the file on disk. */
  setOverlay(file: string, text: string): void {
    this.overlays.set(file, text);
    this.knownFiles.add(file);
    this.reindex(file);
  }

  clearOverlay(file: string): void {
    this.overlays.delete(file);
    this.reindex(file);
  }

  /**
   * Lets go of a file the editor closed: its text, its parse, the runs that read it (their entry's
   * among them) and, unless it is a file on disk, its place in the import index. A file on disk
   * keeps its entry there (its imports: a few paths), so that changes to it still reach the files
   * that import it.
   */
  forget(file: string): void {
    const targets = this.importsOf.get(file)?.targets ?? [];
    this.overlays.delete(file);
    this.disk.delete(file);
    this.parses.delete(file);
    this.parseProblems.delete(file);
    this.failures.delete(file);
    for (const [key, cached] of this.runs) {
      if (!cached.run.entries.includes(file) && !cached.texts.has(file)) continue;
      this.runs.delete(key);
      for (const entry of cached.run.entries) if (this.programOf.get(entry) === key) this.programOf.delete(entry);
    }
    this.programOf.delete(file);
    if (this.read(file) === undefined) {
      this.disk.delete(file);
      this.knownFiles.delete(file);
    }
    this.reindex(file);
    for (const target of [file, ...targets]) if (this.importersOf.get(target)?.size === 0) this.importersOf.delete(target);
  }

  /** The file changed, appeared or disappeared on disk. */
  diskChanged(file: string): void {
    this.disk.delete(file);
    if (!isLintedFile(file)) return;
    // A minified file rebuilt on disk stays out, as the folder walk leaves it out.
    if (this.read(file) !== undefined && !isMinifiedName(path.basename(file))) this.knownFiles.add(file);
    else this.knownFiles.delete(file);
    this.reindex(file);
  }

  /** Adds files (for example every source file of a workspace folder) to be indexed. */
  addKnownFiles(files: Iterable<string>): void {
    for (const file of files) {
      if (this.knownFiles.has(file)) continue;
      this.knownFiles.add(file);
      this.unindexed.push(file);
    }
  }

  /**
   * Indexes the imports of known files until `deadline` (a performance.now() time; all of them
   * without one). Returns true when every known file is indexed.
   */
  indexPending(deadline = Number.POSITIVE_INFINITY): boolean {
    while (this.unindexed.length > 0 && performance.now() < deadline) {
      const file = this.unindexed.pop()!;
      if (!this.importsOf.has(file)) this.reindex(file);
    }
    return this.unindexed.length === 0;
  }

  read(file: string): string | undefined {
    const content = this.content(file);
    return typeof content === 'string' ? content : undefined;
  }

  private content(file: string): string | FileProblem | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (this.disk.has(file)) return this.disk.get(file);
    const content = (this.options.fileSystem ?? nodeFileSystem).readFile(file);
    this.disk.set(file, content);
    return content;
  }

  exists(file: string): boolean {
    return this.read(file) !== undefined;
  }

  /** The parse of a file, or undefined when it cannot be read or parsed (see `problemOf`). */
  parse(file: string): ParsedFile | undefined {
    const content = this.content(file);
    if (typeof content !== 'string') {
      this.note(this.parseProblems, file, content);
      return undefined;
    }
    const parsed = this.parses.get(file, content);
    if (isProblem(parsed)) {
      this.note(this.parseProblems, file, parsed);
      return undefined;
    }
    this.note(this.parseProblems, file, parsed.syntaxError ? syntaxProblem(parsed.syntaxError) : undefined);
    return parsed;
  }

  /**
   * Why `file` could not be analysed, or only partly, as far as the work done so far tells: its
   * reading, its parse (when it was parsed) and the run that last linted it.
   */
  problemOf(file: string): FileProblem | undefined {
    const content = this.content(file);
    if (content !== undefined && typeof content !== 'string') return content;
    // Files that do not use tfjs are never parsed; a binary or oversized one is still not analysed.
    const unreadable = content === undefined ? undefined : unreadableReason(content);
    if (unreadable) return { kind: 'unreadable', reason: unreadable };
    // A file that no longer uses tfjs is not analysed, so what its last analysis met no longer holds.
    if (!this.isRelevant(file)) return undefined;
    const partial = this.partialReason(file);
    return this.parseProblems.get(file) ?? (partial !== undefined ? this.partialProblem(partial) : undefined) ?? this.failures.get(file);
  }

  /** A unit of the file stopped early, so the run reports nothing in it: a limit, or a failure. */
  private partialProblem(reason: string): FileProblem {
    if (stoppedAtBudget(reason, this.options.limits ?? DEFAULT_LIMITS)) return { kind: 'incomplete', reason };
    // Code nested too deeply is the input's doing; any other stop is a failure of the analysis, kept for the log.
    return { kind: 'crash', reason, ...(isNestingReason(reason) ? {} : { detail: reason }) };
  }

  /** Records (or clears) a file's problem, and logs it when it is new. */
  private note(problems: Map<string, FileProblem>, file: string, problem: FileProblem | undefined): void {
    if (!problem) {
      problems.delete(file);
      return;
    }
    if (problems.get(file)?.reason === problem.reason) return;
    problems.set(file, problem);
    this.options.onSkip?.({ file, reason: problem.reason, problem });
  }

  // ---- who imports whom ------------------------------------------------------------------------

  /** Brings the import index up to date for one file's current text. */
  private reindex(file: string): void {
    for (const target of this.importsOf.get(file)?.targets ?? []) this.importersOf.get(target)?.delete(file);
    this.importsOf.delete(file);
    if (!this.knownFiles.has(file)) return;
    for (const target of this.targetsOf(file)) {
      let importers = this.importersOf.get(target);
      if (!importers) this.importersOf.set(target, (importers = new Set()));
      importers.add(file);
    }
  }

  private targetsOf(file: string): string[] {
    const text = this.read(file);
    const cached = this.importsOf.get(file);
    if (cached && cached.text === text) return cached.targets;
    const targets = text === undefined ? [] : relativeImports(text).flatMap((specifier) => resolveRelative(file, specifier, (candidate) => this.exists(candidate)) ?? []);
    this.importsOf.set(file, { text, targets });
    return targets;
  }

  /** Files that import `file`, directly or through others, nearest first. */
  dependents(file: string, limit = Number.POSITIVE_INFINITY): string[] {
    const index = this.importersOf;
    const seen = new Set([file]);
    const order: string[] = [];
    const queue = [file];
    while (queue.length > 0 && order.length < limit) {
      for (const importer of index.get(queue.shift()!) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        order.push(importer);
        queue.push(importer);
        if (order.length >= limit) break;
      }
    }
    return order;
  }

  /** The files `file` imports through relative imports, directly or not, nearest first. */
  dependencies(file: string): string[] {
    const seen = new Set([file]);
    const order: string[] = [];
    const queue = [file];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (!this.importsOf.has(next)) this.reindex(next);
      for (const target of this.importsOf.get(next)?.targets ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        order.push(target);
        queue.push(target);
      }
    }
    return order;
  }

  /** Whether the file uses tfjs or imports (through relative imports) a file that does. */
  isRelevant(file: string): boolean {
    const seen = new Set([file]);
    const pending = [file];
    while (pending.length > 0) {
      const next = pending.pop()!;
      const text = this.read(next);
      if (text === undefined) continue;
      if (mentionsTfjs(text)) return true;
      for (const target of this.targetsOf(next)) {
        if (seen.has(target)) continue;
        seen.add(target);
        pending.push(target);
      }
    }
    return false;
  }

  /**
   * The files among `files` that are relevant, in their order: those that mention tfjs and those that
   * import one that does, found backwards through the import index in one pass over it.
   */
  private relevantAmong(files: readonly string[]): string[] {
    const relevant = new Set<string>();
    const pending: string[] = [];
    for (const file of this.knownFiles) {
      const text = this.read(file);
      if (text !== undefined && mentionsTfjs(text)) {
        relevant.add(file);
        pending.push(file);
      }
    }
    while (pending.length > 0) {
      for (const importer of this.importersOf.get(pending.pop()!) ?? []) {
        if (relevant.has(importer)) continue;
        relevant.add(importer);
        pending.push(importer);
      }
    }
    return files.filter((file) => relevant.has(file));
  }

  // ---- analysis --------------------------------------------------------------------------------

  /** The run from `entry` alone, reused while none of the files it read has changed. */
  run(entry: string): CachedRun {
    return this.program([entry]);
  }

  /**
   * The run from `entries` together (each module evaluated once, however many entries import it),
   * reused while none of the files it read has changed.
   */
  program(entries: readonly string[]): CachedRun {
    const key = runKey(entries);
    const cached = this.runs.get(key);
    if (cached && [...cached.texts].every(([file, text]) => this.read(file) === text)) return cached;
    const run = runProgram(this, entries, this.options.limits ?? DEFAULT_LIMITS);
    for (const [file, reason] of run.partial) this.options.onSkip?.({ file, reason: `only partly analysed: ${reason}`, problem: this.partialProblem(reason) });
    const texts = new Map<string, string | undefined>();
    for (const file of run.files) texts.set(file, this.read(file));
    const fresh: CachedRun = { run, texts };
    this.runs.set(key, fresh);
    for (const entry of entries) this.programOf.set(entry, key);
    return fresh;
  }

  /**
   * A run from `entries` with values standing in for parameters the code leaves unknown, and with
   * `defaults` its command-line options at their defaults, the form fields of its page at the
   * values the page gives them and its lists of elements as the page has them: for the overfit check's static build only, never cached, never linted.
   */
  programWithStandIns(entries: readonly string[], standIns: ParameterStandIns, defaults?: RunDefaults): ProgramRun {
    return runProgram(this, entries, this.options.limits ?? DEFAULT_LIMITS, standIns, defaults);
  }

  /** The fields and elements of the page each script runs in, from the known pages and those open in the editor. */
  pages(entry?: string): PageLookup {
    const pages = new Set([...this.knownFiles, ...this.overlays.keys()].filter(isHtmlFile));
    return nearestPages(pages, (page) => this.read(page), (file) => this.dependencies(file), entry);
  }

  /** The files read by the run that last linted `file`. */
  filesAnalysedWith(file: string): ReadonlySet<string> {
    const key = this.programOf.get(file);
    return (key !== undefined ? this.runs.get(key)?.run.files : undefined) ?? new Set();
  }

  /** Why the run that last linted `file` could not follow its code to the end, if it could not. */
  partialReason(file: string): string | undefined {
    const key = this.programOf.get(file);
    return key !== undefined ? this.runs.get(key)?.run.partial.get(file) : undefined;
  }

  /** The findings of a run; throws when a rule fails on it (see `findingsOrProblems`). */
  private findingsOf(cached: CachedRun, rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Finding[] {
    if (cached.findings && cached.findings.settings === settings && cached.findings.rules === rules) return cached.findings.list;
    let failed: RuleFailure | undefined;
    const list = runRules(cached.run, rules, settings, (file) => this.read(file) ?? '', (failure) => {
      failed ??= failure;
      this.options.onRuleFailure?.(failure);
    });
    // Not cached: the failure is met again on the next look, until what makes the rule fail changes.
    if (failed) throw new RuleFailed(failed);
    cached.findings = { settings, rules, list };
    return list;
  }

  /**
   * The findings of the program from `entries`. When it fails as a whole (a rule throws, or the
   * analysis itself), each half of the entries is analysed on its own, down to single entries, and
   * one that fails alone gets the failure as its problem: one file cannot stop the analysis of the
   * others. Halving finds a failing file in a logarithmic number of runs, and only when one fails.
   */
  private findingsOrProblems(entries: readonly string[], rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Finding[] {
    try {
      const cached = this.program(entries);
      const findings = this.findingsOf(cached, rules, settings);
      for (const entry of entries) this.failures.delete(entry);
      if (this.options.keepGraphs === false) this.runs.set(runKey(entries), { ...cached, run: { ...cached.run, graph: emptyGraph() } });
      return findings;
    } catch (error) {
      if (entries.length > 1) {
        const half = Math.ceil(entries.length / 2);
        return [...this.findingsOrProblems(entries.slice(0, half), rules, settings), ...this.findingsOrProblems(entries.slice(half), rules, settings)];
      }
      this.note(this.failures, entries[0]!, error instanceof RuleFailed ? error.problem : crashProblem(error));
      return [];
    }
  }

  /**
   * The findings located in `file`: from the run that starts at it together with the files that
   * import it (a model defined here may be compiled there). Suppression comments applied.
   */
  lintFile(file: string, rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Finding[] {
    if (!this.isRelevant(file)) return [];
    const parsed = this.parse(file);
    if (!parsed || parsed.syntaxError) return [];
    const entries = [file, ...this.dependents(file, this.options.maxImporterRuns ?? 32)];
    const located = this.findingsOrProblems(entries, rules, settings).filter((finding) => finding.span.file === file);
    return this.reported(parsed, located);
  }

  /**
   * Lints many files together (the CLI): one run per group of files connected by imports, with
   * every relevant file of the group as an entry, so each module is evaluated once; findings go to
   * the file they are in.
   */
  lintFiles(files: readonly string[], rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Map<string, Finding[]> {
    this.addKnownFiles(files);
    this.indexPending();
    const byFile = new Map<string, Finding[]>(files.map((file) => [file, []]));
    for (const component of this.importComponents(this.relevantAmong(files))) {
      for (const finding of this.findingsOrProblems(component, rules, settings)) byFile.get(finding.span.file)?.push(finding);
    }
    for (const [file, findings] of byFile) {
      const parsed = findings.length > 0 ? this.parse(file) : undefined;
      byFile.set(file, parsed && !parsed.syntaxError ? this.reported(parsed, findings) : []);
    }
    return byFile;
  }

  /**
   * The files grouped by the imports that connect them, directly or through other files, in either
   * direction. Files of one group run together (a module they share is evaluated once for all);
   * unconnected files run apart, which keeps each run's graph small. In the order of `files`.
   */
  private importComponents(files: readonly string[]): string[][] {
    const parent = new Map<string, string>();
    const root = (file: string): string => {
      let current = file;
      while (parent.has(current) && parent.get(current) !== current) current = parent.get(current)!;
      // Path compression: later lookups of this chain take one step.
      let next = file;
      while (next !== current) {
        const up = parent.get(next)!;
        parent.set(next, current);
        next = up;
      }
      return current;
    };
    const union = (a: string, b: string): void => {
      const ra = root(a);
      const rb = root(b);
      if (ra !== rb) parent.set(ra, rb);
    };
    for (const file of this.knownFiles) parent.set(file, parent.get(file) ?? file);
    for (const [file, { targets }] of this.importsOf) {
      for (const target of targets) {
        if (!parent.has(target)) parent.set(target, target);
        union(file, target);
      }
    }
    const groups = new Map<string, string[]>();
    for (const file of files) {
      const key = parent.has(file) ? root(file) : file;
      const group = groups.get(key);
      if (group) group.push(file);
      else groups.set(key, [file]);
    }
    return [...groups.values()];
  }

  /** What is reported in a file of its findings: once per rule and place, not silenced, fixes inside code. */
  private reported(parsed: ParsedFile, findings: readonly Finding[]): Finding[] {
    return this.suppress(parsed, mergeFindings(findings)).map((finding) => this.withinCode(finding));
  }

  /**
   * The findings that no disable comment silences. Lines are counted as in the reports (LineMap), so
   * that a comment silences the line a finding is shown on.
   */
  private suppress(parsed: ParsedFile, findings: Finding[]): Finding[] {
    // Lines are worked out only for a file that has findings and a directive that could hide them.
    if (findings.length === 0 || !mayHaveSuppressions(parsed.text)) return findings;
    let lines: LineMap | undefined;
    const lineOf = (offset: number): number => (lines ??= new LineMap(parsed.text)).position(offset).line;
    const suppressions = readSuppressions(parsed.sourceFile, lineOf);
    return findings.filter((finding) => !suppressions.isSuppressed(finding.ruleId, lineOf(finding.span.start)));
  }

  /**
   * The finding without the fixes and suggestions that would edit an HTML page outside its scripts.
   * Rules compute edits from the page's text, where markup surrounds the code; an edit that reached
   * into it would break the page, so it is not offered at all.
   */
  private withinCode(finding: Finding): Finding {
    const inCode = (edit: TextEdit): boolean => {
      if (!isHtmlFile(edit.span.file)) return true;
      const scripts = this.parse(edit.span.file)?.scripts ?? [];
      return scripts.some((script) => script.start <= edit.span.start && edit.span.end <= script.end);
    };
    const keeps = (fix: ResolvedFix): boolean => fix.edits.every(inCode);
    if ((!finding.fix || keeps(finding.fix)) && finding.suggestions.every(keeps)) return finding;
    const { fix, ...rest } = finding;
    return { ...rest, ...(fix && keeps(fix) ? { fix } : {}), suggestions: finding.suggestions.filter(keeps) };
  }
}

function isNestingReason(reason: string): boolean {
  return reason === 'the code is nested too deeply to analyse';
}

/** A rule's failure on a run, as the problem of the entry it failed on. */
class RuleFailed extends Error {
  readonly problem: FileProblem;

  constructor(failure: RuleFailure) {
    super(`rule ${failure.ruleId} failed`);
    // Without the stack: onRuleFailure has the error itself.
    const { detail: _stack, ...problem } = crashProblem(failure.error, `the rule ${failure.ruleId}`);
    this.problem = problem;
  }
}

function skipsFolder(name: string): boolean {
  return name === 'node_modules' || name === 'dist' || name.startsWith('.');
}

/** A minified file (`face-api.min.js`): a library built elsewhere and committed beside the code, not code written here. */
function isMinifiedName(name: string): boolean {
  return /\.min\.[cm]?[jt]s$/i.test(name);
}

/** Every file to lint under `root` (modules and HTML pages), without blocking: for the language server's start. */
export async function collectSourceFilesAsync(root: string, limit = 20_000): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < limit) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name)) pending.push(full);
      } else if (entry.isFile() && isLintedFile(full) && !isMinifiedName(entry.name) && files.length < limit) {
        files.push(full);
      }
    }
  }
  return files;
}

/**
 * The HTML pages in the file's folder and each folder above it up to `stop` (when `stop` holds the
 * file; else its own folder only), not in their subfolders: the pages a script may run in, which a
 * project without a package.json does not bring in otherwise.
 */
export function pagesAbove(file: string, stop: string): string[] {
  const pages: string[] = [];
  const inside = path.relative(stop, file);
  const bounded = inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      // A folder that cannot be read has no page to give.
    }
    for (const entry of entries) if (entry.isFile() && isHtmlFile(entry.name)) pages.push(path.join(dir, entry.name));
    if (!bounded || dir === stop || path.dirname(dir) === dir) return pages;
  }
}

/** Every file to lint under `root` (modules and HTML pages), skipping dependency, build and hidden folders. */
export function collectSourceFiles(root: string, limit = 20_000, leaveOut: (entry: string, isDirectory: boolean) => boolean = () => false): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (skipsFolder(entry.name) || leaveOut(full, true)) continue;
        walk(full);
      } else if (!entry.isSymbolicLink() && isLintedFile(full) && !isMinifiedName(entry.name) && !leaveOut(full, false)) {
        // Not only regular files: a FIFO or socket named like a source file gets a report that
        // says it was not analysed, instead of passing unseen.
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}

/** The key of the run from `entries` together. */
function runKey(entries: readonly string[]): string {
  return entries.join('\n');
}

/** The graph of a run whose graph was let go: its findings are kept with it. */
function emptyGraph(): ProgramGraph {
  return { models: [], layers: [], tensors: [], optimizers: [], gradients: [], events: [], derived: new Map() };
}
