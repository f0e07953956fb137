/**
 * Starts the overfit worker (for the check, or for a watched training run) in a child process and owns everything about it: the time limit, the
 * memory limit, cancellation, the environment the script sees, the processes the script starts and
 * the temporary folder its bundle is written to. However the run ends, the worker and all it started
 * are ended and the folder is removed before the outcome is given.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scriptEnvironment } from './environment';
import { RESIDENT_POLL_MS, memoryLimitMessage, residentMemoryMb } from './process-memory';
import { OWN_PROCESS_GROUP, killProcessTree } from './process-tree';
import type { TrainingWorkerRun } from './training/protocol';
import type { OverfitRequest, OverfitResult, WorkerMessage, WorkerRun } from './types';

export interface WorkerOptions {
  /** dist/overfit-worker.js. */
  readonly workerPath: string;
  readonly timeLimitMs: number;
  /** Bounds the worker's whole memory: its heap, and the buffers and tensors outside it. */
  readonly memoryLimitMb: number;
  /** The folder the user's script runs in, in execute mode (relative paths in it resolve from there). */
  readonly cwd: string;
  readonly signal?: AbortSignal;
  readonly onMessage?: (message: WorkerMessage) => void;
  /** Output the script or tfjs printed, as it arrives. */
  readonly onOutput?: (text: string) => void;
}

/**
 * The folders whose node_modules may hold the project's @tensorflow/tfjs-node: the file's, then its
 * parents up to the root. Only for execute mode, where the project's code runs anyway.
 */
export function projectFolders(file: string): string[] {
  const folders: string[] = [];
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    folders.push(folder);
    if (path.dirname(folder) === folder) return folders;
  }
}

export type WorkerOutcome =
  | { readonly kind: 'result'; readonly result: OverfitResult }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

/** Output kept for error messages, from the end. */
const OUTPUT_TAIL = 4000;
/** How long a killed worker may take to be reported gone before the run ends without waiting for it. */
const EXIT_WAIT_MS = 2000;

/**
 * Workers still running, each with what ends it. When the process that started them exits (the
 * editor closing, the command line ending early), they are ended with it; a watchdog thread in the
 * worker covers a parent that is killed and cannot run this.
 */
const running = new Set<() => void>();
let endOnExit = false;

function track(end: () => void): () => void {
  if (!endOnExit) {
    endOnExit = true;
    process.on('exit', () => {
      for (const each of running) each();
    });
  }
  running.add(end);
  return () => running.delete(end);
}

/** The verdict of a run the time limit stopped during training: inconclusive, with the losses seen. */
function timedOut(started: Extract<WorkerMessage, { type: 'started' }>, progress: readonly number[], timeLimitMs: number): OverfitResult {
  // Progress comes a few times a second, not every step.
  const losses = progress.filter((loss) => loss !== undefined);
  const seconds = Math.round(timeLimitMs / 1000);
  return {
    verdict: 'inconclusive',
    inconclusive: {
      reason: 'time-limit',
      message: `Training stopped at the time limit of ${seconds} s after ${progress.length} of ${started.steps} steps on the ${started.backend} backend, before the check could tell. Give it more time (--time-limit, or the tfjsDoctor.overfit.timeLimit setting).`,
    },
    model: started.model,
    backend: started.backend,
    mode: started.mode,
    data: started.data ?? { source: started.mode === 'static' ? 'synthetic' : 'captured', batchSize: 0 },
    steps: progress.length,
    initialLoss: losses[0] ?? Number.NaN,
    finalLoss: losses.at(-1) ?? Number.NaN,
    ms: timeLimitMs,
    losses,
    layers: [],
    causes: [],
    ...(started.fallback ? { fallback: started.fallback } : {}),
  };
}

/** How a kind of run reads its worker's messages and words its ends. */
export interface Supervision<Outcome> {
  /** What the run is called in messages: "the check", "the training run". */
  readonly what: string;
  /** A message from the worker; the outcome when the message ends the run. */
  message(message: unknown): Outcome | undefined;
  /** The time limit is reached; `tail` is the end of the script's output, for the message. */
  timeLimit(tail: string): Outcome;
  /** The process could not start, exited, or went over its memory limit. */
  failed(message: string): Outcome;
  cancelled(): Outcome;
}

/**
 * Starts the worker with `run` and supervises it: the time limit, the memory limit, the cancel, the
 * output. However the run ends, the worker and all it started are ended and the scratch folder is
 * removed before the outcome is given.
 */
