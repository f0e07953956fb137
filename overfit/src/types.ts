/**
 * The overfit check's data: what is asked of the worker, what it reports while it runs, and the
 * result (the JSON contract of `tfjs-doctor overfit --format json`).
 */

/** A JSON value, with tfjs factories written as `{ $tf: 'initializers.zeros', args: [...] }`. */
export type SpecValue = null | boolean | number | string | SpecValue[] | { [key: string]: SpecValue };

/** A size or a learning rate the code leaves open, which the static build fills in (`{ $standIn: 8 }`; see ModelSpec's standInValues). */
export interface StandInValue {
  readonly $standIn: number;
}

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
  /** `output`: which of the outputs of the layer's application the node is, when it gives several (see SymbolicTensorValue). */
  | { readonly kind: 'layer'; readonly layer: number; readonly inputs: readonly number[]; readonly output?: number };

/** A model the worker can rebuild without running the user's code. */
export interface ModelSpec {
  readonly kind: 'sequential' | 'functional';
  readonly layers: readonly LayerSpec[];
  /** Functional models: the nodes in creation order, and which of them are the outputs. */
  readonly nodes?: readonly GraphNodeSpec[];
  readonly outputs?: readonly number[];
  /**
   * `standIn`: the code never compiles the model (a custom loop or its caller trains it), so the
   * static build chose the optimizer and the loss; a pass then says only that its layers can learn.
   */
  readonly compile: { readonly optimizer: SpecValue; readonly loss: SpecValue; readonly standIn?: boolean };
  /**
   * Sizes or a learning rate the code leaves to a caller no call in the project is, or to the run (an
   * input size, a vocabulary, units, the rate from a form field), were filled in with stand-ins; the
   * first note lists them. A slow fit then says little. Each is a `{ $standIn: n }` in the spec.
   */
  readonly standInValues?: boolean;
  /** Each stand-in in words, with what it stands for and where (the first note lists them). */
  readonly standIns?: readonly string[];

  /** Positions in `layers` of the layers that do not train in the model's first fit: frozen when it runs. */
  readonly frozen?: readonly number[];
  /** What the build took from elsewhere than the model's code (the data's input size, a stand-in loss), and why. */
  readonly notes?: readonly string[];
}

/** A stand-in argument of a factory: a size, or a list of sizes its layers are made from. */
export type StandInArgumentValue = number | readonly number[];

/** A model found in the file: where it is, and its spec or why it has none. */
export interface ModelTarget {
  /** The variable the model was stored in, or a description. */
  readonly name: string;
  /** The named function the model is made in (`buildGRUModel`), by which `--model` finds it too. */
  readonly factory?: string;
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
  /** The spec needs a value only a call could give: a parameter of a function nothing in the project calls. */
  readonly needsArguments?: boolean;
  /**
   * When the model's sizes come straight from numeric parameters of the function that makes it, and
   * no call gives them: that function's name and the arguments to call it with, a stand-in for each of
   * its parameters (`described`: "8 for `features`, ..."), for execute mode to build the model with
   * the code itself.
   */
  readonly standInArguments?: { readonly owner: string; readonly values: readonly StandInArgumentValue[]; readonly described: string };
  /** The files that train the model (`fit`, `fitDataset`, `trainOnBatch`), the model's own file first when it does. */
  readonly trainedIn?: readonly string[];
  /** What the code says about the data the model is trained on (static mode uses it). */
  readonly data?: DataSpec;
  /** tfjs refuses the model's first training call as the code makes it (not compiled, every layer frozen): where, and why. */
  readonly cannotTrain?: {
    readonly file: string;
    readonly line: number;
    readonly message: string;
    /**
     * `not-compiled`: tfjs refuses before it reads the data, so any data reaches the refusal;
     * `all-frozen`: every layer with weights is frozen, which tfjs finds only once it has the data.
     */
    readonly why: 'not-compiled' | 'all-frozen';
  };
  /** The errors and warnings the linter reports where the model is built, compiled or trained. */
  readonly codeCauses?: readonly Cause[];
}

/**
 * What the analysis knows about one tensor given to `fit`: its exact values when the code writes
 * them (literal data, `tf.range`), else the facts it establishes (range, whole numbers, classes).
 */
