import * as fs from 'node:fs';
import * as path from 'node:path';

/** One entry of an input set, as it is written to disk. */
export type FuzzFile =
  /** A file written as UTF-8 (lone surrogates become U+FFFD, as any editor would write them); `mode` limits who may read or write it. */
  | { readonly kind: 'text'; readonly path: string; readonly text: string; readonly mode?: number }
  /** A file with exact bytes, which need not be valid UTF-8. */
  | { readonly kind: 'bytes'; readonly path: string; readonly base64: string }
  /** A symbolic link; `target` is relative to the link's folder and may not exist. */
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string }
  /** A folder, possibly named like a source file, possibly closed to others (`mode`). */
  | { readonly kind: 'directory'; readonly path: string; readonly mode?: number }
  /** A file of `size` zero bytes that takes no room on disk (a hole). */
  | { readonly kind: 'sparse'; readonly path: string; readonly size: number };

/** One input: a small project made from sample files and mutated; the unit the fuzzer counts. */
export interface FuzzInput {
  readonly seed: number;
  readonly index: number;
  /** What was done to the sample files, in order. */
  readonly mutations: readonly string[];
  readonly files: readonly FuzzFile[];
}

/** What a replay file holds: the input, and why it was written. */
export interface ReplayFile {
  readonly input: FuzzInput;
  readonly failures?: readonly { readonly signature: string; readonly message: string }[];
}

/** The extensions the command line's documentation says it checks. */
export const DOCUMENTED_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts', '.html', '.htm'];

/** The text an editor shows for an entry, or undefined when there is nothing to open. */
export function editorText(file: FuzzFile): string | undefined {
  if (file.kind === 'text') return file.text;
  if (file.kind === 'bytes') return Buffer.from(file.base64, 'base64').toString('utf8');
  return undefined;
}

/** The text the linter reads from disk for an entry (what editorText gives, after the UTF-8 round trip). */
export function diskText(file: FuzzFile): string | undefined {
  if (file.kind === 'text') return Buffer.from(file.text, 'utf8').toString('utf8');
  return editorText(file);
}

/**
 * Writes an input's files under `dir`. Files without a mode are writable by everyone (the command
 * line may run as another user, and --fix writes them); folders, readable by everyone.
 */
export function writeInput(input: FuzzInput, dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  for (const file of input.files) {
    const full = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o755 });
    switch (file.kind) {
      case 'text':
        fs.writeFileSync(full, file.text);
        fs.chmodSync(full, file.mode ?? 0o666);
        break;
      case 'bytes':
        fs.writeFileSync(full, new Uint8Array(Buffer.from(file.base64, 'base64')));
        break;
      case 'symlink':
        fs.symlinkSync(file.target, full);
        break;
      case 'directory':
        fs.mkdirSync(full, { recursive: true, mode: 0o755 });
        break;
      case 'sparse':
        fs.closeSync(fs.openSync(full, 'w'));
        fs.truncateSync(full, file.size);
        break;
    }
  }
  // Folders are closed last, once their files are written.
  for (const file of input.files) if (file.kind === 'directory' && file.mode !== undefined) fs.chmodSync(path.join(dir, file.path), file.mode);
}

/** How processes under test are started: as an unprivileged user when the fuzzer runs as root, so that file modes count. */
export function unprivileged(): { uid?: number; gid?: number } {
  return process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
}

/** The user and group id of `nobody` on Linux. */
const NOBODY = 65534;

/** Whether a process started with unprivileged() may read a file of this mode (it owns nothing). */
export function readableByOthers(mode: number | undefined): boolean {
  return mode === undefined || (mode & 0o004) !== 0;
}

export function readReplay(file: string): ReplayFile {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ReplayFile> & Partial<FuzzInput>;
  // A bare input (as written by hand) is accepted too.
  const input = (parsed.input ?? parsed) as FuzzInput;
  if (!Array.isArray(input.files)) throw new Error(`${file} is not a fuzz input (no "files")`);
  return { input: { seed: input.seed ?? 0, index: input.index ?? 0, mutations: input.mutations ?? [], files: input.files }, ...(parsed.failures ? { failures: parsed.failures } : {}) };
}

export function writeReplay(file: string, replay: ReplayFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(replay, null, 1)}\n`);
}

/** The input as one project under a folder per input, for a command line run over several inputs. */
export function inputFolder(input: FuzzInput): string {
  return `input-${input.index}`;
}
