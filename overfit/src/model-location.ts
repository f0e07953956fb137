/**
 * Models picked by where they are created rather than by name: the code lens and the command line
 * name a model by its file and line, and the check finds it among the file's models, or, in execute
 * mode, among the models the script creates.
 */
import * as path from 'node:path';
import type { ModelLocation, ModelTarget } from './types';

/** A key for a model's place, the same for the target and for the lens that names it. */
export function locationKey(location: ModelLocation): string {
  return `${path.normalize(location.file)}:${location.line}`;
}

export function sameFile(a: string, b: string): boolean {
  return path.normalize(a) === path.normalize(b);
}

/** The target created at that place: on its first line, or on any line of its creation. */
export function targetAt(targets: readonly ModelTarget[], location: ModelLocation): ModelTarget | undefined {
  const inFile = targets.filter((target) => sameFile(target.file, location.file));
  return (
    inFile.find((target) => target.line === location.line) ??
    inFile.find((target) => target.endLine !== undefined && location.line >= target.line && location.line <= target.endLine)
  );
}

/** How a place is written for people: the line, and the file when it is not the one checked. */
export function describeLocation(location: ModelLocation, checkedFile: string): string {
  return sameFile(location.file, checkedFile) ? `line ${location.line}` : `${path.basename(location.file)}:${location.line}`;
}

/**
 * A `--model` value that names a place: `:12` (line 12 of the file checked) or `lib/model.js:12`
 * (a path from `cwd`). Undefined for a name or an index.
 */
export function parseLocation(value: string, checkedFile: string, cwd: string): ModelLocation | undefined {
  const match = /^(.*):(\d+)$/.exec(value);
  if (!match) return undefined;
  const line = Number(match[2]);
  if (!Number.isSafeInteger(line) || line < 1) return undefined;
  return { file: match[1] ? path.resolve(cwd, match[1]) : checkedFile, line };
}