export interface TensorDataSpec {
  /** Size per dimension, null where it is not known. */
  readonly shape?: readonly (number | null)[];
  /** Every value in row-major order, when all are known. */
  readonly values?: readonly number[];
  /** Both ends of the interval the values lie in, when both are finite. */
  readonly range?: { readonly lo: number; readonly hi: number };
  readonly integer?: boolean;
  /** The distinct values, when there are few and all are known (classes). */
  readonly distinct?: readonly number[];
  /** Each row is one-hot (`tf.oneHot(ids, classes)`): one class per sample. */
  readonly oneHot?: boolean;
  /**
   * Where the known values are NaN or infinite (`values` holds 0 there): their positions and what
   * they are, since JSON has no such numbers. The code computes them (a division by a zero range,
   * the log of 0), and the model trains on them as they are.
   */
  readonly nonFinite?: readonly (readonly [number, 'NaN' | 'Infinity' | '-Infinity'])[];
}

/** The data of the model's first `fit` (or `trainOnBatch`) call, as far as the code shows it. */
export interface DataSpec {
  /** One entry per model input, one per output; undefined where nothing is known. */
  readonly x: readonly (TensorDataSpec | undefined)[];
  readonly y: readonly (TensorDataSpec | undefined)[];
  /** fit's batchSize, when known. */
  readonly batchSize?: number;
  /** 1-based line of the fit call. */
  readonly line: number;
}

/**
 * Which model: the file it is created in and the 1-based line of its creation. Two models may share
 * a name (two factories that both call theirs `model`); they never share a place.
 */
export interface ModelLocation {
  readonly file: string;
  readonly line: number;
  /** Whether the file is a script the file checked starts as a web worker, not one it imports. */
  readonly worker?: boolean;
}

export type Mode = 'static' | 'execute';

/** A custom training step in the code: its call (`optimizer.minimize`, `tf.variableGrads`, ...) and line. */
export interface TrainingStepPlace {
  readonly api: string;
  readonly line: number;
  /** Its loss, when every part of it is known from the code (its data computed with tfjs): static mode trains on it. */
  readonly loss?: StepLoss;
}

/**
 * A shape the worker works out when it makes a stand-in argument, from the models it can build:
 * `null` in a literal is the batch's size.
 */
export type StandInShape =
  | { readonly of: 'input' | 'output'; readonly target: number }
  | { readonly of: 'reduce'; readonly from: StandInShape; readonly axis?: number; readonly keepDims: boolean }
  | { readonly of: 'broadcast'; readonly shapes: readonly StandInShape[] }
  | { readonly of: 'append'; readonly from: StandInShape; readonly size: number }
  | { readonly of: 'literal'; readonly shape: readonly (number | null)[] };

/** The values a stand-in argument holds: what the code does with it asks for them. */
export type StandInValues =
  | { readonly kind: 'normal' }
  | { readonly kind: 'unit' }
  | { readonly kind: 'binary' }
  | { readonly kind: 'one-hot' }
  | { readonly kind: 'classes'; readonly count: number };

/** A made-up argument for one parameter of a training function nothing in the project calls. */
export type StandInArgument =
  | { readonly kind: 'absent' }
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'tensor'; readonly shape: StandInShape; readonly values: StandInValues; readonly dtype?: 'int32' }
  /**
   * A JavaScript array: one number per sample, or, with `shape`, nested arrays of that shape (the
   * rows `tf.tensor2d(rows)` takes, with or without the shape: `tf.tensor2d(rows, [rows.length, 4])`).
   */
  | { readonly kind: 'array'; readonly values: StandInValues; readonly shape?: StandInShape }
  /**
   * An object whose properties and methods give what the code reads of it (`data.nextTrainBatch(64)`
   * giving `{ xs, labels }`): a method gives its value anew on each call, the same data each time.
   */
  | { readonly kind: 'object'; readonly members: readonly { readonly name: string; readonly method: boolean; readonly value: StandInArgument }[] }
  /** A function the code only calls for what it does (`log(cost, step)`), not for what it returns: one that does nothing. */
  | { readonly kind: 'function' };

/**
 * The loss a custom training step computes, as the analysis read it: tfjs operations over numbers,
 * the step function's arguments, variables of the code's own and the outputs of a model the check
 * builds. The static build evaluates it with the check's tfjs (overfit/src/loss-expression.ts),
 * running none of the code. Operations are nodes, shared where the code shares a tensor (the same
 * batch in several terms), and a node that depends on no weight is computed once, as the code's
 * closure holds its batch.
 */
export type LossExpression = null | boolean | number | string | readonly LossExpression[] | { readonly ref: number } | { readonly parameter: number; readonly path?: readonly string[] } | { readonly variable: number };

export type LossNode =
  | {
      readonly op: string;
      readonly args: readonly LossExpression[];
      /** Computed outside the step's function: the code holds its value fixed from before the step. */
      readonly fixed?: true;
    }
  | { readonly model: number; readonly input: LossExpression; readonly training: boolean; readonly fixed?: true };

