import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PageHandler, PageScript } from './html/page';
import { parsePage } from './html/parse-page';
import { firstParseError, syntaxErrorAt, type SyntaxErrorAt } from './syntax-errors';
import { ts } from './typescript';

/** Modules the analysis reads, by extension. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** HTML pages, whose inline scripts the analysis reads. */
export const HTML_EXTENSIONS: readonly string[] = ['.html', '.htm'];

/** Larger files are not analysed: they are almost always generated or bundled code. */
export const MAX_FILE_BYTES = 1_000_000;

/** A JavaScript or TypeScript module (not a declaration file). */
export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase()) && !file.endsWith('.d.ts');
}

export function isHtmlFile(file: string): boolean {
  return HTML_EXTENSIONS.includes(path.extname(file).toLowerCase());
}

/**
 * Why a file is not one a training run can run (it runs modules, not pages), or undefined when it
 * is one. `shown` is the file as the user named it.
 */
export function notScriptReason(file: string, shown: string): string | undefined {
  if (isHtmlFile(file)) return `${shown} is an HTML page, and a training run runs script files: run it on the .js or .ts file the page loads, or move the page's inline script into one`;
  return notCodeReason(file, shown, '');
}

/**
 * Why the overfit check cannot take a file, or undefined when it can: a module, or an HTML page,
 * whose inline scripts it rebuilds the models of (it cannot run them: they are a browser's).
 */
export function notCheckableReason(file: string, shown: string): string | undefined {
  return isHtmlFile(file) ? undefined : notCodeReason(file, shown, ' or an HTML page');
}

function notCodeReason(file: string, shown: string, orPage: string): string | undefined {
  if (file.endsWith('.d.ts')) return `${shown} is a declaration file: it holds types, no code to run`;
  if (SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase())) return undefined;
  return `${shown} is not a JavaScript or TypeScript file (${SOURCE_EXTENSIONS.join(' ')})${orPage}`;
}

/** The files the linter checks: modules, and HTML pages for their inline scripts. */
export function isLintedFile(file: string): boolean {
  return isSourceFile(file) || isHtmlFile(file);
}

export interface ParsedFile {
  readonly path: string;
  /** The code that was parsed: the file's text, or for an HTML page its scripts with the markup blanked out. */
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  /** The first syntax error (1-based position), if the file does not parse cleanly. */
  readonly syntaxError: SyntaxErrorAt | undefined;
  /**
   * Whether an undeclared `tf` is the tfjs namespace, the global that the tfjs script bundle
   * defines: in a module, it is (its page may load that bundle first); in an HTML page, when the
   * page loads it.
   */
  readonly tfGlobal: boolean;
  /** For an HTML page, its inline scripts in document order; undefined for a module. */
  readonly scripts?: readonly PageScript[];
  /** For an HTML page, the event handler attributes whose code the program holds, in document order. */
  readonly handlers?: readonly PageHandler[];
}

/**
 * Why a file could not be analysed, or was only partly analysed. Every kind but `incomplete` is
 * what ESLint calls a fatal error: the file has no trustworthy findings, so it must not pass as clean.
 * - `unreadable`: no text to analyse (permission denied, not a regular file, too large, binary);
 * - `syntax`: the file does not parse;
 * - `crash`: the parser, the interpreter or a rule failed on it (a stack overflow on deeply nested code, a bug);
 * - `incomplete`: the analysis stopped at its budget; what it saw before was not checked either.
 */
export interface FileProblem {
  readonly kind: 'unreadable' | 'syntax' | 'crash' | 'incomplete' | 'unwritable';
  /** A phrase that completes "Not analysed: ..." (for 'unwritable', "Not fixed: ..."). */
  readonly reason: string;
  /** 1-based position, when the problem has one (a syntax error). */
  readonly line?: number;
  readonly column?: number;
  /** The stack of the error behind a crash, for the log. */
  readonly detail?: string;
}

export function isFatal(problem: FileProblem): boolean {
  return problem.kind !== 'incomplete';
}

/** The text users see for a problem, in every report format. */
export function problemMessage(problem: FileProblem): string {
  return problem.kind === 'unwritable' ? `Not fixed: ${problem.reason}` : `Not analysed: ${problem.reason}`;
}

const TOO_LARGE = `larger than ${MAX_FILE_BYTES / 1_000_000} MB`;
const BINARY = 'binary content';

/** Why a text is not analysed, or undefined if it can be. */
export function unreadableReason(text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return TOO_LARGE;
  if (text.includes('\0')) return BINARY;
  return undefined;
}

/** Whether the problem is the file's content (too large, binary): a bundle or an asset, most often, and not code to check. */
export function isUnfitContent(problem: FileProblem): boolean {
  return problem.kind === 'unreadable' && (problem.reason === TOO_LARGE || problem.reason === BINARY);
}

