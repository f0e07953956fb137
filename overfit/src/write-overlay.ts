/**
 * Execute mode runs the user's script, and the script may write: a cache of the data it downloads,
 * a log, a model it saves. None of it may reach the user's files. While the script runs, Node's `fs`
 * (callbacks, sync and promises alike, and so every package built on it) writes every path outside
 * the temporary folder into an overlay folder instead, copy on write; reads see the overlay first,
 * so the script reads back what it wrote and reads the user's own files as they are. Relative paths
 * keep resolving from the script's folder, so its relative reads work as they would.
 *
 * Not covered: native code and child processes, which write through the operating system directly.
 */
import { syncBuiltinESMExports } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// The module object itself, whose functions every user of fs calls (a bundler's namespace copy of
// it has read-only getters).
const fs = require('node:fs') as typeof import('node:fs');

type AnyFunction = (...args: unknown[]) => unknown;
type Module = Record<string, unknown>;

/** Where a call's path arguments are and what it does with them. */
interface Shape {
  /** Argument indexes read from. */
  readonly reads?: readonly number[];
  /** Argument indexes written to (the file is copied into the overlay first when `keep` is set). */
  readonly writes?: readonly number[];
  /** Writes that change the file rather than replace it (append, truncate, chmod): copy it first. */
  readonly keep?: boolean;
}

const READ: Shape = { reads: [0] };
const WRITE: Shape = { writes: [0] };
const CHANGE: Shape = { writes: [0], keep: true };

/** The fs functions with paths, by their callback/promise name (the Sync variant has the same shape). */
const SHAPES: Readonly<Record<string, Shape>> = {
  readFile: READ,
  readdir: READ,
  stat: READ,
  lstat: READ,
  access: READ,
  exists: READ,
  realpath: READ,
  readlink: READ,
  opendir: READ,
  createReadStream: READ,
  writeFile: WRITE,
  createWriteStream: WRITE,
  mkdir: WRITE,
  mkdtemp: WRITE,
  symlink: { writes: [1] },
  link: { reads: [0], writes: [1] },
  copyFile: { reads: [0], writes: [1] },
  cp: { reads: [0], writes: [1] },
  appendFile: CHANGE,
  truncate: CHANGE,
  chmod: CHANGE,
  chown: CHANGE,
  utimes: CHANGE,
  lutimes: CHANGE,
};

/** Calls that remove a path: in the overlay they hide it, and the user's file stays. */
const REMOVALS = new Set(['unlink', 'rm', 'rmdir']);
/** Write flags that change an existing file rather than replace it. */
const CHANGING_FLAGS = /[a+]/;

export interface WriteOverlay {
  /** Puts fs back as it was. */
  restore(): void;
}

function asPath(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof URL && value.protocol === 'file:') return fileURLToPath(value);
  if (Buffer.isBuffer(value)) return value.toString();
  return undefined;
}

function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The folder of the project a file belongs to: the nearest one up with package.json, .git or node_modules; else the file's own. */
export function projectRoot(file: string): string {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    if (['package.json', '.git', 'node_modules'].some((marker) => fs.existsSync(path.join(folder, marker)))) return folder;
    if (path.dirname(folder) === folder) return path.dirname(file);
  }
}

/**
 * Sends the writes of this process into `overlayDir`, until `restore`: every write but those to
 * `writable` (the temporary folder, where writing harms nothing) outside `project` (which may itself
 * be a temporary folder). All paths are absolute.
 */
