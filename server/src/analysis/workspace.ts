import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnyRule } from '../../../rules/core/rule';
import { Interpreter, type AnalysisHost, type ProgramRun, type RunLimits, DEFAULT_LIMITS } from './interpreter/interpreter';
import { mergeFindings, runRules, type Finding, type RuleFailure, type RuleSettings } from './linter';
import { mentionsTfjs, relativeImports, resolveRelative } from './resolve';
import { ParseCache, isSourceFile, unreadableReason, type ParsedFile } from './source';
import { readSuppressions } from './suppressions';

/** Something the analysis skipped, for the log. */
export interface Skip {
  readonly file: string;
  readonly reason: string;
}

/** Where file contents come from when no editor buffer holds them. */
export interface FileSystem {
  /** The text of a regular file, or undefined when there is none. */
  readFile(file: string): string | undefined;
}

export const nodeFileSystem: FileSystem = {
  readFile(file) {
    try {
      return fs.statSync(file).isFile() ? fs.readFileSync(file, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
};

export interface WorkspaceOptions {
  readonly fileSystem?: FileSystem;
  readonly limits?: RunLimits;
  /** How many files that import a changed file are re-analysed with it (on each change). */
  readonly maxImporterRuns?: number;
  /** How many parsed files are kept, the least recently used dropped first (all of them without). */
  readonly maxParsedFiles?: number;
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
  private readonly disk = new Map<string, string | undefined>();
  private readonly parses: ParseCache;
  private readonly runs = new Map<string, CachedRun>();
  private readonly knownFiles = new Set<string>();
  /** Known files whose imports are not indexed yet. */
  private readonly unindexed: string[] = [];
  /** What each file imports (relative imports, resolved), as of its text when indexed. */
  private readonly importsOf = new Map<string, { text: string | undefined; targets: string[] }>();
  /** Who imports each file: the reverse of `importsOf` for the indexed files. */
  private readonly importersOf = new Map<string, Set<string>>();
  private readonly skipped = new Map<string, string>();

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.parses = new ParseCache(options.maxParsedFiles);
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
    this.skipped.delete(file);
    for (const [entry, cached] of this.runs) if (entry === file || cached.texts.has(file)) this.runs.delete(entry);
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
    if (!isSourceFile(file)) return;
    if (this.read(file) !== undefined) this.knownFiles.add(file);
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
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (this.disk.has(file)) return this.disk.get(file);
    const text = (this.options.fileSystem ?? nodeFileSystem).readFile(file);
    this.disk.set(file, text);
    return text;
  }

  exists(file: string): boolean {
    return this.read(file) !== undefined;
  }

  parse(file: string): ParsedFile | undefined {
    const text = this.read(file);
    if (text === undefined) return undefined;
    const unreadable = unreadableReason(text);
    if (unreadable) {
      this.skip(file, unreadable);
      return undefined;
    }
    const parsed = this.parses.get(file, text);
    if (parsed.syntaxError) this.skip(file, `syntax error at line ${parsed.syntaxError.line}: ${parsed.syntaxError.message}`);
    else this.skipped.delete(file);
    return parsed;
  }

  private skip(file: string, reason: string): void {
    if (this.skipped.get(file) === reason) return;
    this.skipped.set(file, reason);
    this.options.onSkip?.({ file, reason });
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

  /** Whether the file uses tfjs or imports (through relative imports) a file that does. */
  isRelevant(file: string, seen = new Set<string>()): boolean {
    if (seen.has(file)) return false;
    seen.add(file);
    const text = this.read(file);
    if (text === undefined) return false;
    if (mentionsTfjs(text)) return true;
    return this.targetsOf(file).some((target) => this.isRelevant(target, seen));
  }

  // ---- analysis --------------------------------------------------------------------------------

  /** The run from `entry`, reused while none of the files it read has changed. */
  run(entry: string): CachedRun {
    const cached = this.runs.get(entry);
    if (cached && [...cached.texts].every(([file, text]) => this.read(file) === text)) return cached;
    const run = new Interpreter(this, this.options.limits ?? DEFAULT_LIMITS).run(entry);
    if (run.aborted) this.skip(entry, run.aborted);
    const texts = new Map<string, string | undefined>();
    for (const file of run.files) texts.set(file, this.read(file));
    const fresh: CachedRun = { run, texts };
    this.runs.set(entry, fresh);
    return fresh;
  }

  /** The files read by the cached run from `entry` (after `run(entry)`). */
  filesOfRun(entry: string): ReadonlySet<string> {
    return this.runs.get(entry)?.run.files ?? new Set();
  }

  findingsOfRun(entry: string, rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Finding[] {
    const cached = this.run(entry);
    if (cached.findings && cached.findings.settings === settings && cached.findings.rules === rules) return cached.findings.list;
    const list = runRules(cached.run, rules, settings, (file) => this.read(file) ?? '', this.options.onRuleFailure);
    cached.findings = { settings, rules, list };
    return list;
  }

  /**
   * The findings located in `file`: from the run that starts at it and from the runs of the files
   * that import it (a model defined here may be compiled there). Suppression comments applied.
   */
  lintFile(file: string, rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Finding[] {
    if (!this.isRelevant(file)) return [];
    const parsed = this.parse(file);
    if (!parsed || parsed.syntaxError) return [];
    const entries = [file, ...this.dependents(file, this.options.maxImporterRuns ?? 32)];
    const located: Finding[] = [];
    for (const entry of entries) {
      for (const finding of this.findingsOfRun(entry, rules, settings)) if (finding.span.file === file) located.push(finding);
    }
    return this.suppress(parsed, mergeFindings(located));
  }

  /** Lints many files together (the CLI): every file is an entry, and findings go to the file they are in. */
  lintFiles(files: readonly string[], rules: Readonly<Record<string, AnyRule>>, settings: RuleSettings): Map<string, Finding[]> {
    this.addKnownFiles(files);
    this.indexPending();
    const byFile = new Map<string, Finding[]>(files.map((file) => [file, []]));
    const relevant = files.filter((file) => this.isRelevant(file));
    for (const entry of relevant) {
      for (const finding of this.findingsOfRun(entry, rules, settings)) byFile.get(finding.span.file)?.push(finding);
    }
    for (const [file, findings] of byFile) {
      const parsed = findings.length > 0 ? this.parse(file) : undefined;
      byFile.set(file, parsed && !parsed.syntaxError ? this.suppress(parsed, mergeFindings(findings)) : []);
    }
    return byFile;
  }

  private suppress(parsed: ParsedFile, findings: Finding[]): Finding[] {
    const sourceFile = parsed.sourceFile;
    const suppressions = readSuppressions(parsed.text, (offset) => sourceFile.getLineAndCharacterOfPosition(offset).line);
    return findings.filter((finding) => !suppressions.isSuppressed(finding.ruleId, sourceFile.getLineAndCharacterOfPosition(finding.span.start).line));
  }

  /** Why a file is currently not analysed, if it is not. */
  skipReason(file: string): string | undefined {
    return this.skipped.get(file);
  }
}

function skipsFolder(name: string): boolean {
  return name === 'node_modules' || name === 'dist' || name.startsWith('.');
}

/** Every source file under `root`, without blocking: for the language server's start. */
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
      } else if (entry.isFile() && isSourceFile(full) && files.length < limit) {
        files.push(full);
      }
    }
  }
  return files;
}

/** Every source file under `root`, skipping dependency, build and hidden folders. */
export function collectSourceFiles(root: string, limit = 20_000): string[] {
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
        if (skipsFolder(entry.name)) continue;
        walk(full);
      } else if (entry.isFile() && isSourceFile(full)) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}