function unreadable(reason: string): FileProblem {
  return { kind: 'unreadable', reason };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function cannotRead(error: unknown): FileProblem {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return unreadable('permission denied');
  return unreadable(`cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`);
}

function notRegular(stat: fs.Stats): FileProblem {
  if (stat.isDirectory()) return unreadable('a folder, not a file');
  const kind = stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'a special file';
  return unreadable(`${kind}, not a regular file`);
}

/**
 * The text of a source file on disk; why it cannot be analysed when it exists but has no usable
 * text; undefined when there is no such file (the import resolution tries the next candidate).
 * The file type is checked before anything is opened: opening a FIFO waits until a writer opens it,
 * which would hang the analysis.
 */
export function readSourceFile(file: string): string | FileProblem | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : cannotRead(error);
  }
  if (!stat.isFile()) return notRegular(stat);
  if (stat.size > MAX_FILE_BYTES) return unreadable(TOO_LARGE);
  let fd: number;
  try {
    // Non-blocking in case the path became a FIFO since the stat: the open then returns at once,
    // and the type is checked again on what was opened. (Windows has no such flag, nor FIFOs.)
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return errorCode(error) === 'ENOENT' ? undefined : cannotRead(error);
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return notRegular(opened);
    if (opened.size > MAX_FILE_BYTES) return unreadable(TOO_LARGE);
    return fs.readFileSync(fd, 'utf8');
  } catch (error) {
    return cannotRead(error);
  } finally {
    fs.closeSync(fd);
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && error.name === 'RangeError' && /call stack/i.test(error.message);
}

/**
 * The problem a failure of the analysis of one file becomes. The parser, the interpreter and the
 * rules are recursive, and code nested a few hundred levels deep overflows the call stack: that is
 * a property of the file, reported as such, not a reason to stop analysing the other files.
 */
export function crashProblem(error: unknown, during = 'the analysis'): FileProblem {
  // The same words as the interpreter's for a unit that overflows (abortReason).
  if (isStackOverflow(error)) return { kind: 'crash', reason: 'the code is nested too deeply to analyse' };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'crash', reason: `${during} failed with ${text}`, ...(error instanceof Error && error.stack ? { detail: error.stack } : {}) };
}

export function syntaxProblem(error: NonNullable<ParsedFile['syntaxError']>): FileProblem {
  return { kind: 'syntax', reason: `syntax error at line ${error.line}: ${error.message}`, line: error.line, column: error.column };
}

/** How TypeScript's parser reads a file, by its extension. */
export function scriptKind(file: string): ts.ScriptKind {
  switch (path.extname(file).toLowerCase()) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

/** Parses a module, or the inline scripts of an HTML page. */
export function parseSource(file: string, text: string): ParsedFile {
  if (isHtmlFile(file)) return parsePage(file, text);
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const error = firstParseError(sourceFile);
  return { path: file, text, sourceFile, syntaxError: error ? syntaxErrorAt(text, error) : undefined, tfGlobal: true };
}

/**
 * Parsed files by path, re-parsed only when their text changes. A text that cannot be analysed
 * (too large, binary) or that the parser fails on gives the problem instead; it is remembered like
 * a parse, so the same text is not tried again. With a capacity, the least recently used parse goes
 * first when a new one does not fit.
 */
export class ParseCache {
  private readonly files = new Map<string, { readonly text: string; readonly result: ParsedFile | FileProblem }>();
  /** Characters of the texts whose parses are kept. */
  private characters = 0;

  /**
   * `capacity` bounds the number of files, `maxCharacters` the size of their texts together: a
   * syntax tree takes many times the memory of its text, so a few large files weigh like many small ones.
   */
  constructor(
    private readonly capacity = Number.POSITIVE_INFINITY,
    private readonly maxCharacters = Number.POSITIVE_INFINITY,
  ) {}

  get(file: string, text: string): ParsedFile | FileProblem {
    const cached = this.files.get(file);
    // A Map iterates in insertion order: deleting and setting again makes the file the most recent.
    if (cached) this.remove(file, cached.text);
    if (cached && cached.text === text) {
      this.add(file, cached);
      return cached.result;
    }
    const result = parseOrProblem(file, text);
    this.add(file, { text, result });
    while (this.files.size > 1 && (this.files.size > this.capacity || this.characters > this.maxCharacters)) {
      const [oldest, entry] = this.files.entries().next().value!;
      this.remove(oldest, entry.text);
    }
    return result;
  }

  delete(file: string): void {
    const cached = this.files.get(file);
    if (cached) this.remove(file, cached.text);
  }

  private add(file: string, entry: { readonly text: string; readonly result: ParsedFile | FileProblem }): void {
    this.files.set(file, entry);
    this.characters += entry.text.length;
  }

  private remove(file: string, text: string): void {
    this.files.delete(file);
    this.characters -= text.length;
  }
}

export function isProblem(result: ParsedFile | FileProblem): result is FileProblem {
  return 'kind' in result;
}

function parseOrProblem(file: string, text: string): ParsedFile | FileProblem {
  const reason = unreadableReason(text);
  if (reason) return unreadable(reason);
  try {
    return parseSource(file, text);
  } catch (error) {
    return crashProblem(error, 'the parser');
  }
}
