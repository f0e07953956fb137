/**
 * Execute mode: runs the user's file with tfjs swapped for the engine's, and stops it at the first
 * `fit`, `fitDataset` or `trainOnBatch` to take the compiled model and the real batch, or at the
 * first step of a custom training loop to take its loss closure and variables (loop-capture.ts).
 */
import * as fs from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import * as path from 'node:path';
import { isTfjsModuleUrl } from '../../rules/core/tfjs-urls';
import { pathToFileURL } from 'node:url';
import { interceptLoops, TrainingStepReached, type LoopCapture } from './loop-capture';
import * as os from 'node:os';
import { missingPackageMessage, ScriptEnvironmentError, scriptProblem, watchArguments } from './script-problems';
import type { LayersModel, Tf } from './tf';
import { OverfitError } from './types';
import { overlayWrites, projectRoot } from './write-overlay';

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
  /** The export the check called with made-up data to reach this training call (see StepCall). */
  readonly calledExport?: string;
  /** Where the script made the training call: the first frame of its code, when the stack shows it. */
  readonly site?: { readonly file: string; readonly line: number };
}

/** What running the script gave: a model trained by `fit` and friends, or a custom training step. */
export type ScriptCapture = Capture | LoopCapture;

export function isLoopCapture(capture: ScriptCapture): capture is LoopCapture {
  return 'loss' in capture;
}

/** The script ran to its end without training a model, and none of its exports gives one. */
export class NothingTrained extends OverfitError {}

/** Thrown in place of `process.exit`, so a script cannot end the check. */
export class ScriptExit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`the script called process.exit(${code ?? ''})`);
  }
}

const TFJS_IMPORT = /^@tensorflow\/tfjs(-node|-node-gpu|-layers|-core|-data|-converter|-backend-[a-z0-9]+)?(\/.*)?$/;
export const GLOBAL_TF = '__tfjsDoctorTf';

