/**
 * Shrinks a failing input while it still fails the same way: files are dropped, then chunks of
 * lines (delta debugging), then parts of long lines.
 */
import type { FuzzFile, FuzzInput } from './input';

/** Whether an input still shows the failure. */
export type Reproducer = (input: FuzzInput) => Promise<boolean>;

export interface MinimizeOptions {
  /** Most candidate inputs to try. */
  readonly maxTries: number;
  readonly log: (line: string) => void;
}

type TextFile = Extract<FuzzFile, { kind: 'text' }>;

function withFiles(input: FuzzInput, files: readonly FuzzFile[]): FuzzInput {
  return { ...input, mutations: [...input.mutations.filter((mutation) => !mutation.startsWith('minimized')), 'minimized'], files };
}

function withText(input: FuzzInput, index: number, text: string): FuzzInput {
  return withFiles(input, input.files.map((file, i) => (i === index ? { ...(file as TextFile), text } : file)));
}

/** Lines with their line breaks, so that joining them gives the text back (CR and CRLF included). */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export async function minimize(input: FuzzInput, reproduces: Reproducer, options: MinimizeOptions): Promise<FuzzInput> {
  let tries = 0;
  const attempt = async (candidate: FuzzInput): Promise<boolean> => {
    if (tries >= options.maxTries) return false;
    tries++;
    return reproduces(candidate);
  };
  let current = input;

  for (let index = current.files.length - 1; index >= 0 && current.files.length > 1; index--) {
    const candidate = withFiles(current, current.files.filter((_, i) => i !== index));
    if (await attempt(candidate)) current = candidate;
  }
  options.log(`minimize: ${current.files.length} files left after ${tries} tries`);

  for (let index = 0; index < current.files.length; index++) {
    if (current.files[index]!.kind !== 'text') continue;
    let lines = splitLines((current.files[index] as TextFile).text);
    // Delta debugging over the lines: remove chunks, finer and finer.
    for (let parts = 2; lines.length >= 1 && tries < options.maxTries; ) {
      const size = Math.ceil(lines.length / parts);
      let removed = false;
      for (let start = 0; start < lines.length; start += size) {
        const kept = [...lines.slice(0, start), ...lines.slice(start + size)];
        const candidate = withText(current, index, kept.join(''));
        if (await attempt(candidate)) {
          current = candidate;
          lines = kept;
          parts = Math.max(parts - 1, 2);
          removed = true;
          break;
        }
      }
      if (removed) continue;
      if (size <= 1) break;
      parts = Math.min(lines.length, parts * 2);
    }
    // Long lines: keep a half, or drop the middle, while the failure stays.
    for (let line = 0; line < lines.length && tries < options.maxTries; line++) {
      for (let shrunk = true; shrunk && lines[line]!.length > 80; ) {
        shrunk = false;
        const text = lines[line]!;
        const body = text.replace(/(\r\n|\r|\n)$/, '');
        const end = text.slice(body.length);
        const third = Math.floor(body.length / 3);
        for (const shorter of [body.slice(0, body.length / 2), body.slice(body.length / 2), body.slice(0, third) + body.slice(2 * third)]) {
          const kept = lines.map((each, i) => (i === line ? shorter + end : each));
          const candidate = withText(current, index, kept.join(''));
          if (await attempt(candidate)) {
            current = candidate;
            lines = kept;
            shrunk = true;
            break;
          }
        }
      }
    }
    options.log(`minimize: ${current.files[index]!.path} down to ${lines.length} lines, ${lines.join('').length} characters, after ${tries} tries`);
  }
  return current;
}