export function superviseWorker<Outcome>(run: Omit<WorkerRun, 'scratchDir' | 'memoryLimitMb'> | Omit<TrainingWorkerRun, 'scratchDir' | 'memoryLimitMb'>, options: WorkerOptions, supervision: Supervision<Outcome>): Promise<Outcome> {
  const runsScript = run.type === 'train' || run.request.mode === 'execute';
  return new Promise((resolve) => {
    // The bundle of the user's script goes here. The parent makes and removes it, because a worker
    // that is killed cannot clean up after itself.
    const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-'));
    let child: ChildProcess;
    try {
      child = fork(options.workerPath, [], {
        // A static check runs nothing of the project: no reason to start in its folder.
        cwd: runsScript ? options.cwd : scratchDir,
        env: scriptEnvironment(),
        // Source maps make errors in the user's code point at their own files, not the bundle.
        execArgv: [`--max-old-space-size=${options.memoryLimitMb}`, '--enable-source-maps'],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'advanced',
        // Leader of a process group of its own, so the processes the script starts end with it.
        detached: OWN_PROCESS_GROUP,
      });
    } catch (error) {
      fs.rmSync(scratchDir, { recursive: true, force: true });
      resolve(supervision.failed(`${supervision.what} could not start: ${(error as Error).message}`));
      return;
    }

    let outcome: Outcome | undefined;
    let ended = false;
    let exited = false;
    let settled = false;
    let output = '';
    const end = () => {
      if (child.pid !== undefined) killProcessTree(child.pid);
      fs.rmSync(scratchDir, { recursive: true, force: true });
    };
    const untrack = track(end);
    const settle = () => {
      if (settled) return;
      settled = true;
      end();
      untrack();
      resolve(outcome!);
    };

    const finish = (result: Outcome) => {
      if (ended) return;
      ended = true;
      outcome = result;
      clearTimeout(timer);
      clearInterval(memoryPoll);
      options.signal?.removeEventListener('abort', onAbort);
      // Kill while the worker lives: on Windows its descendants are found through it.
      if (child.pid !== undefined) killProcessTree(child.pid);
      if (exited || child.pid === undefined) settle();
      else setTimeout(settle, EXIT_WAIT_MS).unref();
    };
    const tail = () => (output.trim() ? `\nLast output of the script:\n${output.trim().split('\n').slice(-10).join('\n')}` : '');
    const onText = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-OUTPUT_TAIL);
      options.onOutput?.(text);
    };
    child.stdout?.on('data', onText);
    child.stderr?.on('data', onText);

    const timer = setTimeout(() => finish(supervision.timeLimit(tail())), options.timeLimitMs);

    // Read from outside, so it also stops a script that allocates in a loop that never yields.
    let reading = false;
    const memoryPoll = setInterval(() => {
      if (reading || child.pid === undefined) return;
      reading = true;
      void residentMemoryMb(child.pid).then((mb) => {
        reading = false;
        if (mb !== undefined && mb > options.memoryLimitMb) finish(supervision.failed(memoryLimitMessage(options.memoryLimitMb)));
      });
    }, RESIDENT_POLL_MS);

    child.on('message', (message: unknown) => {
      if (ended) return;
      const result = supervision.message(message);
      if (result !== undefined) finish(result);
    });
    child.on('error', (error) => finish(supervision.failed(`${supervision.what} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      exited = true;
      if (ended) {
        settle();
        return;
      }
      // Give messages that arrived just before the exit a chance to settle first.
      setImmediate(() => {
        const oom = /heap out of memory|Allocation failed/i.test(output);
        const message = oom ? memoryLimitMessage(options.memoryLimitMb) : `${supervision.what}'s process ${signal ? `was killed by ${signal}` : `exited with code ${code}`} before it finished${tail()}`;
        finish(supervision.failed(message));
      });
    });
    const onAbort = () => finish(supervision.cancelled());
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    child.send({ ...run, scratchDir, memoryLimitMb: options.memoryLimitMb, timeLimitMs: options.timeLimitMs });
  });
}

export function runWorker(request: OverfitRequest, options: WorkerOptions): Promise<WorkerOutcome> {
  // What the worker said of the training it started: enough for a verdict if the time runs out.
  let started: Extract<WorkerMessage, { type: 'started' }> | undefined;
  const losses: number[] = [];
  return superviseWorker<WorkerOutcome>({ type: 'run', request }, options, {
    what: 'the check',
    message: (received) => {
      const message = received as WorkerMessage;
      options.onMessage?.(message);
      if (message.type === 'started') {
        started = message;
        losses.length = 0;
      } else if (message.type === 'progress' && message.phase === 'training') losses[message.step] = message.loss;
      if (message.type === 'result') return { kind: 'result', result: message.result };
      if (message.type === 'failed') return { kind: 'failed', message: message.message };
      return undefined;
    },
    timeLimit: (tail) => {
      if (started) return { kind: 'result', result: timedOut(started, losses, options.timeLimitMs) };
      // Only a script can loop forever or wait: in static mode none runs, training took the time.
      const why = request.mode === 'execute' ? ' (the script may loop forever or wait for something that never comes, or training is slow)' : ': training the model on this backend is slow; raise --time-limit (the tfjsDoctor.overfit.timeLimit setting) or lower the steps';
      return { kind: 'failed', message: `the check did not finish within ${Math.round(options.timeLimitMs / 1000)} s${why}${tail}` };
    },
    failed: (message) => ({ kind: 'failed', message }),
    cancelled: () => ({ kind: 'cancelled' }),
  });
}
