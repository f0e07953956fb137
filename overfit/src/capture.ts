/**
 * Execute mode: runs the user's file with tfjs swapped for the engine's, and stops it at the first
 * `fit`, `fitDataset` or `trainOnBatch` to take the compiled model and the real batch.
 */
import * as fs from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LayersModel, Tf } from './tf';
import { OverfitError } from './types';

export interface Capture {
  readonly model: LayersModel;
  /** How the model was found. */
  readonly via: 'fit' | 'fitDataset' | 'trainOnBatch' | 'export';
  /** `fit`'s and `trainOnBatch`'s x and y; absent for a model taken from an export. */
  readonly x?: unknown;
  readonly y?: unknown;
  readonly batchSize?: number;
  /** `fitDataset`'s dataset. */
  readonly dataset?: unknown;
  /** The export the model came from. */
  readonly exportName?: string;
}

/** Thrown in place of `process.exit`, so a script cannot end the check. */
export class ScriptExit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`the script called process.exit(${code ?? ''})`);
  }
}

const TFJS_IMPORT = /^@tensorflow\/tfjs(-node|-node-gpu|-layers|-core|-data|-backend-cpu|-backend-wasm|-backend-webgl)?(\/.*)?$/;
const GLOBAL_TF = '__tfjsDoctorTf';
const TRAINING_METHODS = ['fit', 'fitDataset', 'trainOnBatch'] as const;

type EsbuildModule = typeof import('esbuild');

/** Bundles the entry file to one ES module; tfjs comes from the check, other packages from the user's node_modules. */
async function bundle(esbuild: EsbuildModule, entry: string, outfile: string, contents: string | undefined): Promise<string> {
  const entryDir = path.dirname(entry);
  const plugin: import('esbuild').Plugin = {
    name: 'tfjs-doctor-capture',
    setup(build) {
      build.onResolve({ filter: TFJS_IMPORT }, () => ({ path: 'tfjs', namespace: 'tfjs-doctor' }));
      build.onLoad({ filter: /.*/, namespace: 'tfjs-doctor' }, () => ({ contents: `module.exports = globalThis.${GLOBAL_TF};`, loader: 'js' }));
      // Other packages stay where they are installed: resolved now, loaded by Node at run time.
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        try {
          const resolved = createRequire(path.join(args.resolveDir || entryDir, 'noop.js')).resolve(args.path);
          return { path: pathToFileURL(resolved).href, external: true };
        } catch {
          return undefined;
        }
      });
    },
  };
  const result = await esbuild.build({
    ...(contents !== undefined
      ? { stdin: { contents, resolveDir: entryDir, sourcefile: entry, loader: loaderFor(entry) } }
      : { entryPoints: [entry] }),
    bundle: true,
    write: false,
    // Where the bundle will be written, so its source map points back at the user's files.
    outfile,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    sourcemap: 'inline',
    jsx: 'automatic',
    plugins: [plugin],
    // CommonJS code bundled into an ES module still needs require, __filename and __dirname.
    banner: {
      js: [
        `import { createRequire as __tfjsDoctorCreateRequire } from 'node:module';`,
        `const require = __tfjsDoctorCreateRequire(${JSON.stringify(entry)});`,
        `const __filename = ${JSON.stringify(entry)};`,
        `const __dirname = ${JSON.stringify(entryDir)};`,
      ].join('\n'),
    },
  }).catch((error: unknown) => {
    // A build failure lists its errors; anything else esbuild throws is said as it is.
    const first = (error as { errors?: import('esbuild').Message[] } | undefined)?.errors?.[0];
    const where = first?.location ? `${path.relative(entryDir, first.location.file) || path.basename(entry)}:${first.location.line}: ` : '';
    void esbuild.stop?.();
    throw new OverfitError(`the file could not be bundled: ${where}${first?.text ?? String(error)}`);
  });
  // esbuild's service would keep the process alive, and execute mode waits for the script to go idle.
  await esbuild.stop?.();
  return result.outputFiles![0]!.text;
}

function loaderFor(file: string): import('esbuild').Loader {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return 'ts';
  if (extension === '.tsx') return 'tsx';
  if (extension === '.jsx') return 'jsx';
  return 'js';
}

/** The names of the classes whose training methods are intercepted (Sequential overrides them). */
function trainingPrototypes(tf: Tf): object[] {
  return [tf.LayersModel.prototype, tf.Sequential.prototype];
}

export interface ExecuteOptions {
  /** The export to take the model from when the file trains nothing itself. */
  readonly exportName?: string;
  /** The entry's unsaved text, if any. */
  readonly contents?: string;
  /** An empty folder to write the bundle to, removed by whoever made it. */
  readonly scratchDir: string;
  /** Loads esbuild (its location differs between the extension and the command line). */
  readonly loadEsbuild: () => EsbuildModule;
}

/** Exports tried when the file only defines a model: factories first, then entry points. */
const FACTORY_NAME = /(create|build|make|get|define|new)\w*model|^model$/i;
const ENTRY_NAME = /^(main|run|train\w*)$/i;

function exportCandidates(namespace: Record<string, unknown>, wanted: string | undefined): [string, unknown][] {
  const entries: [string, unknown][] = Object.entries(namespace);
  const defaultExport = namespace['default'];
  if (defaultExport && typeof defaultExport === 'object') entries.push(...Object.entries(defaultExport as Record<string, unknown>));
  if (wanted !== undefined) {
    const found = entries.find(([name]) => name === wanted);
    if (!found) throw new OverfitError(`the file has no export named ${wanted}`);
    return [found];
  }
  const callable = entries.filter(([, value]) => typeof value === 'function' && (value as () => unknown).length === 0);
  return [
    ...entries.filter(([, value]) => typeof value === 'object' && value !== null),
    ...callable.filter(([name]) => FACTORY_NAME.test(name)),
    ...callable.filter(([name]) => ENTRY_NAME.test(name)),
  ];
}

