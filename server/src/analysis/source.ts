import * as path from 'node:path';
import { ts } from './typescript';

/** Files the analysis reads, by extension. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Larger files are not analysed: they are almost always generated or bundled code. */
export const MAX_FILE_BYTES = 1_000_000;

export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase()) && !file.endsWith('.d.ts');
}

export interface ParsedFile {
  readonly path: string;
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
  /** The first syntax error, if the file does not parse cleanly. */
  readonly syntaxError: { readonly line: number; readonly message: string } | undefined;
}

/** Why a file was not analysed, or undefined if it can be. */
export function unreadableReason(text: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1_000_000} MB`;
  if (text.includes('\0')) return 'binary content';
  return undefined;
}

function scriptKind(file: string): ts.ScriptKind {
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

/** The parser records syntax errors on the source file without exposing them in the public API. */
interface WithParseDiagnostics {
  readonly parseDiagnostics?: readonly ts.Diagnostic[];
}

export function parseSource(file: string, text: string): ParsedFile {
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const first = (sourceFile as unknown as WithParseDiagnostics).parseDiagnostics?.[0];
  const syntaxError = first
    ? {
        line: sourceFile.getLineAndCharacterOfPosition(first.start ?? 0).line + 1,
        message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
      }
    : undefined;
  return { path: file, text, sourceFile, syntaxError };
}

/**
 * Parsed files by path, re-parsed only when their text changes. With a capacity, the least recently
 * used parse goes first when a new one does not fit.
 */
export class ParseCache {
  private readonly files = new Map<string, ParsedFile>();

  constructor(private readonly capacity = Number.POSITIVE_INFINITY) {}

  get(file: string, text: string): ParsedFile {
    const cached = this.files.get(file);
    // A Map iterates in insertion order: deleting and setting again makes the file the most recent.
    this.files.delete(file);
    if (cached && cached.text === text) {
      this.files.set(file, cached);
      return cached;
    }
    const parsed = parseSource(file, text);
    this.files.set(file, parsed);
    if (this.files.size > this.capacity) this.files.delete(this.files.keys().next().value!);
    return parsed;
  }

  delete(file: string): void {
    this.files.delete(file);
  }
}
