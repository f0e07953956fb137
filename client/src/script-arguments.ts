/**
 * The command-line arguments a script runs with when the overfit check (execute mode) or a training
 * run runs it: the `tfjsDoctor.scriptArguments` setting, which gives them by file. It does not import
 * vscode, so that which entry a file gets, and what an untrusted workspace can set, is tested in Node.
 */
import { minimatch } from 'minimatch';
import { parse, quote } from 'shell-quote';
import type { SettingScopes } from './overfit-request';

/** The setting's key under `tfjsDoctor`. */
export const SCRIPT_ARGUMENTS_SETTING = 'scriptArguments';

/** The setting's value: the arguments of each file, by its path relative to its workspace folder, or a glob pattern. */
export type ScriptArgumentsMap = Readonly<Record<string, readonly string[]>>;

/** The entries of a value that are lists of strings; anything else a settings file holds is left out. */
function validEntries(value: unknown): [string, readonly string[]][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((item) => typeof item === 'string'));
}

/**
 * The setting as it counts for the file: the scopes merged, nearer over farther, as VS Code merges an
 * object setting. A workspace's own values count only when it is trusted (the manifest restricts the
 * setting too), since they decide what a script of the workspace is run with.
 */
export function mergedScriptArguments(scopes: SettingScopes | undefined, trusted: boolean): ScriptArgumentsMap {
  if (!scopes) return {};
  const layers = trusted ? [scopes.defaultValue, scopes.globalValue, scopes.workspaceValue, scopes.workspaceFolderValue] : [scopes.defaultValue, scopes.globalValue];
  return Object.fromEntries(layers.flatMap(validEntries));
}

/** Where the file is, for matching the setting's keys: relative to its workspace folder (with `/`), and absolute. */
export interface ScriptPlace {
  /** Undefined for a file outside every workspace folder. */
  readonly relative?: string;
  readonly absolute: string;
}

/** Writes a path with forward slashes, as the setting's keys are written on every platform. */
export function slashed(file: string): string {
  return file.split('\\').join('/');
}

/**
 * The arguments the setting gives the file: the entry whose key is its path (relative to its
 * workspace folder, or absolute), else the first whose glob pattern matches it. A key without a slash
 * matches the file's name in any folder (`"train.js"`). None when no key matches.
 */
export function scriptArgumentsFor(map: ScriptArgumentsMap, place: ScriptPlace): readonly string[] {
  const paths = [place.relative, slashed(place.absolute)].filter((candidate): candidate is string => candidate !== undefined);
  for (const candidate of paths) {
    const exact = Object.prototype.hasOwnProperty.call(map, candidate) ? map[candidate] : undefined;
    if (exact) return exact;
  }
  for (const [pattern, args] of Object.entries(map)) {
    if (paths.some((candidate) => minimatch(candidate, slashed(pattern), { matchBase: true, dot: true }))) return args;
  }
  return [];
}

/**
 * The setting with the file's own entry set to the arguments, under its exact path. No arguments
 * are written as an empty list, not left out: a pattern or another scope that matches the file
 * would give it theirs. Other entries, patterns included, are kept as they are.
 */
export function withScriptArguments(map: ScriptArgumentsMap, key: string, args: readonly string[]): ScriptArgumentsMap {
  return { ...map, [key]: [...args] };
}

/** The arguments as one line a user can edit: quoted as a POSIX shell would need them. */
export function argumentLine(args: readonly string[]): string {
  return quote([...args]);
}

/**
 * The arguments of a line typed as on a POSIX shell's command line: words split at spaces, quotes and
 * backslashes as the shell reads them. Variables are not expanded (`$HOME` stays as written), since the
 * script gets the list itself and no shell runs. A redirection, pipe or comment has no meaning here
 * and is refused with the reason.
 */
export function parseArgumentLine(line: string): { readonly args: readonly string[] } | { readonly error: string } {
  // A variable is given back as written, so that the script gets it unexpanded.
  const entries = parse(line, (name) => `$${name}`);
  const args: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      args.push(entry);
      continue;
    }
    if ('comment' in entry) return { error: `"#${entry.comment}" starts a comment: quote the # to pass it to the script` };
    if ('op' in entry && entry.op === 'glob') {
      // An unquoted `*` is the pattern as written: no shell expands it here either way.
      args.push(entry.pattern);
      continue;
    }
    return { error: `"${'op' in entry ? entry.op : String(entry)}" is shell syntax, not an argument: the script runs without a shell, so quote it to pass it on` };
  }
  return { args };
}
