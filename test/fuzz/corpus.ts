import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ts } from 'ts-morph';
import { readPage } from '../../server/src/analysis/html/page';
import { isHtmlFile, parseSource, scriptKind } from '../../server/src/analysis/source';
import { packageRoot } from '../../server/src/docs';

/** A source file of the sample workspace, the material inputs are made from. */
export interface SampleFile {
  /** Relative to the sample workspace, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

export interface Corpus {
  readonly files: readonly SampleFile[];
  /** The sample files by folder: a folder is a project whose files import each other. */
  readonly folders: ReadonlyMap<string, readonly SampleFile[]>;
  /** Every identifier of the sample files, once, for splicing names across files. */
  readonly identifiers: readonly string[];
  /** Every non-blank line of the sample files, for splicing code across files. */
  readonly lines: readonly string[];
}

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly kind: ts.SyntaxKind;
}

export const SAMPLE_WORKSPACE = path.join(packageRoot(), 'test-workspace');

const SAMPLE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx|html?)$/;

export function loadCorpus(root = SAMPLE_WORKSPACE): Corpus {
  const files: SampleFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && SAMPLE_EXTENSIONS.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push({ path: path.relative(root, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  const folders = new Map<string, SampleFile[]>();
  for (const file of files) {
    const folder = path.posix.dirname(file.path);
    folders.set(folder, [...(folders.get(folder) ?? []), file]);
  }
  const identifiers = new Set<string>();
  for (const file of files) {
    for (const token of scanTokens(file.text)) if (token.kind === ts.SyntaxKind.Identifier) identifiers.add(file.text.slice(token.start, token.end));
  }
  const lines = files.flatMap((file) => file.text.split('\n').filter((line) => line.trim().length > 0));
  return { files, folders, identifiers: [...identifiers].sort(), lines };
}

/** The tokens of a text, without trivia (at most `limit`; the scanner is approximate around templates and regexes). */
export function scanTokens(text: string, limit = 100_000): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const tokens: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && tokens.length < limit; kind = scanner.scan()) {
    tokens.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), kind });
  }
  return tokens;
}

/** The script kind the linter gives a file name, for parsing it the same way. */
export const scriptKindOf = scriptKind;

/** The parser records syntax errors on the source file without exposing them in the public API. */
interface WithParseDiagnostics {
  readonly parseDiagnostics?: readonly unknown[];
}

/**
 * How many syntax errors TypeScript's parser finds in a text: the measure a fix must not make worse.
 * A text the parser cannot handle at all (its recursion overflows) counts as infinitely broken.
 */
export function syntaxErrorCount(file: string, text: string): number {
  // A page's measure is its scripts', each parsed as a browser parses it: alone.
  if (isHtmlFile(file)) return readPage(text).scripts.reduce((sum, script) => sum + syntaxErrorCount('script.js', text.slice(script.start, script.end)), 0);
  try {
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKindOf(file));
    return (sourceFile as unknown as WithParseDiagnostics).parseDiagnostics?.length ?? 0;
  } catch {
    // Whether the parser's recursion overflows depends on how deep the stack already is where it is
    // called: a text it handled once may overflow from a deeper call. Ask a fresh process with a
    // larger stack before calling the text unparseable.
    return syntaxErrorCountApart(file, text);
  }
}

function syntaxErrorCountApart(file: string, text: string): number {
  const script = `const { ts } = require(${JSON.stringify(require.resolve('ts-morph'))});
const text = require('node:fs').readFileSync(0, 'utf8');
const kind = ${JSON.stringify(scriptKindOf(file))};
try { process.stdout.write(String(ts.createSourceFile(${JSON.stringify(file)}, text, ts.ScriptTarget.Latest, false, kind).parseDiagnostics.length)); }
catch { process.stdout.write('Infinity'); }`;
  const result = cp.spawnSync(process.execPath, ['--stack-size=8000', '-e', script], { input: text, encoding: 'utf8', maxBuffer: 1024 * 1024, timeout: 60_000 });
  const count = Number(result.stdout);
  return result.status === 0 && result.stdout !== '' ? count : Number.POSITIVE_INFINITY;
}

/**
 * The syntax tree of a text for the structural mutators, or undefined if the parser gives up. A
 * page's is that of its scripts, at their offsets in the page (the linter's page program).
 */
export function parseTree(file: string, text: string): ts.SourceFile | undefined {
  try {
    if (isHtmlFile(file)) return parseSource(file, text).sourceFile;
    return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
  } catch {
    return undefined;
  }
}

export { ts };