/**
 * Runs the file until it trains a model; if it finishes without training, looks for a model among
 * its exports. Resolves to the capture; rejects with an OverfitError that says what happened.
 */
export async function executeForCapture(tf: Tf, file: string, options: ExecuteOptions): Promise<Capture> {
  // The folder is the runner's, which removes it however the worker ends: a worker killed at the
  // time limit could not.
  const bundled = path.join(options.scratchDir, 'entry.mjs');
  fs.writeFileSync(bundled, await bundle(options.loadEsbuild(), file, bundled, options.contents));
  (globalThis as Record<string, unknown>)[GLOBAL_TF] = tf;

  let resolveCapture!: (capture: Capture) => void;
  let rejectCapture!: (error: Error) => void;
  const captured = new Promise<Capture>((resolve, reject) => {
    resolveCapture = resolve;
    rejectCapture = reject;
  });
  let taken = false;
  const originals = new Map<object, Map<string, unknown>>();
  for (const prototype of trainingPrototypes(tf)) {
    const saved = new Map<string, unknown>();
    for (const method of TRAINING_METHODS) {
      if (!Object.prototype.hasOwnProperty.call(prototype, method)) continue;
      const original = (prototype as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
      saved.set(method, original);
      (prototype as Record<string, unknown>)[method] = function (this: LayersModel, ...args: unknown[]) {
        if (taken) return original.apply(this, args);
        taken = true;
        const config = (method === 'fit' ? args[2] : undefined) as { batchSize?: unknown } | undefined;
        const batchSize = typeof config?.batchSize === 'number' ? config.batchSize : undefined;
        resolveCapture(
          method === 'fitDataset'
            ? { model: this, via: method, dataset: args[0] }
            : { model: this, via: method, x: args[0], y: args[1], ...(batchSize ? { batchSize } : {}) },
        );
        // The script waits here for good: nothing after its first training call runs.
        return new Promise(() => undefined);
      };
    }
    originals.set(prototype, saved);
  }
  const restore = () => {
    for (const [prototype, saved] of originals) for (const [method, original] of saved) (prototype as Record<string, unknown>)[method] = original;
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back in place
  const realExit = process.exit;
  process.exit = ((exitCode?: number | string | null) => {
    throw new ScriptExit(exitCode);
  }) as typeof process.exit;
  const onFailure = (error: unknown) => {
    if (taken) return;
    rejectCapture(error instanceof ScriptExit ? new OverfitError(`${error.message} before training a model`) : new OverfitError(`the script threw before training a model: ${describeScriptError(error)}`));
  };
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);

  try {
    const finished = import(pathToFileURL(bundled).href).then(
      async (namespace: Record<string, unknown>) => {
        // The module's top level is done; its async work may still train a model.
        await whenIdle(captured);
        if (taken) return;
        const fromExports = await modelFromExports(tf, namespace, options.exportName, () => taken);
        if (taken) return;
        if (fromExports) {
          taken = true;
          resolveCapture(fromExports);
        } else {
          rejectCapture(new OverfitError('the file ran to the end without training a model, and none of its exports returns one'));
        }
      },
      (error: unknown) => onFailure(error),
    );
    void finished;
    return await captured;
  } finally {
    restore();
    process.exit = realExit;
    process.off('uncaughtException', onFailure);
    process.off('unhandledRejection', onFailure);
  }
}

/** The script's error, with the first line of the user's code it came from. */
export function describeScriptError(error: unknown): string {
  if (error instanceof Error) {
    // The first frame in the user's code (source maps turn bundle frames into their files).
    const frame = error.stack
      ?.split('\n')
      .slice(1)
      .map((line) => /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim()))
      .find((match) => match && !/overfit-worker\.js$|tfjs\.js$|node:/.test(match[1]!));
    return `${error.message}${frame ? ` (${frame[1]!.replace(/^file:\/\//, '')}:${frame[2]})` : ''}`;
  }
  return String(error);
}

/**
 * Waits until the script has nothing left to do (Node's beforeExit) or has trained a model. The IPC
 * channel is unreferenced meanwhile, so it does not count as work.
 */
function whenIdle(captured: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const channel = (process as unknown as { channel?: { unref(): void; ref(): void } }).channel;
    channel?.unref();
    const done = () => {
      process.off('beforeExit', done);
      channel?.ref();
      resolve();
    };
    process.once('beforeExit', done);
    captured.then(done, done);
  });
}

async function modelFromExports(tf: Tf, namespace: Record<string, unknown>, wanted: string | undefined, alreadyTaken: () => boolean): Promise<Capture | undefined> {
  for (const [name, value] of exportCandidates(namespace, wanted)) {
    let result: unknown = value;
    if (typeof value === 'function') {
      try {
        result = await (value as () => unknown)();
      } catch (error) {
        if (alreadyTaken()) return undefined;
        if (wanted !== undefined) throw new OverfitError(`${name}() threw: ${describeScriptError(error)}`);
        continue;
      }
    }
    if (alreadyTaken()) return undefined;
    if (result instanceof tf.LayersModel) return { model: result, via: 'export', exportName: name };
  }
  if (wanted !== undefined) throw new OverfitError(`the export ${wanted} is not a model or a function that returns one`);
  return undefined;
}
