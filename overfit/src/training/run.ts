/**
 * Starts a watched training run in the overfit check's worker process (same limits, cancel,
 * environment and clean-up: runner.ts), passes its events on as they come, and builds the record
 * from them, so that a run stopped or cut at its time limit still gives what it measured.
 */
import { superviseWorker, type WorkerOptions } from '../runner';
import type { BackendName } from '../types';
import type { TrainingRequest, TrainingWorkerMessage } from './protocol';
import { TrainingRecordBuilder } from './record';
import type { TrainingEvent, TrainingRecord } from './types';

/** The default time limit of a training run: a real run is much longer than the overfit check's. */
export const TRAINING_TIME_LIMIT_MS = 10 * 60 * 1000;

export interface TrainingRunOptions extends Omit<WorkerOptions, 'timeLimitMs' | 'onMessage'> {
  /** Stops the run after this long (its record ends 'time-limit'); TRAINING_TIME_LIMIT_MS by default. */
  readonly timeLimitMs?: number;
  /** Each event of the run as it happens. */
  readonly onEvent?: (event: TrainingEvent) => void;
  /** The script starts on this backend. */
  readonly onStarted?: (backend: BackendName, notes: readonly string[]) => void;
}

/**
 * `record`: the script ran, however it ended (finished, threw, stopped, time limit, memory limit);
 * `failed`: it could not run at all (no bundle, no tfjs, no process), or ended before it started.
 */
export type TrainingOutcome =
  | {
      readonly kind: 'record';
      readonly record: TrainingRecord;
      readonly notes: readonly string[];
      /** The script stopped after looking for command-line arguments it was not given. */
      readonly wantedArguments?: boolean;
    }
  | { readonly kind: 'failed'; readonly message: string };

export function runTraining(request: TrainingRequest, options: TrainingRunOptions): Promise<TrainingOutcome> {
  const timeLimitMs = options.timeLimitMs ?? TRAINING_TIME_LIMIT_MS;
  const builder = new TrainingRecordBuilder(request.file);
  let started: { backend: BackendName; notes: readonly string[]; at: number } | undefined;
  /** The record so far, with the run's end; a failure when the script never started. */
  const recordSoFar = (end: TrainingRecord['end'], error: string | undefined, notStarted: string, ms?: number): TrainingOutcome =>
    started
      ? { kind: 'record', record: builder.build(end, started.backend, ms ?? Math.round(performance.now() - started.at), error), notes: started.notes }
      : { kind: 'failed', message: notStarted };
  return superviseWorker<TrainingOutcome>({ type: 'train', request }, { ...options, timeLimitMs }, {
    what: 'the training run',
    message: (received) => {
      const message = received as TrainingWorkerMessage | { type: 'failed'; message: string };
      switch (message.type) {
        case 'training-started':
          started = { backend: message.backend, notes: message.notes, at: performance.now() };
          options.onStarted?.(message.backend, message.notes);
          return undefined;
        case 'training-event':
          builder.apply(message.event);
          options.onEvent?.(message.event);
          return undefined;
        case 'training-done': {
          const outcome = recordSoFar(message.end, message.error, `the training run ended before the script started${message.error ? `: ${message.error}` : ''}`, message.ms);
          return outcome.kind === 'record' && message.wantedArguments ? { ...outcome, wantedArguments: true } : outcome;
        }
        case 'training-failed':
          return { kind: 'failed', message: message.message };
        // The worker's own memory watch.
        case 'failed':
          return recordSoFar('threw', message.message, message.message);
        default:
          return undefined;
      }
    },
    timeLimit: (tail) =>
      recordSoFar('time-limit', undefined, `the training run did not start within ${Math.round(timeLimitMs / 1000)} s (the script may wait for something that never comes)${tail}`),
    failed: (message) => recordSoFar('threw', message, message),
    cancelled: () => recordSoFar('stopped', undefined, 'the training run was stopped before the script started'),
  });
}
