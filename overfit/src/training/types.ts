/**
 * The training run's data: what a watched run of the user's script records (the JSON contract of
 * `tfjs-doctor train --format json`), and what the learning-curve doctor concludes from it.
 */
import type { BackendName, Severity } from '../types';

/** Where something is in the user's code: a file and a 1-based line. */
export interface CodePlace {
  readonly file: string;
  readonly line: number;
}

/** One epoch's end: the logs tfjs passes to `onEpochEnd` (`loss`, `val_loss`, `acc`, `val_acc`, ...). */
export interface EpochRecord {
  /** 0-based, counted within its training call as tfjs counts it. */
  readonly epoch: number;
  readonly logs: Readonly<Record<string, number>>;
  /** ms since the run started. */
  readonly at: number;
}

/** One batch's end (`onBatchEnd`), or one step of a custom loop. Sampled when epochs are long. */
export interface BatchRecord {
  /** 0-based step within the training call. */
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
}

/** Per-layer evidence at one step, sampled at low frequency. */
export interface LayerSample {
  readonly step: number;
  readonly epoch: number;
  readonly layers: readonly {
    readonly name: string;
    /** The layer's class (`Dense`, `Conv2D`, ...). */
    readonly type: string;
    /** Norm of the loss gradient with respect to the layer's weights. */
    readonly gradNorm: number;
    /** ‖Δw‖ / ‖w‖ over one step. */
    readonly updateRatio: number;
    /** For ReLU layers: the fraction of units that output 0 for every sample of the batch. */
    readonly deadFraction?: number;
  }[];
}

/** How a training call was made, as far as the run saw it (the values tfjs was given). */
export interface TrainingConfig {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly validationSplit?: number;
  /** Whether validation data was given (`validationData`), apart from a split. */
  readonly validationData?: boolean;
  readonly shuffle?: boolean;
  /** The optimizer's class name (`Adam`, `SGD`, ...) and learning rate, when it has one. */
  readonly optimizer?: string;
  readonly learningRate?: number;
  /** Samples in the training data, when known (fit's x). */
  readonly samples?: number;
  /** Whether callbacks that stop training early (`tf.callbacks.earlyStopping`) were given. */
  readonly earlyStopping?: boolean;
}

/** How a training call ended. */
export type CallEnd = 'finished' | 'stopped' | 'time-limit' | 'threw' | 'running';

/** One `fit`, `fitDataset`, run of `trainOnBatch` calls on one model, or custom training loop. */
export interface TrainingCall {
  /** 0-based, in the order the script made them. */
  readonly index: number;
  readonly kind: 'fit' | 'fitDataset' | 'trainOnBatch' | 'custom';
  /** The model's variable or description. */
  readonly model: string;
  /** Where the model was created, when the run could tell. */
  readonly modelAt?: CodePlace;
  /** Where the training call is (the `fit` call, the `minimize` call). */
  readonly at?: CodePlace;
  readonly config: TrainingConfig;
  readonly epochs: readonly EpochRecord[];
  readonly batches: readonly BatchRecord[];
  readonly layerSamples: readonly LayerSample[];
  readonly end: CallEnd;
  /** The error the call threw, when it did. */
  readonly error?: string;
}

/** A whole watched run of the script. */
export interface TrainingRecord {
  readonly file: string;
  readonly backend: BackendName;
  readonly calls: readonly TrainingCall[];
  /** Wall time of the run, ms. */
  readonly ms: number;
  /** How the script ended. */
  readonly end: 'finished' | 'stopped' | 'time-limit' | 'threw';
  readonly error?: string;
}

/**
 * A change to the code the doctor proposes; the editor and the command line turn it into a text edit
 * at `at` (the training call, or the optimizer's creation for a learning rate).
 */
export type TrainingFix =
  | { readonly kind: 'set-epochs'; readonly at: CodePlace; readonly epochs: number }
  | { readonly kind: 'add-early-stopping'; readonly at: CodePlace; readonly monitor: string; readonly patience: number }
  | { readonly kind: 'shuffle-before-split'; readonly at: CodePlace }
  | { readonly kind: 'set-learning-rate'; readonly at: CodePlace; readonly learningRate: number };

/** What the doctor concludes about one training call. */
export interface TrainingFinding {
  /** The check's id (`still-improving`, `overfitting`, ...): a doc page of the same name explains it. */
  readonly id: string;
  readonly severity: Severity;
  /** One short sentence that stands alone, then the why. */
  readonly message: string;
  /** The training call it is about (TrainingCall.index). */
  readonly call: number;
  /** What was seen: the epochs (0-based) and values the conclusion rests on. */
  readonly evidence: { readonly metric: string; readonly epochs: readonly number[]; readonly values: readonly number[] };
  /** Likely causes, most likely first, each a short sentence. */
  readonly causes: readonly string[];
  /** Where in the code the cause is most likely: the fit call, its epochs, the optimizer. */
  readonly at?: CodePlace;
  readonly fix?: TrainingFix;
}

/** Events a watched run streams while it runs (worker → runner → panel or command line). */
export type TrainingEvent =
  | { readonly type: 'call-start'; readonly call: Omit<TrainingCall, 'epochs' | 'batches' | 'layerSamples' | 'end' | 'error'> }
  | { readonly type: 'epoch'; readonly call: number; readonly record: EpochRecord }
  | { readonly type: 'batch'; readonly call: number; readonly record: BatchRecord }
  | { readonly type: 'layers'; readonly call: number; readonly sample: LayerSample }
  | { readonly type: 'call-end'; readonly call: number; readonly end: CallEnd; readonly error?: string };
