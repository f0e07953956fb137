/**
 * Picks the fastest tfjs backend that can train: the native one from @tensorflow/tfjs-node when it
 * loads, else WebAssembly, else plain JavaScript. Only one copy of tfjs is ever loaded.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Tf } from './tf';
import { OverfitError, type BackendName } from './types';
import { registerWasmTrainingKernels } from './wasm-kernels';

export interface LoadedTf {
  readonly tf: Tf;
  readonly backend: BackendName;
  readonly notes: string[];
}

export interface BundledTf {
  readonly tf: Tf;
  readonly setWasmPaths: (prefix: string) => void;
  /** The folder holding the backend's .wasm files. */
  readonly wasmDir: string;
}

function quiet(tf: Tf): void {
  // Without production mode tfjs prints a banner about tfjs-node through console.warn.
  tf.enableProdMode();
}

/**
 * Where tfjs-doctor's own packages are: its node_modules folder and, when tfjs-doctor is itself
 * installed in a node_modules folder (`npm install tfjs-doctor`), that folder too, where npm hoists
 * its optional dependency. Code there is as trusted as tfjs-doctor, which runs from the same tree.
 * Node's lookup is not used here: it would climb from the install folder into its parents (the home
 * folder, a workspace that holds the install), whose node_modules nobody vouched for.
 */
export function ownModuleFolders(packageRoot: string): string[] {
  const folders = [path.join(packageRoot, 'node_modules')];
  const parent = path.dirname(packageRoot);
  if (path.basename(parent) === 'node_modules') folders.push(parent);
  else if (path.basename(parent).startsWith('@') && path.basename(path.dirname(parent)) === 'node_modules') folders.push(path.dirname(parent));
  return folders;
}

/** Where to look for @tensorflow/tfjs-node. */
export interface NativeSources {
  /** Folders of the user's project, resolved the way Node resolves their imports (execute mode in a trusted workspace only). */
  readonly projectFolders: readonly string[];
  /** node_modules folders taken as they are, without climbing into their parents (tfjs-doctor's own). */
  readonly ownModuleFolders: readonly string[];
}

/**
 * The globals through which every copy of tfjs-core in a process shares one engine and its
 * registries: a copy loaded first makes them, and later copies use them.
 */
const TFJS_GLOBALS = ['_tfengine', '_tfGlobals'] as const;

function loadFrom(resolved: string, notes: string[]): Tf | undefined {
  const globals = globalThis as Record<string, unknown>;
  const before = new Map(TFJS_GLOBALS.map((name) => [name, globals[name]]));
  try {
    return createRequire(resolved)(resolved) as Tf;
  } catch (error) {
    // tfjs-node loads its tfjs (made its engine) before it finds its native addon missing: that
    // engine, of the project's older tfjs, would be the one the bundled tfjs uses.
    for (const [name, value] of before) {
      if (value === undefined) delete globals[name];
      else globals[name] = value;
    }
    notes.push(`@tensorflow/tfjs-node at ${path.dirname(resolved)} could not load (${(error as Error).message.split('\n')[0]}); using a slower backend.`);
    return undefined;
  }
}

/** tfjs-node from the first source that has it; undefined when none does or it cannot load. */
function loadNative(sources: NativeSources, notes: string[]): Tf | undefined {
  for (const folder of sources.projectFolders) {
    let resolved: string;
    try {
      resolved = createRequire(path.join(folder, 'noop.js')).resolve('@tensorflow/tfjs-node');
    } catch {
      continue;
    }
    return loadFrom(resolved, notes);
  }
  for (const folder of sources.ownModuleFolders) {
    const packageFolder = path.join(folder, '@tensorflow', 'tfjs-node');
    // Requiring the folder reads its package.json "main"; its own dependencies resolve from there.
    if (fs.existsSync(path.join(packageFolder, 'package.json'))) return loadFrom(packageFolder, notes);
  }
  return undefined;
}

export async function loadTf(sources: NativeSources, loadBundled: () => BundledTf, forced?: BackendName): Promise<LoadedTf> {
  const notes: string[] = [];
  if (forced === undefined || forced === 'tensorflow') {
    const native = loadNative(sources, notes);
    if (native && (await native.setBackend('tensorflow'))) {
      quiet(native);
      return { tf: native, backend: 'tensorflow', notes };
    }
    if (forced === 'tensorflow') throw new OverfitError('the tensorflow backend was requested, but @tensorflow/tfjs-node cannot be loaded here');
  }
  const bundled = loadBundled();
  const tf = bundled.tf;
  quiet(tf);
  if (forced === undefined || forced === 'wasm') {
    bundled.setWasmPaths(bundled.wasmDir.endsWith(path.sep) ? bundled.wasmDir : bundled.wasmDir + path.sep);
    try {
      if (await tf.setBackend('wasm')) {
        registerWasmTrainingKernels(tf);
        return { tf, backend: 'wasm', notes };
      }
    } catch (error) {
      notes.push(`The WebAssembly backend could not start (${(error as Error).message}).`);
    }
    if (forced === 'wasm') throw new OverfitError('the wasm backend was requested, but it could not start');
  }
  await tf.setBackend('cpu');
  return { tf, backend: 'cpu', notes };
}

const MISSING_KERNEL = /Kernel '(\w+)' not registered for backend 'wasm'/;

/** The kernel a training step failed for on the wasm backend, from its error. */
export function missingWasmKernel(error: unknown): string | undefined {
  return MISSING_KERNEL.exec(error instanceof Error ? error.message : String(error))?.[1];
}
