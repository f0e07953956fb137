/** Starts the overfit worker in a child process, with a time limit, a memory limit and cancellation. */
import { fork } from 'node:child_process';
import * as path from 'node:path';
import type { OverfitRequest, OverfitResult, WorkerMessage } from './types';

export interface WorkerOptions {
  /** dist/overfit-worker.js. */
  readonly workerPath: string;
  readonly timeLimitMs: number;
  readonly memoryLimitMb: number;
  /** The folder the user's script runs in (relative paths in it resolve from there). */
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

export function runWorker(request: OverfitRequest, options: WorkerOptions): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let output = '';
    const child = fork(options.workerPath, [], {
      cwd: options.cwd,
      // Source maps make errors in the user's code point at their own files, not the bundle.
      execArgv: [`--max-old-space-size=${options.memoryLimitMb}`, '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const finish = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const tail = () => (output.trim() ? `\nLast output of the script:\n${output.trim().split('\n').slice(-10).join('\n')}` : '');
    const onText = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-OUTPUT_TAIL);
      options.onOutput?.(text);
    };
    child.stdout?.on('data', onText);
    child.stderr?.on('data', onText);
    const timer = setTimeout(() => {
      finish({ kind: 'failed', message: `the check did not finish within ${Math.round(options.timeLimitMs / 1000)} s (the script may loop forever or wait for something that never comes)${tail()}` });
    }, options.timeLimitMs);
    const onAbort = () => finish({ kind: 'cancelled' });
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort);
    child.on('message', (message: WorkerMessage) => {
      options.onMessage?.(message);
      if (message.type === 'result') finish({ kind: 'result', result: message.result });
      else if (message.type === 'failed') finish({ kind: 'failed', message: message.message });
    });
    child.on('error', (error) => finish({ kind: 'failed', message: `the check could not start: ${error.message}` }));
    child.on('exit', (code, signal) => {
      // Give messages that arrived just before the exit a chance to settle first.
      setImmediate(() => {
        const oom = /heap out of memory|Allocation failed/i.test(output);
        const reason = oom ? `ran out of memory (limit ${options.memoryLimitMb} MB)` : signal ? `was killed by ${signal}` : `exited with code ${code}`;
        finish({ kind: 'failed', message: `the check's process ${reason} before it finished${tail()}` });
      });
    });
    child.send({ type: 'run', request });
  });
}