export interface LossGraph {
  readonly nodes: readonly LossNode[];
  readonly root: LossExpression;
  /** Variables of the code's own the loss trains: their shapes, and initial values when the code's are known. */
  readonly variables: readonly { readonly name?: string; readonly shape: readonly number[]; readonly initial: LossExpression | null }[];
}

/**
 * An exported function that takes a custom training step on the data it is given, and that nothing
 * in the project calls: what to call it with for execute mode to reach the step.
 */
export interface StepCall {
  /** The export's name. */
  readonly owner: string;
  /** 1-based line of the function. */
  readonly line: number;
  /** The targets (positions in the request's) whose models the step trains. */
  readonly trains: readonly number[];
  readonly parameters: readonly {
    readonly name: string;
    readonly argument: StandInArgument;
    /** What the code does with it, in words: "the input of policy", "labels of sigmoidCrossEntropy (line 14)". */
    readonly why: string;
  }[];
  /** The linter's errors and warnings inside the function: a failure they explain is no artefact of the stand-ins. */
  readonly codeCauses?: readonly Cause[];
  /** Other files of the project call it (a page's script), which the check does not run with the file. */
  readonly calledElsewhere?: boolean;
  /**
   * The step's loss, when every part of it is known (a custom step over one model the static build
   * makes), with the optimizer it steps with and the step's line: static mode trains the model on it.
   */
  readonly loss?: StepLoss;
  /**
   * A step of the function whose loss the analysis knows reaches no weight (a value read back and
   * made into a tensor again): tfjs refuses it whatever the data, so static mode fails it untrained.
   */
  readonly detached?: { readonly line: number; readonly api: string };
}

/** A custom training step's loss and how the step takes it, for the static build to train on. */
export interface StepLoss {
  readonly graph: LossGraph;
  readonly optimizer?: SpecValue;
  readonly line: number;
  readonly api: string;
}

/** The verdict of the check through one more training function of the file. */
export interface FunctionVerdict {
  /** The function's name, or the model's when the check trained it with a loss of its own. */
  readonly name: string;
  readonly line?: number;
  readonly verdict: Verdict | 'error';
  /** The inconclusive reason or the error, in one sentence. */
  readonly why?: string;
}

