/**
 * What a watched training run asks of the worker, and the messages the worker sends back while the
 * user's script runs. The runner (run.ts) turns the messages into a TrainingRecord.
 */
import type { BackendName, ModelTarget } from '../types';
import type { TrainingEvent, TrainingRecord } from './types';

export interface TrainingRequest {
  /** The script to run to its end. */
  readonly file: string;
  /** The file's text when the editor holds unsaved changes: run instead of the disk copy. */
  readonly fileContents?: string;
  /** The script runs as `node <file> <scriptArguments>`: none when absent. */
  readonly scriptArguments?: readonly string[];
  /** Folders of the user's project to look for `@tensorflow/tfjs-node` in, nearest first. */
  readonly searchPaths: readonly string[];
  /** Forces a backend (tests and benchmarks); otherwise the best available is used. */
  readonly backend?: BackendName;
  /** Seeds Math.random (and so tfjs's initial weights and shuffles) for a repeatable run; unseeded when absent. */
  readonly seed?: number;
  /**
   * Models found statically in the file: a trained model created at one of their places is named
   * after it (its variable), else by its tfjs name.
   */
  readonly targets?: readonly Pick<ModelTarget, 'name' | 'file' | 'line' | 'endLine'>[];
}

/** What the runner sends the worker for a training run (the overfit check's is WorkerRun). */
export interface TrainingWorkerRun {
  readonly type: 'train';
  readonly request: TrainingRequest;
  /** An empty folder for the bundle of the user's script; the runner removes it when the worker ends. */
  readonly scratchDir: string;
  readonly memoryLimitMb: number;
}

/** Messages from the worker during a training run. */
export type TrainingWorkerMessage =
  /** The script is about to run on this backend. */
  | { readonly type: 'training-started'; readonly backend: BackendName; readonly notes: readonly string[] }
  | { readonly type: 'training-event'; readonly event: TrainingEvent }
  /** The script ended (final message): how, and its wall time from `training-started`, ms. */
  | {
      readonly type: 'training-done';
      readonly end: TrainingRecord['end'];
      readonly error?: string;
      readonly ms: number;
      /** The script stopped after looking for command-line arguments it was not given. */
      readonly wantedArguments?: boolean;
    }
  /** The run could not happen at all: the script could not be bundled, tfjs could not load (final message). */
  | { readonly type: 'training-failed'; readonly message: string };
