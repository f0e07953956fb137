/**
 * Picks the fastest tfjs backend that can train: the native one from @tensorflow/tfjs-node when it
 * loads, else WebAssembly, else plain JavaScript. Only one copy of tfjs is ever loaded.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { Tf } from './tf';
import { OverfitError, type BackendName } from './types';
import { registerMissingWasmKernels } from './wasm-kernels';

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

/** tfjs-node from the first search path that has it; undefined when none does or it cannot load. */
function loadNative(searchPaths: readonly string[], notes: string[]): Tf | undefined {
  for (const folder of searchPaths) {
    let resolved: string;
    try {
      resolved = createRequire(path.join(folder, 'noop.js')).resolve('@tensorflow/tfjs-node');
    } catch {
      continue;
    }
    try {
      return createRequire(resolved)(resolved) as Tf;
    } catch (error) {
      notes.push(`@tensorflow/tfjs-node at ${path.dirname(resolved)} could not load (${(error as Error).message.split('\n')[0]}); using a slower backend.`);
      return undefined;
    }
  }
  return undefined;
}

export async function loadTf(searchPaths: readonly string[], loadBundled: () => BundledTf, forced?: BackendName): Promise<LoadedTf> {
  const notes: string[] = [];
  if (forced === undefined || forced === 'tensorflow') {
    const native = loadNative(searchPaths, notes);
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
        registerMissingWasmKernels(tf);
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
