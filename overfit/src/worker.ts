/**
 * The overfit check's child process. It receives one request over IPC, sends progress and then a
 * result or why it failed. The parent enforces the time limit, cancels, and ends this process (with
 * everything the script started) once it has the final message.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadTf, ownModuleFolders, type BundledTf } from './backend';
import { describeScriptError } from './capture';
import { runRequest } from './check';
import { memoryLimitMessage, ownMemoryBytes } from './process-memory';
import { runWatched } from './training/execute';
import type { TrainingWorkerMessage, TrainingWorkerRun } from './training/protocol';
import { settlingMargin } from './outcome';
import { OverfitError, type OverfitRequest, type WorkerMessage, type WorkerRun } from './types';
import type { WatchdogData } from './watchdog';

/** tfjs-doctor's own folder: dist/.. */
const PACKAGE_ROOT = path.join(__dirname, '..');
/** How often the worker measures its own memory. */
const MEMORY_CHECK_MS = 200;
/**
 * The parent ends this process when it has the final message; should it not, the process leaves by
 * itself after this long.
 */
const LINGER_MS = 5000;

const exit = process.exit.bind(process);
let finalSent = false;

/** The messages that end a run: the parent ends this process once it has one. */
const FINAL = new Set(['result', 'failed', 'training-done', 'training-failed']);

function send(message: WorkerMessage | TrainingWorkerMessage): void {
  if (finalSent) return;
  if (FINAL.has(message.type)) {
    finalSent = true;
    setTimeout(() => exit(0), LINGER_MS).unref();
  }
  process.send?.(message);
}

/** The bundled tfjs sits next to this file in dist/, with the .wasm files. */
function loadBundled(): BundledTf {
  const bundle = require(path.join(__dirname, 'tfjs.js')) as Omit<BundledTf, 'wasmDir'>;
  return { ...bundle, wasmDir: __dirname };
}

/**
 * esbuild for execute mode: tfjs-doctor's own native package where it is installed (development,
 * the command line), else the WebAssembly build shipped in dist/ (the extension, on any platform).
 */
function loadEsbuild(): typeof import('esbuild') {
  const candidates = [...ownModuleFolders(PACKAGE_ROOT).map((folder) => path.join(folder, 'esbuild')), path.join(__dirname, 'esbuild-wasm', 'lib', 'main.js')];
  for (const candidate of candidates) {
    try {
      return require(candidate) as typeof import('esbuild');
    } catch {
      // Try the next one.
    }
  }
  throw new OverfitError('execute mode needs esbuild, which was not found next to tfjs-doctor');
}

const ESCAPE_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * An error that escapes the script (thrown in a callback, a rejection nothing handles) would end
 * this process with a raw stack. It ends the check with the script's error instead. When anyone else
 * listens for it, they handle it, as they would in Node: capture.ts while the script runs to be
 * captured (it may fall back to the static build), or the script itself.
 */
function failOnEscapedErrors(request: OverfitRequest): void {
  for (const event of ESCAPE_EVENTS) {
    process.on(event, (error: unknown) => {
      if (process.listenerCount(event) > 1) return;
      send({
        type: 'failed',
        message:
          request.mode === 'execute'
            ? `the script threw while the check ran: ${describeScriptError(error)}`
            : `the check failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      });
    });
  }
}

/**
 * Runs `load` and removes the listeners for escaped errors it added. The WebAssembly backend's
 * Emscripten glue adds ones that rethrow, which Node reports as exit code 7 and which would run
 * before the check's own.
 */
async function withoutAddedEscapeListeners<T>(load: () => Promise<T>): Promise<T> {
  // Seen as a plain emitter: process's typed overloads take one event name at a time.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(ESCAPE_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of ESCAPE_EVENTS) {
      for (const listener of emitter.listeners(event)) if (!before.get(event)!.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
    }
  }
}

/**
 * Stops the check when this process holds more than the limit. The parent reads the resident memory
 * from outside; this also counts buffers allocated and not yet touched.
 */
function watchOwnMemory(limitMb: number): void {
  setInterval(() => {
    if (ownMemoryBytes() > limitMb * 1024 * 1024) send({ type: 'failed', message: memoryLimitMessage(limitMb) });
  }, MEMORY_CHECK_MS).unref();
}

/** Ends this process and what the script started, and removes the scratch folder, if the parent goes away without doing it. */
function startWatchdog(scratchDir: string): void {
  const data: WatchdogData = { parentPid: process.ppid, scratchDir };
  // A thread that keeps nothing alive: the worker still ends when the script goes idle.
  new Worker(path.join(__dirname, 'overfit-watchdog.js'), { workerData: data }).unref();
}

async function main(run: WorkerRun): Promise<void> {
  const { request } = run;
  const deadline = run.timeLimitMs !== undefined ? performance.now() + run.timeLimitMs - settlingMargin(run.timeLimitMs) : undefined;
  const limits = deadline !== undefined ? { shouldStop: () => performance.now() > deadline, timeLimitMs: run.timeLimitMs! } : {};
  startWatchdog(run.scratchDir);
  failOnEscapedErrors(request);
  watchOwnMemory(run.memoryLimitMb);
  try {
    // Static mode promises that nothing of the project runs, so its folders are searched only in
    // execute mode (where the project's code runs anyway), whatever the request says.
    const projectFolders = request.mode === 'execute' ? request.searchPaths : [];
    const loaded = await withoutAddedEscapeListeners(() => loadTf({ projectFolders, ownModuleFolders: ownModuleFolders(PACKAGE_ROOT) }, loadBundled, request.backend));
    const result = await runRequest(loaded, request, { send, loadEsbuild, scratchDir: run.scratchDir, ...limits });
    send({ type: 'result', result });
  } catch (error) {
    const message = error instanceof OverfitError ? error.message : `the check failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    send({ type: 'failed', message });
  }
}

/** A watched training run: the script runs to its end, its training streamed as events. */
async function train(run: TrainingWorkerRun): Promise<void> {
  startWatchdog(run.scratchDir);
  watchOwnMemory(run.memoryLimitMb);
  // Errors that escape the script before it runs, or after, end the run; while it runs, runWatched listens for them.
  for (const event of ESCAPE_EVENTS) {
    process.on(event, (error: unknown) => {
      if (process.listenerCount(event) > 1) return;
      send({ type: 'training-failed', message: `the run failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
    });
  }
  try {
    const loaded = await withoutAddedEscapeListeners(() => loadTf({ projectFolders: run.request.searchPaths, ownModuleFolders: ownModuleFolders(PACKAGE_ROOT) }, loadBundled, run.request.backend));
    await runWatched(loaded, run.request, { send, loadEsbuild, scratchDir: run.scratchDir });
  } catch (error) {
    send({ type: 'training-failed', message: error instanceof OverfitError ? error.message : `the run failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
  }
}

process.once('message', (message: Partial<WorkerRun> | Partial<TrainingWorkerRun>) => {
  if (!message.request || message.scratchDir === undefined || message.memoryLimitMb === undefined) return;
  if (message.type === 'run') void main(message as WorkerRun);
  else if (message.type === 'train') void train(message as TrainingWorkerRun);
});