/** A module URL of a tfjs package on a CDN: the packages an import by name maps to the check's tfjs, or the API modules the analysis knows. */
function isTfjsCdnUrl(url: string): boolean {
  const name = /\/(@tensorflow\/tfjs[a-z0-9-]*)(?:@[^/]*)?(?:\/|$)/i.exec(url.replace(/[?#].*$/, ''))?.[1];
  return isTfjsModuleUrl(url) || (name !== undefined && TFJS_IMPORT.test(name.toLowerCase()));
}

/**
 * Gives the script the check's tf: for its imports of tfjs (the bundle reads them from GLOBAL_TF),
 * and as the global `tf` a script written for a page reads when the page loads TensorFlow.js with a
 * `<script>` tag, unless the process has a global of that name already.
 */
export function exposeScriptTf(scriptTf: unknown): void {
  const globals = globalThis as Record<string, unknown>;
  globals[GLOBAL_TF] = scriptTf;
  if (!('tf' in globals)) globals['tf'] = scriptTf;
}
/** The bundle's stand-in for node's `module` object of the entry file. */
const ENTRY_MODULE = '__tfjsDoctorEntryModule';
const TRAINING_METHODS = ['fit', 'fitDataset', 'trainOnBatch'] as const;

type EsbuildModule = typeof import('esbuild');

/** Bundles the entry file to one ES module; tfjs comes from the check, other packages from the user's node_modules. */
export async function bundle(esbuild: EsbuildModule, entry: string, outfile: string, contents: string | undefined): Promise<string> {
  const entryDir = path.dirname(entry);
  const plugin: import('esbuild').Plugin = {
    name: 'tfjs-doctor-capture',
    setup(build) {
      build.onResolve({ filter: TFJS_IMPORT }, () => ({ path: 'tfjs', namespace: 'tfjs-doctor' }));
      // TensorFlow.js from a CDN, as a page's module imports it (jsDelivr, unpkg, esm.sh, Skypack): the check's tf too.
      build.onResolve({ filter: /^(https?:)?\/\// }, (args) => (isTfjsCdnUrl(args.path) ? { path: 'tfjs', namespace: 'tfjs-doctor' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'tfjs-doctor' }, () => ({ contents: `module.exports = globalThis.${GLOBAL_TF};`, loader: 'js' }));
      // A require nothing resolves fails where Node fails it: when the code reaches it (a require in a
      // function never called, or in a try that handles its absence, does not stop the script).
      build.onLoad({ filter: /.*/, namespace: MISSING_MODULE }, (args) => ({ contents: missingModuleCode(args.path, (args.pluginData as { importer?: string } | undefined)?.importer), loader: 'js' }));
      build.onResolve({ filter: /^\.{1,2}(\/|$)/ }, (args) => (args.kind !== 'require-call' || (args.pluginData as { inner?: boolean } | undefined)?.inner ? undefined : resolvedOrMissing(build, args, args.resolveDir)));
      // Other packages stay where they are installed: resolved now, loaded by Node at run time.
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if ((args.pluginData as { inner?: boolean } | undefined)?.inner) return undefined;
        const resolved = await resolvePackage(build, { ...args, resolveDir: args.resolveDir || entryDir });
        // What Node cannot find esbuild may (a path alias of the tsconfig): bundled then, else missing when reached.
        if (!resolved) return args.kind === 'require-call' ? resolvedOrMissing(build, args, args.resolveDir || entryDir) : undefined;
        // A package built on tfjs (tfjs-vis, a model library) is bundled with the script, so that its
        // own tfjs imports get the check's tfjs too: with its own copy, the models it makes or reads
        // would not be the ones the check sees, and its tfjs may be one Node cannot load.
        if (buildsOnTfjs(resolved)) return { path: resolved };
        // A CommonJS package imported by name (`import { sampleSize } from 'lodash'`) is required, and the
        // bundle picks the names from its exports, as a bundler does: Node's own import finds only the
        // names it can see in the package's code, which for many packages is none of them.
        // An import for its side effects only (`import 'dotenv/config'`) needs no names and stays an import, in its place among the others.
        if (args.kind === 'import-statement' && isCommonJs(resolved) && importsNames(args.importer, args.path)) return { path: resolved, namespace: COMMONJS_PACKAGE };
        return externalPath(resolved, args.kind);
      });
      build.onLoad({ filter: /.*/, namespace: COMMONJS_PACKAGE }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
      build.onResolve({ filter: /.*/, namespace: COMMONJS_PACKAGE }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: SCRIPT_FILE }, async (args) => {
        const text = asMainModule(await fs.promises.readFile(args.path, 'utf8'), args.path === entry);
        const contents = await withOwnLocation(esbuild, text, args.path);
        return { contents, loader: contents === text ? loaderFor(args.path) : 'js' };
      });
    },
  };
  const mainText = contents === undefined ? undefined : asMainModule(contents, true);
  const entryText = mainText === undefined ? undefined : await withOwnLocation(esbuild, mainText, entry);
  const result = await esbuild.build({
    ...(mainText !== undefined
      ? { stdin: { contents: entryText!, resolveDir: entryDir, sourcefile: entry, loader: entryText === mainText ? loaderFor(entry) : 'js' } }
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
    // As Node resolves packages: no bundler-only `module` condition or field.
    conditions: [],
    mainFields: ['main'],
    plugins: [plugin],
    // `module` where the code does not declare it (a script's `if (require.main === module) main()`
    // in a file esbuild takes for an ES module) is the entry's: the script runs as node's main module.
    define: { module: ENTRY_MODULE },
    // CommonJS code bundled into an ES module still needs require, __filename and __dirname.
    banner: {
      js: [
        `import { createRequire as __tfjsDoctorCreateRequire } from 'node:module';`,
        `const require = __tfjsDoctorCreateRequire(${JSON.stringify(entry)});`,
        `const __filename = ${JSON.stringify(entry)};`,
        `const __dirname = ${JSON.stringify(entryDir)};`,
        `const ${ENTRY_MODULE} = { id: '.', filename: __filename, path: __dirname, exports: {}, loaded: false, children: [], paths: [], require };`,
        `require.main = ${ENTRY_MODULE};`,
      ].join('\n'),
    },
  }).catch((error: unknown) => {
    // A build failure lists its errors; anything else esbuild throws is said as it is.
    const first = (error as { errors?: import('esbuild').Message[] } | undefined)?.errors?.[0];
    const where = first?.location ? `${path.relative(entryDir, first.location.file) || path.basename(entry)}:${first.location.line}: ` : '';
    void esbuild.stop?.();
    // A package that is not installed is the project's setup, not an error in its code.
    const missing = first?.text ? /^Could not resolve "([^./][^"]*)"$/.exec(first.text)?.[1] : undefined;
    if (missing && !isBuiltin(missing) && !installedFrom(entryDir, missing)) throw new OverfitError(missingPackageMessage(missing, where.replace(/: $/, '') || undefined));
    throw new OverfitError(`the file could not be bundled: ${where}${first?.text ?? String(error)}`);
  });
  // esbuild's service would keep the process alive, and execute mode waits for the script to go idle.
  await esbuild.stop?.();
  return result.outputFiles![0]!.text;
}

/** The namespace of the wrappers that require a CommonJS package an import names. */
const COMMONJS_PACKAGE = 'tfjs-doctor-commonjs';

/** Whether the importing file takes names from the module (`import { a } from`, `import a from`, `import * as a from`), not only its side effects. */
function importsNames(importer: string, specifier: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(importer, 'utf8');
  } catch {
    return true;
  }
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\bimport\\s+(?!['"])[^;]*?\\bfrom\\s*['"]${quoted}['"]`).test(text);
}

/** Whether Node loads the file as CommonJS: `.cjs`, or `.js` in a package that does not say it is an ES module. */
function isCommonJs(file: string): boolean {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.cjs') return true;
  if (extension !== '.js') return false;
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type !== 'module';
    } catch {
      continue;
    }
  }
  return true;
}

/** The namespace of the modules a require names that nothing resolves. */
const MISSING_MODULE = 'tfjs-doctor-missing';

/** Nothing to change when esbuild resolves the require itself; else the module that fails when the require is reached. */
async function resolvedOrMissing(build: import('esbuild').PluginBuild, args: import('esbuild').OnResolveArgs, resolveDir: string): Promise<import('esbuild').OnResolveResult | undefined> {
  const found = await build.resolve(args.path, { kind: args.kind, resolveDir, importer: args.importer, pluginData: { inner: true } });
  return found.errors.length === 0 ? undefined : { path: args.path, namespace: MISSING_MODULE, pluginData: { importer: args.importer } };
}

/** A module that throws Node's own error for a require it cannot resolve, when it is loaded. */
function missingModuleCode(specifier: string, importer: string | undefined): string {
  const message = `Cannot find module '${specifier}'${importer ? `\nRequire stack:\n- ${importer}` : ''}`;
  return `const error = new Error(${JSON.stringify(message)});\nerror.code = 'MODULE_NOT_FOUND';\nerror.requireSpecifier = ${JSON.stringify(specifier)};\nthrow error;\n`;
}

/**
 * Whether the package an import names (`pkg`, `@scope/pkg`, `pkg/sub/path`) is installed where Node
 * looks for it from `folder`: a subpath it does not have is a wrong import, not a missing package.
 */
function installedFrom(folder: string, specifier: string): boolean {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
/** `require.main === module` and its mirror forms: the test a script makes of whether node runs it. */
const MAIN_MODULE_TEST = /\brequire\.main\s*(===?|!==?)\s*module\b|\bmodule\s*(===?|!==?)\s*require\.main\b/g;

/**
 * The entry file's code with its test of being node's main module answered: the check runs it as
 * `node <file>` would. esbuild wraps a file that mixes `import` with `module` in a CommonJS wrapper
 * whose own `module` is not `require.main`, so the test is written out as its answer, in place
 * (the line and what follows it on other lines keep their positions). Other files are left alone.
 */
function asMainModule(text: string, isEntry: boolean): string {
  if (!isEntry || !text.includes('require.main')) return text;
  return text.replace(MAIN_MODULE_TEST, (_match, first: string | undefined, second: string | undefined) => ((first ?? second)!.startsWith('!') ? 'false' : 'true'));
}

/** What a module knows of its own location. */
const FILE_MEMBERS = /\bimport\.meta\b|\b__dirname\b|\b__filename\b/;

/**
 * The file's code with `import.meta.url` (and `dirname`, `filename`), `__dirname` and `__filename`
 * set to the file's own location: in the bundle they would name the bundle's, and the script would
 * look for its data files and packages in the wrong folder. Code that names none of them is left as
 * it is. Returned as JavaScript with an inline source map back to the file.
 */
async function withOwnLocation(esbuild: EsbuildModule, text: string, file: string): Promise<string> {
  if (!FILE_MEMBERS.test(text)) return text;
  const dirname = path.dirname(file);
  const result = await esbuild.transform(text, {
    loader: loaderFor(file),
    sourcefile: file,
    sourcemap: 'inline',
    jsx: 'automatic',
    define: {
      'import.meta.url': JSON.stringify(pathToFileURL(file).href),
      'import.meta.dirname': JSON.stringify(dirname),
      'import.meta.filename': JSON.stringify(file),
      __dirname: JSON.stringify(dirname),
      __filename: JSON.stringify(file),
    },
    logLevel: 'silent',
  }).catch(() => undefined);
  // Code that does not parse is bundled as it is, for the bundler to report where.
  return result?.code ?? text;
}

/**
 * Where Node would find a package the user's code names, from the importing file's folder: Node's
 * own `require.resolve` for `require`, esbuild's resolver with Node's conditions (`import`, `node`)
 * for `import`, since packages may export different files to each. Undefined when neither finds it.
 */
async function resolvePackage(build: import('esbuild').PluginBuild, args: import('esbuild').OnResolveArgs): Promise<string | undefined> {
  const fromNode = (): string | undefined => {
    try {
      return createRequire(path.join(args.resolveDir, 'noop.js')).resolve(args.path);
    } catch {
      return undefined;
    }
  };
  if (args.kind === 'require-call' || args.kind === 'require-resolve') return fromNode();
  const found = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
  return found.errors.length === 0 && found.path && path.isAbsolute(found.path) ? found.path : fromNode();
}

/** Whether a package depends on tfjs: by the dependencies of the package.json nearest above its file. */
function buildsOnTfjs(file: string): boolean {
  for (let dir = path.dirname(file); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    let text: string;
    try {
      text = fs.readFileSync(manifest, 'utf8');
    } catch {
      continue;
    }
    try {
      const json = JSON.parse(text) as { name?: unknown; dependencies?: object; peerDependencies?: object };
      // A package.json without a name marks a folder's module type, not a package.
      if (typeof json.name !== 'string') continue;
      return [json.dependencies, json.peerDependencies].some((deps) => deps !== null && typeof deps === 'object' && Object.keys(deps).some((name) => TFJS_IMPORT.test(name)));
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The bundle names an external package by where it is installed. `require` (the bundle's, made by
 * createRequire) takes a path and not a URL; `import` takes a URL, which a Windows path is not.
 */
function externalPath(resolved: string, kind: import('esbuild').ImportKind): import('esbuild').OnResolveResult {
  const required = kind === 'require-call' || kind === 'require-resolve';
  return { path: required ? resolved : pathToFileURL(resolved).href, external: true };
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
  /** The export to try first when the file trains nothing itself (the model the user picked). */
  readonly preferredExport?: string;
  /** Whether a model an export gives is the one wanted (the model the user picked); others are passed over. */
  readonly accept?: (model: LayersModel) => boolean;
  /**
   * Arguments to call exported functions with, by export name: stand-ins for the sizes a factory
   * takes as parameters and nothing calls it with, or for the data a training function takes. Others
   * are called with none.
   */
  readonly exportArguments?: Readonly<Record<string, readonly unknown[]>>;
  /** Exports that take a training step on the data they are given: called first, with their arguments. */
  readonly stepExports?: readonly string[];
  /** Their arguments, made when the script has trained nothing itself and the exports are called. */
  readonly stepArguments?: () => Readonly<Record<string, readonly unknown[]>>;
  /** The entry's unsaved text, if any. */
  readonly contents?: string;
  /** The command-line arguments the script runs with (`node <file> <arguments>`). */
  readonly scriptArguments?: readonly string[];
  /** An empty folder to write the bundle to, removed by whoever made it. */
  readonly scratchDir: string;
  /** Loads esbuild (its location differs between the extension and the command line). */
  readonly loadEsbuild: () => EsbuildModule;
  /** The tf the script gets (one that notes where models are created); the engine's own by default. */
  readonly scriptTf?: Tf;
  /**
   * Whether a model the script trains is the one to check; by default the first trained is. Models
   * it turns down train as the script says, and the script goes on to the next.
   */
  readonly isWanted?: (model: LayersModel) => boolean;
}

let bundleCount = 0;

/** The order exports are tried in when the file only defines a model: factories first, entry points last. */
const FACTORY_NAME = /(create|build|make|get|define|new)\w*model|^model$/i;
const ENTRY_NAME = /^(main|run|train\w*)$/i;

function exportCandidates(namespace: Record<string, unknown>, wanted: string | undefined, preferred: string | undefined, args: Readonly<Record<string, readonly unknown[]>>, steps: readonly string[]): [string, unknown][] {
  const entries: [string, unknown][] = Object.entries(namespace);
  const defaultExport = namespace['default'];
  if (defaultExport && typeof defaultExport === 'object') entries.push(...Object.entries(defaultExport as Record<string, unknown>));
  if (wanted !== undefined) {
    const found = entries.find(([name]) => name === wanted);
    if (!found) throw new OverfitError(`the file has no export named ${wanted}`);
    return [found];
  }
  // Functions without required parameters, or with stand-ins for them, whatever their name:
  // factories by their usual names first, entry points that may train last.
  const callable = entries.filter(([name, value]) => typeof value === 'function' && (value as () => unknown).length <= (Object.hasOwn(args, name) ? args[name]!.length : 0));
  const first = entries.filter(([name, value]) => name === preferred && (typeof value === 'object' || callable.some(([other]) => other === name)));
  // A function that trains on the data it is given reaches the code's own training step.
  const training = preferred === undefined ? callable.filter(([name]) => steps.includes(name)) : [];
  return [
    ...first,
    ...training,
    ...entries.filter(([, value]) => typeof value === 'object' && value !== null),
    ...callable.filter(([name]) => FACTORY_NAME.test(name)),
    ...callable.filter(([name]) => !FACTORY_NAME.test(name) && !ENTRY_NAME.test(name)),
    ...callable.filter(([name]) => ENTRY_NAME.test(name)),
  ];
}

/**
 * Runs the file until it trains a model; if it finishes without training, looks for a model among
 * its exports. Resolves to the capture; rejects with an OverfitError that says what happened.
 */
export async function executeForCapture(tf: Tf, file: string, options: ExecuteOptions): Promise<ScriptCapture> {
  // The folder is the runner's, which removes it however the worker ends: a worker killed at the
  // time limit could not.
  // A name of its own per run: Node caches modules by address, and a second run must not get the first.
  const bundled = path.join(options.scratchDir, `entry-${++bundleCount}.mjs`);
  fs.writeFileSync(bundled, await bundle(options.loadEsbuild(), file, bundled, options.contents));

  let resolveCapture!: (capture: ScriptCapture) => void;
  let rejectCapture!: (error: Error) => void;
  const captured = new Promise<ScriptCapture>((resolve, reject) => {
    resolveCapture = resolve;
    rejectCapture = reject;
  });
  let taken = false;
  /** The export being called with stand-ins when the script is at its end: a step it takes is that export's. */
  let callingExport: string | undefined;
  /** Training calls of models passed over (not the one asked for) still running: their steps are theirs. */
  let passingOver = 0;
  const loops = interceptLoops(
    options.scriptTf ?? tf,
    () => taken || passingOver > 0,
    (step) => {
      taken = true;
      resolveCapture(callingExport !== undefined ? { ...step, exportName: callingExport } : step);
    },
  );
  exposeScriptTf(loops.scriptTf);
  /** Models the script trained that were not the one asked for. */
  let passedOver = 0;
  const originals = new Map<object, Map<string, unknown>>();
  for (const prototype of trainingPrototypes(tf)) {
    const saved = new Map<string, unknown>();
    for (const method of TRAINING_METHODS) {
      if (!Object.prototype.hasOwnProperty.call(prototype, method)) continue;
      const original = (prototype as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
      saved.set(method, original);
      (prototype as Record<string, unknown>)[method] = function (this: LayersModel, ...args: unknown[]) {
        if (taken) return original.apply(this, args);
        // A Sequential trains through the model it wraps: the call it makes for a model passed
        // over is part of training that model, not another model to check.
        if (passingOver > 0) return original.apply(this, args);
        if (options.isWanted && !options.isWanted(this)) {
          passedOver++;
          // Passed over until its training ends, which for fit is when its promise settles: the
          // optimizer steps it takes meanwhile are not a custom loop to capture.
          passingOver++;
          let result: unknown;
          try {
            result = original.apply(this, args);
          } catch (error) {
            passingOver--;
            throw error;
          }
          const done = () => {
            passingOver--;
          };
          if (result instanceof Promise) result.then(done, done);
          else done();
          return result;
        }
        taken = true;
        const config = (method === 'fit' ? args[2] : undefined) as { batchSize?: unknown } | undefined;
        const batchSize = typeof config?.batchSize === 'number' ? config.batchSize : undefined;
        // The frame after this one is the script's call.
        const site = frameAt(new Error().stack, 2);
        resolveCapture({
          ...(method === 'fitDataset' ? { model: this, via: method, dataset: args[0] } : { model: this, via: method, x: args[0], y: args[1], ...(batchSize ? { batchSize } : {}) }),
          ...(site ? { site } : {}),
          ...(callingExport !== undefined ? { calledExport: callingExport } : {}),
        });
        // The script waits here for good: nothing after its first training call runs.
        return new Promise(() => undefined);
      };
    }
    originals.set(prototype, saved);
  }
  const restore = () => {
    for (const [prototype, saved] of originals) for (const [method, original] of saved) (prototype as Record<string, unknown>)[method] = original;
    loops.restore();
  };

  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept only to be put back in place
  const realExit = process.exit;
  process.exit = ((exitCode?: number | string | null) => {
    throw new ScriptExit(exitCode);
  }) as typeof process.exit;
  const folder = path.dirname(file);
  const argumentWatch = watchArguments(file, options.scriptArguments ?? []);
  // For the rest of this process's life: the script's async work may go on writing after the capture.
  overlayWrites(path.join(options.scratchDir, 'writes'), temporaryFolders(), projectRoot(file));
  /** The script's failure, as what went wrong around it when it is one of those, else as it is. */
  const failure = (error: unknown, described: string): OverfitError => {
    const place = userPlace(error);
    const problem = scriptProblem(error, {
      folder,
      readMissingArguments: argumentWatch.readMissingArguments(),
      givenArguments: options.scriptArguments?.length ?? 0,
      installed: (specifier) => installedFrom(folder, specifier),
      ...(place ? { place: `${path.relative(folder, place.file) || path.basename(place.file)}:${place.line}` } : {}),
    });
    return problem ? new ScriptEnvironmentError(problem, described) : new OverfitError(described);
  };
  const onFailure = (error: unknown) => {
    if (taken || error instanceof TrainingStepReached) return;
    // The check's own verdict on the exports (an export asked for that gives no model) is said as it is.
    if (error instanceof OverfitError) {
      rejectCapture(error);
      return;
    }
    rejectCapture(failure(error, error instanceof ScriptExit ? `${error.message} before training a model` : `the script threw before training a model: ${describeScriptError(error)}`));
  };
  process.on('uncaughtException', onFailure);
  process.on('unhandledRejection', onFailure);

  try {
    const finished = import(pathToFileURL(bundled).href).then(
      async (namespace: Record<string, unknown>) => {
        // The module's top level is done; its async work may still train a model.
        await whenIdle(captured);
        // A gradient step that applied its update in a way not seen: taken as it is.
        loops.settle();
        if (taken) return;
        const wanted = (model: LayersModel): boolean => (options.accept?.(model) ?? true) && (options.isWanted?.(model) ?? true);
        const fromExports = await modelFromExports(tf, namespace, {
          wanted: options.exportName,
          alreadyTaken: () => taken,
          preferred: options.preferredExport,
          accept: wanted,
          args: { ...(options.exportArguments ?? {}), ...(options.stepArguments?.() ?? {}) },
          steps: options.stepExports ?? [],
          calling: (name) => {
            callingExport = name;
          },
          // A gradient step the export took whose update was not seen is that export's step.
          returned: () => loops.settle(),
        });
        if (taken) return;
        if (fromExports) {
          taken = true;
          resolveCapture(fromExports);
        } else if (passedOver > 0) {
          rejectCapture(new OverfitError(`the script trained ${passedOver === 1 ? 'another model' : `${passedOver} other models`}, but not the one asked for`));
        } else {
          const nothing = 'the file ran to the end without training a model, and none of its exports returns one';
          const problem = failure(undefined, nothing);
          // A script that needed something it did not get says so; one that trains nothing may be a module another file trains.
          rejectCapture(problem instanceof ScriptEnvironmentError ? problem : new NothingTrained(nothing));
        }
      },
      (error: unknown) => onFailure(error),
    );
    void finished;
    const capture = await captured;
    // The step stopped the script by throwing into it; the rejections that causes are reported at the
    // end of this turn of the event loop, and are the script's stopping, not its failure.
    if (isLoopCapture(capture)) await new Promise((resolve) => setImmediate(resolve));
    return capture;
  } finally {
    restore();
    argumentWatch.restore();
    process.exit = realExit;
    process.off('uncaughtException', onFailure);
    process.off('unhandledRejection', onFailure);
  }
}

/** The folders the script may write to as it is: the temporary folder, under every name it has. */
export function temporaryFolders(): string[] {
  const folder = os.tmpdir();
  try {
    return [...new Set([folder, fs.realpathSync(folder)])];
  } catch {
    return [folder];
  }
}

/** A stack frame's file and line (source maps turn bundle frames into their files): `at f (/a/b.js:1:2)` or `at /a/b.js:1:2`; Node's own (`node:internal/...`) do not match. */
const FRAME = /(?:^at (?:async )?|\()((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/;

/**
 * Folders of the check's own code: its bundles (this file is bundled into `dist/`) and, through
 * their source maps, its sources. A frame there is the check's, not the script's.
 */
const OWN_CODE = ((root) => ['dist', 'overfit', 'server', 'shared', 'rules', 'client'].map((folder) => `${path.join(root, folder)}${path.sep}`))(path.resolve(__dirname, '..'));

/** Whether a frame's file is the user's code, not tfjs's, Node's or the check's own. */
function isUserFrame(file: string): boolean {
  const plain = file.replace(/^file:\/\//, '');
  // The bundle itself (in the check's scratch folder) is the check's where no source map leads back to the user's file.
  return !/overfit-worker\.js$|tfjs\.js$|\/node_modules\/@tensorflow\/|\/tfjs-doctor-[^/]+\/(training-entry|entry-\d+)\.mjs$/.test(plain) && !OWN_CODE.some((folder) => plain.startsWith(folder));
}

function placeOf(match: RegExpExecArray): { file: string; line: number } {
  return { file: match[1]!.replace(/^file:\/\//, ''), line: Number(match[2]) };
}

/** The place of the stack's frame at `index` (1 is the function that made the stack). */
function frameAt(stack: string | undefined, index: number): { file: string; line: number } | undefined {
  const match = FRAME.exec(stack?.split('\n')[index]?.trim() ?? '');
  return match ? placeOf(match) : undefined;
}

/** The script's error, with the first line of the user's code it came from. */
export function describeScriptError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const place = userPlace(error);
  // Node's list of the files that required a module it could not find says less than the line does.
  const message = error.message.split('\nRequire stack:')[0]!;
  return `${message}${place ? ` (${place.file}:${place.line})` : ''}`;
}

/** The first line of the user's code on the error's stack. */
function userPlace(error: unknown): { file: string; line: number } | undefined {
  const frame = error instanceof Error ? error.stack?.split('\n').slice(1).map((line) => FRAME.exec(line.trim())).find((match) => match && isUserFrame(match[1]!)) : undefined;
  return frame ? placeOf(frame) : undefined;
}

/**
 * Waits until the script has nothing left to do (Node's beforeExit) or has trained a model. The IPC
 * channel is unreferenced meanwhile, so it does not count as work.
 */
export function whenIdle(captured: Promise<unknown>): Promise<void> {
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

/** How a model is looked for among a module's exports. */
interface ExportSearch {
  /** The export asked for by name, if any: it must give a model. */
  readonly wanted: string | undefined;
  readonly alreadyTaken: () => boolean;
  readonly preferred: string | undefined;
  readonly accept: (model: LayersModel) => boolean;
  readonly args: Readonly<Record<string, readonly unknown[]>>;
  readonly steps: readonly string[];
  /** Told which export is being called, and undefined once it returned. */
  readonly calling: (name: string | undefined) => void;
  /** Called when an export returned (or its promise resolved). */
  readonly returned: () => void;
}

/**
 * The module's exports, with a function for each training method of an exported class asked for
 * (`Agent.trainOnBatch`): it makes an instance as the code would without arguments and calls the
 * method on it.
 */
function withStepMethods(namespace: Record<string, unknown>, steps: readonly string[]): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  for (const step of steps) {
    const [className, method] = step.split('.');
    if (method === undefined) continue;
    const owner = namespace[className!] ?? (namespace['default'] as Record<string, unknown> | undefined)?.[className!];
    if (typeof owner !== 'function') continue;
    methods[step] = (...args: unknown[]) => {
      const instance = new (owner as new () => Record<string, unknown>)();
      return (instance[method] as (...values: unknown[]) => unknown).apply(instance, args);
    };
  }
  return Object.keys(methods).length > 0 ? { ...namespace, ...methods } : namespace;
}

async function modelFromExports(tf: Tf, namespace: Record<string, unknown>, search: ExportSearch): Promise<Capture | undefined> {
  const { wanted, alreadyTaken, preferred, accept } = search;
  /** The first export that is a model with no layers yet. */
  let empty: string | undefined;
  for (const [name, value] of exportCandidates(withStepMethods(namespace, search.steps), wanted, preferred, search.args, search.steps)) {
    let result: unknown = value;
    if (typeof value === 'function') {
      search.calling(name);
      try {
        result = await (value as (...args: unknown[]) => unknown)(...(search.args[name] ?? []));
        search.returned();
      } catch (error) {
        if (alreadyTaken()) return undefined;
        if (wanted !== undefined) throw new OverfitError(`${name}() threw: ${describeScriptError(error)}`);
        continue;
      } finally {
        if (!alreadyTaken()) search.calling(undefined);
      }
    }
    if (alreadyTaken()) return undefined;
    if (!(result instanceof tf.LayersModel)) continue;
    // A model its code has not built yet (a `tf.sequential()` whose layers a method adds later) has nothing to train.
    if (result.layers.length === 0) {
      empty ??= name;
      continue;
    }
    if (wanted !== undefined || accept(result)) return { model: result, via: 'export', exportName: name };
  }
  if (wanted !== undefined) throw new OverfitError(empty === wanted ? `the model ${wanted} has no layers when the file runs: the code adds them later, in a function the file does not call` : `the export ${wanted} is not a model or a function that returns one`);
  return undefined;
}
