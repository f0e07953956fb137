import type { Corpus } from '../corpus';
import type { FuzzFile } from '../input';
import type { Random } from '../prng';

export interface MutationContext {
  readonly rng: Random;
  readonly corpus: Corpus;
  /** The largest file a mutator may make, in bytes. */
  readonly maxFileBytes: number;
}

/** Files of up to 1.9 GB: past the 1 MB the linter analyses, and short of the 2 GB Node reads at once. */
export const MAX_FILE_BYTES = 1_900_000_000;

/**
 * One way to damage an input. `apply` changes the list of files in place and says what it did, or
 * returns undefined when it does not apply to these files (the generator then tries another).
 */
export interface Mutator {
  readonly name: string;
  /** How often the generator picks it, relative to the others. */
  readonly weight: number;
  apply(files: FuzzFile[], context: MutationContext): string | undefined;
}

/** The longest text a mutator may make (the long-line mutator goes past the linter's 1 MB; repeated mutations may not pile up further). */
export const MAX_TEXT_CHARS = 3_000_000;

/** The text files of an input, by index in the list. */
export function textFileIndices(files: readonly FuzzFile[]): number[] {
  return files.flatMap((file, index) => (file.kind === 'text' ? [index] : []));
}

/**
 * Rewrites the text of one randomly chosen text file with `edit`, which returns the new text and a
 * description, or undefined when it has nothing to do to that text.
 */
export function editOneText(files: FuzzFile[], rng: Random, edit: (text: string, path: string) => { text: string; what: string } | undefined): string | undefined {
  const candidates = textFileIndices(files);
  if (candidates.length === 0) return undefined;
  const index = rng.pick(candidates);
  const file = files[index] as Extract<FuzzFile, { kind: 'text' }>;
  let result: { text: string; what: string } | undefined;
  try {
    result = edit(file.text, file.path);
  } catch (error) {
    // A text past what a string can hold (repeating a long line thousands of times): not this time.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  if (!result || result.text.length > MAX_TEXT_CHARS) return undefined;
  files[index] = { kind: 'text', path: file.path, text: result.text };
  return `${result.what} in ${file.path}`;
}

export function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** The offsets at which lines start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** A random line start (a place where a statement can go, more or less). */
export function randomLineStart(text: string, rng: Random): number {
  return rng.pick(lineStarts(text));
}

export function repeat(unit: string, times: number): string {
  return unit.repeat(Math.max(0, times));
}