export function overlayWrites(overlayDir: string, writable: readonly string[], project: string): WriteOverlay {
  const real = { mkdirSync: fs.mkdirSync, copyFileSync: fs.copyFileSync, existsSync: fs.existsSync, statSync: fs.statSync, readdirSync: fs.readdirSync };
  /** Paths the script removed: they read as missing although the user's file is still there. */
  const hidden = new Set<string>();
  const passesThrough = (file: string) =>
    inside(overlayDir, file) || ((writable.some((folder) => inside(folder, file)) || /^\/(dev|proc)(\/|$)/.test(file)) && !inside(project, file));
  const inOverlay = (file: string) => path.join(overlayDir, path.parse(file).root.replace(/[:\\/]+/g, path.sep === '\\' ? '_' : ''), path.relative(path.parse(file).root, file));
  const isHidden = (file: string) => [...hidden].some((gone) => inside(gone, file));

  const forRead = (file: string): string => {
    const copy = inOverlay(file);
    if (isHidden(file) || real.existsSync(copy)) return copy;
    return file;
  };
  const forWrite = (file: string, keep: boolean): string => {
    const copy = inOverlay(file);
    real.mkdirSync(path.dirname(copy), { recursive: true });
    if (keep && !isHidden(file) && !real.existsSync(copy) && real.existsSync(file) && real.statSync(file).isFile()) real.copyFileSync(file, copy);
    for (const gone of [...hidden]) if (inside(file, gone) || inside(gone, file)) hidden.delete(gone);
    return copy;
  };
  const mapped = (value: unknown, map: (file: string) => string): unknown => {
    const file = asPath(value);
    if (file === undefined) return value;
    const absolute = path.resolve(file);
    return passesThrough(absolute) ? value : map(absolute);
  };
  const mapArgs = (name: string, args: unknown[]): unknown[] => {
    const shape = SHAPES[name];
    const out = [...args];
    if (name === 'open') {
      const flags = typeof args[1] === 'string' ? args[1] : 'r';
      if (/[wa+]/.test(flags)) out[0] = mapped(args[0], (file) => forWrite(file, CHANGING_FLAGS.test(flags) && !flags.includes('w')));
      else out[0] = mapped(args[0], forRead);
      return out;
    }
    if (name === 'rename') {
      out[0] = mapped(args[0], (file) => {
        const copy = inOverlay(file);
        if (!isHidden(file) && !real.existsSync(copy) && real.existsSync(file)) forWrite(file, true);
        hidden.add(file);
        return copy;
      });
      out[1] = mapped(args[1], (file) => forWrite(file, false));
      return out;
    }
    if (name === 'createWriteStream') {
      const flags = (args[1] as { flags?: unknown } | undefined)?.flags;
      const keep = typeof flags === 'string' && CHANGING_FLAGS.test(flags);
      out[0] = mapped(args[0], (file) => forWrite(file, keep));
      return out;
    }
    for (const index of shape?.reads ?? []) out[index] = mapped(args[index], forRead);
    for (const index of shape?.writes ?? []) out[index] = mapped(args[index], (file) => forWrite(file, shape?.keep === true));
    return out;
  };

  const saved: [Module, string, unknown][] = [];
  type Style = 'callback' | 'sync' | 'promise';
  const styles: [Module, Style, (name: string) => string][] = [
    [fs as unknown as Module, 'callback', (name) => name],
    [fs as unknown as Module, 'sync', (name) => `${name}Sync`],
    [fs.promises as unknown as Module, 'promise', (name) => name],
  ];
  for (const [target, style, keyOf] of styles) {
    const replace = (name: string, make: (original: AnyFunction) => AnyFunction) => {
      const original = target[keyOf(name)];
      if (typeof original !== 'function') return;
      saved.push([target, keyOf(name), original]);
      target[keyOf(name)] = make(original as AnyFunction);
    };
    for (const name of [...Object.keys(SHAPES), 'open', 'rename']) {
      replace(name, (original) =>
        function (this: unknown, ...args: unknown[]) {
          const mappedArgs = mapArgs(name, args);
          if (name !== 'readdir' || mappedArgs[0] !== args[0]) return original.apply(this, mappedArgs);
          // A folder the script lists holds what it wrote there too, less what it removed.
          if (style === 'sync') return mergeListing(original.apply(this, mappedArgs) as unknown[], args);
          if (style === 'promise') return (original.apply(this, mappedArgs) as Promise<unknown[]>).then((entries) => mergeListing(entries, args));
          const callback = args.at(-1);
          if (typeof callback !== 'function') return original.apply(this, mappedArgs);
          const done = callback as (error: unknown, entries?: unknown[]) => void;
          return original.apply(this, [...mappedArgs.slice(0, -1), (error: unknown, entries: unknown[]) => (error ? done(error) : done(null, mergeListing(entries, args)))]);
        },
      );
    }
    for (const name of REMOVALS) {
      replace(name, (original) =>
        function (this: unknown, ...args: unknown[]) {
          const file = asPath(args[0]);
          if (file === undefined || passesThrough(path.resolve(file))) return original.apply(this, args);
          const absolute = path.resolve(file);
          const copy = inOverlay(absolute);
          // The overlay's copy is removed for real; the user's file is only hidden.
          if (isHidden(absolute) || real.existsSync(copy) || !real.existsSync(absolute)) {
            if (real.existsSync(absolute)) hidden.add(absolute);
            return original.apply(this, [copy, ...args.slice(1)]);
          }
          hidden.add(absolute);
          if (style === 'sync') return undefined;
          if (style === 'promise') return Promise.resolve();
          const callback = args.at(-1);
          if (typeof callback === 'function') process.nextTick(() => (callback as (error: null) => void)(null));
          return undefined;
        },
      );
    }
  }

  /** Adds the overlay's entries of a listed folder and leaves out the hidden ones. */
  function mergeListing(entries: unknown[], args: unknown[]): unknown[] {
    const folder = path.resolve(asPath(args[0])!);
    const nameOf = (entry: unknown) => (typeof entry === 'string' ? entry : Buffer.isBuffer(entry) ? entry.toString() : (entry as { name: string }).name);
    const copy = inOverlay(folder);
    const options = typeof args[1] === 'function' ? undefined : args[1];
    const extra = real.existsSync(copy) ? (real.readdirSync(copy, options as never) as unknown[]) : [];
    const names = new Set(extra.map(nameOf));
    const shown = (entry: unknown) => !isHidden(path.join(folder, nameOf(entry)));
    return [...entries.filter((entry) => !names.has(nameOf(entry)) && shown(entry)), ...extra.filter(shown)];
  }

  // ES modules that imported the functions by name see the replacements too.
  syncBuiltinESMExports();
  return {
    restore() {
      for (const [target, key, original] of saved.reverse()) target[key] = original;
      syncBuiltinESMExports();
    },
  };
}