export interface OverfitRequest {
  /** The file the user asked about. */
  readonly file: string;
  /** Execute mode runs the file as `node <file> <scriptArguments>`: none when absent. */
  readonly scriptArguments?: readonly string[];
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
  /** Custom training steps in the file that train no model the analysis knows (variables of their own), for the reason none was checked. */
  readonly trainingSteps?: readonly TrainingStepPlace[];
  /** Models the file loads at run time (`tf.loadLayersModel`), whose layers are not in the code, by their line: for the reason none was checked. */
  readonly loadedModels?: readonly { readonly line: number; readonly trained: boolean }[];
  /** Models the files the file imports make (`lstm.js`'s, for an index.js that calls `lstm.create(...)`), when it makes none: where to run the check instead. */
  readonly modelsElsewhere?: readonly ModelLocation[];
  /** Exported functions that train on the data they are given and that nothing calls, with stand-ins for their arguments (execute mode). */
  readonly stepCalls?: readonly StepCall[];
  /** The linter's errors inside the file's custom training steps: a loss that keeps falling is a bug they explain. */
  readonly stepCauses?: readonly Cause[];
  /** The step budget; when absent, one that fits the model's optimizer and learning rate. */
  readonly steps?: number;
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
  /** Also run the learning-rate range test on the batch, from the model's initial weights. */
  readonly lrRange?: boolean;
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

/** `inconclusive`: the run cannot tell whether the model learns one batch; `inconclusive` says why. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

/**
 * Why a run is inconclusive: execute mode fell back to the static build (its made-up batch cannot
 * stand for the real data), the step budget was too small for the optimizer and its learning rate,
 * the time limit ended training, the batch was too small to tell, the model missed only what a
 * made-up batch asks of it (its real data is not known), it failed from some initial weights and
 * learned from others, or it learned with a loss and optimizer the check chose, since the code that
 * trains it did not run, or it learned too little at sizes or a rate the check chose for ones the code leaves open.
 */
export type InconclusiveReason = 'static-fallback' | 'too-few-steps' | 'time-limit' | 'batch-too-small' | 'synthetic-batch' | 'initialisation' | 'stand-in-training' | 'stand-in-values' | 'no-known-minimum';

/** Why execute mode did not check the model it ran: the script's surroundings, or the script itself. */
export type FallbackReason = 'network' | 'missing-file' | 'missing-package' | 'arguments' | 'browser' | 'script-failed' | 'no-model';

/** One training run from another random initialisation, made when the check fails. */
export interface InitialisationRun {
  readonly seed: number;
  readonly learned: boolean;
  readonly finalLoss: number;
}

export interface OverfitResult {
  readonly verdict: Verdict;
  readonly model: string;
  readonly backend: BackendName;
  readonly mode: Mode;
  /** The seed of the weights and synthetic data: the same seed gives the same run. */
  readonly seed?: number;
  /** For a failed check: the same check from other initial weights (the first entry is this run). */
  readonly initialisations?: readonly InitialisationRun[];
  readonly data: {
    /** The batch given to fit (captured), the data written in the code (static mode), or made up. */
    readonly source: 'captured' | 'code' | 'synthetic';
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
  /** Set when the verdict is `inconclusive`: why, in one sentence. */
  readonly inconclusive?: { readonly reason: InconclusiveReason; readonly message: string };
  /** Set when execute mode fell back to the static build: why, in one sentence. */
  readonly fallback?: { readonly reason: FallbackReason; readonly message: string };
  /** Why the check ran as it did (fell back to static mode, backend notes, ...). */
  readonly notes?: readonly string[];
  /** The file and line of the model that was checked. */
  readonly file?: string;
  readonly line?: number;
  /** The training function nothing calls that the check called, or rebuilt the step of, to train the model. */
  readonly through?: { readonly name: string; readonly line: number };
  /** What the other training functions nothing calls gave, when the check went through each of them. */
  readonly otherFunctions?: readonly FunctionVerdict[];
  /** The learning-rate range test, when the request asked for it. */
  readonly learningRateRange?: LearningRateRange;
}

/** The phase of the progress messages of the learning-rate range test. */
export const RANGE_PHASE = 'learning-rate range test';

/** One step of the learning-rate range test: the rate, the loss it gave, and the smoothed loss. */
export interface RangePoint {
  readonly learningRate: number;
  readonly loss: number;
  readonly smoothed: number;
}

/**
 * How the range test ended: the schedule's end, the smoothed loss running away from its lowest value,
 * a NaN or infinite loss, a stop (cancel, time), or no run at all (`inconclusive` says why).
 */
export type RangeStop = 'end' | 'diverged' | 'non-finite' | 'stopped' | 'not-run';

/**
 * The learning-rate range test: the loss on the batch as the rate grows step by step from 1e-7 to 10,
 * from the model's initial weights, with the model's optimizer.
 */
export interface LearningRateRange {
  readonly points: readonly RangePoint[];
  readonly stop: RangeStop;
  /** Where the smoothed loss is lowest. */
  readonly lowest?: { readonly learningRate: number; readonly loss: number };
  /** Where the smoothed loss falls fastest against the log of the rate. */
  readonly steepest?: { readonly learningRate: number; readonly loss: number };
  /** The rate to train with: a tenth of the lowest point's, to two significant digits. */
  readonly proposal?: number;
  /** Why the curve gives no rate, when it does not. */
  readonly inconclusive?: string;
  /** The optimizer's class (`Adam`, `SGD`, ...) and the learning rate the code gives it. */
  readonly optimizer?: string;
  readonly currentRate?: number;
  /**
   * What it trained on: a new batch of fit's data at each step (shuffled, as fit draws them), the
   * check's one batch again and again (the data is one batch, a dataset, or made up), or given batches in turn.
   */
  readonly data?: 'shuffled batches' | 'one batch' | 'batches';
  /** What to keep in mind reading it (a made-up batch), in one sentence. */
  readonly note?: string;
}

/** What the runner sends the worker: the request, and what the runner decides about the process. */
export interface WorkerRun {
  readonly type: 'run';
  readonly request: OverfitRequest;
  /** An empty folder for the bundle of the user's script; the runner removes it when the worker ends. */
  readonly scratchDir: string;
  readonly memoryLimitMb: number;
  /** The parent's time limit: the worker settles a verdict with what it has shortly before it. */
  readonly timeLimitMs?: number;
}

/** Messages from the worker to whoever started it. */
export type WorkerMessage =
  | {
      readonly type: 'started';
      readonly model: string;
      readonly backend: BackendName;
      readonly mode: Mode;
      readonly steps: number;
      /** The batch training starts on, and why execute mode fell back to static mode, if it did. */
      readonly data?: OverfitResult['data'];
      readonly fallback?: OverfitResult['fallback'];
    }
  | { readonly type: 'progress'; readonly phase: string; readonly step: number; readonly loss: number }
  /** What the check does before training: running the script to its first training call, or building the model from the code. */
  | { readonly type: 'phase'; readonly phase: 'capturing' | 'building' }
  | { readonly type: 'result'; readonly result: OverfitResult }
  | { readonly type: 'failed'; readonly message: string };

/** Why a check could not run at all (exit code 2). */
export class OverfitError extends Error {
  override readonly name = 'OverfitError';
}
