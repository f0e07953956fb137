/**
 * The overfit check's data: what is asked of the worker, what it reports while it runs, and the
 * result (the JSON contract of `tfjs-doctor overfit --format json`).
 */

/** A JSON value, with tfjs factories written as `{ $tf: 'initializers.zeros', args: [...] }`. */
export type SpecValue = null | boolean | number | string | SpecValue[] | { [key: string]: SpecValue };

/** A tfjs object the worker rebuilds by calling `tf.<path>(...args)`. */
export interface TfFactoryCall {
  readonly $tf: string;
  readonly args: SpecValue[];
}

export interface LayerSpec {
  /** The `tf.layers` factory (`dense`, `conv2d`, ...). */
  readonly factory: string;
  readonly config: SpecValue;
  /** 1-based line of the layer's creation. */
  readonly line: number;
}

/** A node of a functional model: a `tf.input` or a layer applied to earlier nodes. */
export type GraphNodeSpec =
  | { readonly kind: 'input'; readonly config: SpecValue }
  | { readonly kind: 'layer'; readonly layer: number; readonly inputs: readonly number[] };

/** A model the worker can rebuild without running the user's code. */
export interface ModelSpec {
  readonly kind: 'sequential' | 'functional';
  readonly layers: readonly LayerSpec[];
  /** Functional models: the nodes in creation order, and which of them are the outputs. */
  readonly nodes?: readonly GraphNodeSpec[];
  readonly outputs?: readonly number[];
  readonly compile: { readonly optimizer: SpecValue; readonly loss: SpecValue };
}

/** A model found in the file: where it is, and its spec or why it has none. */
export interface ModelTarget {
  /** The variable the model was stored in, or a description. */
  readonly name: string;
  readonly file: string;
  /** 1-based line of the model's creation. */
  readonly line: number;
  /** 1-based line the model's creation ends on, when it spans several. */
  readonly endLine?: number;
  readonly spec?: ModelSpec;
  /** Where the model is built, compiled or trained: files and 1-based, inclusive line ranges. */
  readonly regions?: readonly { readonly file: string; readonly start: number; readonly end: number }[];
  /** Why no spec could be made (a custom loss, a layer the analysis could not read, ...). */
  readonly specError?: string;
}

/**
 * Which model: the file it is created in and the 1-based line of its creation. Two models may share
 * a name (two factories that both call theirs `model`); they never share a place.
 */
export interface ModelLocation {
  readonly file: string;
  readonly line: number;
}

export type Mode = 'static' | 'execute';

export interface OverfitRequest {
  /** The file the user asked about. */
  readonly file: string;
  /** The file's text when the editor holds unsaved changes; execute mode runs this instead of the disk copy. */
  readonly fileContents?: string;
  readonly mode: Mode;
  /** The model to check: its name (variable or export) or index among the file's models. */
  readonly model?: string;
  /**
   * The model to check by where it is created (the code lens's): takes precedence over `model`. In
   * execute mode the check takes the first model trained that was created there.
   */
  readonly at?: ModelLocation;
  /** Models found statically in the file (the static build uses them; execute mode falls back to them). */
  readonly targets: readonly ModelTarget[];
  readonly steps: number;
  readonly batchSize: number;
  /**
   * Folders of the user's project to look for `@tensorflow/tfjs-node` in, nearest first. Used in
   * execute mode only: a static check loads nothing from the project.
   */
  readonly searchPaths: readonly string[];
  /** Forces a backend (tests and benchmarks); otherwise the best available is used. */
  readonly backend?: BackendName;
  /** Seed for synthetic data and weights, so runs can be repeated. */
  readonly seed?: number;
}

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export type Severity = 'error' | 'warning' | 'info';

export interface Cause {
  /** A runtime cause id (`dead-relu`, ...) or the id of a static rule. */
  readonly id: string;
  readonly message: string;
  readonly severity: Severity;
  readonly file?: string;
  /** 1-based line the cause points at, when it has one. */
  readonly line?: number;
  /** Set for causes that come from a static finding: the rule's finding can be fixed in the editor. */
  readonly fromRule?: boolean;
}

export interface LayerEvidence {
  readonly name: string;
  /** The layer's class (`Dense`, `Conv2D`, ...). */
  readonly type: string;
  /** Norm of the loss gradient with respect to the layer's weights, at the last probe. */
  readonly gradNorm: number;
  /** ‖Δw‖ / ‖w‖ for one step at the last probe. */
  readonly updateRatio: number;
  /** For ReLU layers: the fraction of units that output 0 for every sample of the batch. */
  readonly deadFraction?: number;
  /** Standard deviation of the layer's outputs over the batch. */
  readonly activationStd?: number;
}

export type Verdict = 'pass' | 'fail';

export interface OverfitResult {
  readonly verdict: Verdict;
  readonly model: string;
  readonly backend: BackendName;
  readonly mode: Mode;
  readonly data: {
    readonly source: 'captured' | 'synthetic';
    readonly batchSize: number;
    readonly classCounts?: readonly number[];
  };
  readonly steps: number;
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly ms: number;
  readonly losses: readonly number[];
  readonly layers: readonly LayerEvidence[];
  readonly causes: readonly Cause[];
  /** Why the check ran as it did (fell back to static mode, backend notes, ...). */
  readonly notes?: readonly string[];
  /** The file and line of the model that was checked. */
  readonly file?: string;
  readonly line?: number;
}

/** What the runner sends the worker: the request, and what the runner decides about the process. */
export interface WorkerRun {
  readonly type: 'run';
  readonly request: OverfitRequest;
  /** An empty folder for the bundle of the user's script; the runner removes it when the worker ends. */
  readonly scratchDir: string;
  readonly memoryLimitMb: number;
}

/** Messages from the worker to whoever started it. */
export type WorkerMessage =
  | { readonly type: 'started'; readonly model: string; readonly backend: BackendName; readonly mode: Mode; readonly steps: number }
  | { readonly type: 'progress'; readonly phase: string; readonly step: number; readonly loss: number }
  /** What the check does before training: running the script to its first training call, or building the model from the code. */
  | { readonly type: 'phase'; readonly phase: 'capturing' | 'building' }
  | { readonly type: 'result'; readonly result: OverfitResult }
  | { readonly type: 'failed'; readonly message: string };

/** Why a check could not run at all (exit code 2). */
export class OverfitError extends Error {
  override readonly name = 'OverfitError';
}
