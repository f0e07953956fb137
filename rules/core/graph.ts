import type { CallbackKind } from './callbacks';
import type { Span } from './span';
import type { TensorValue, TfObjectValue, Value } from './values';

/**
 * The model graph: every tfjs model, layer and tensor computation found by following the code from
 * one entry file. Rules read it; the extractor in server/src/analysis builds it.
 */
export interface ProgramGraph {
  readonly models: readonly ModelNode[];
  readonly layers: readonly LayerNode[];
  /** Every tensor operation the extractor evaluated, innermost first (a product before its sum). */
  readonly tensors: readonly TensorValue[];
  /** Every optimizer made with a `tf.train` factory. */
  readonly optimizers: readonly TfObjectValue[];
  /** Every function whose gradient tfjs takes: the steps of custom training code, and custom losses given to compile. */
  readonly gradients: readonly GradientNode[];
  /** Other things the code does that rules look at, in the order they happen. */
  readonly events: readonly GraphEvent[];
  /** What rules derive from the finished graph, kept with it (see `derivedOnce`). */
  readonly derived: Map<object, unknown>;
}

/**
 * Something rules derive from a finished graph (an index, a per-fit answer), worked out once and kept
 * on the graph itself, under a key of the deriving module's own. (A module-level WeakMap keyed by
 * graphs would do the same, but the garbage collector keeps a WeakMap's entries alive through its
 * quick young-generation passes, which makes every such pass slow in a server that builds a graph
 * on each keystroke.)
 */
export function derivedOnce<T>(graph: ProgramGraph, key: object, derive: () => T): T {
  if (graph.derived.has(key)) return graph.derived.get(key) as T;
  const value = derive();
  graph.derived.set(key, value);
  return value;
}

export type GraphEvent =
  /** `tf.tidy` given an async function. */
  | { readonly kind: 'asyncTidy'; readonly span: Span; readonly order: number }
  /** `tf.util.shuffle(x)` or `tf.util.shuffleCombo(x, y)` given a `tf.data` dataset, which it cannot shuffle. */
  | { readonly kind: 'utilShuffle'; readonly span: Span; readonly dataset: TfObjectValue; readonly datasetSpan: Span | undefined; readonly order: number }
  /** A loop statement during which the model trained: a `fit`, `trainOnBatch` or a gradient step on the weights ran in it. */
  | { readonly kind: 'trainingLoop'; readonly span: Span; readonly order: number }
  /** `optimizer.minimize(f)`: a step of a custom training loop. */
  | { readonly kind: 'minimize'; readonly span: Span; readonly optimizer: TfObjectValue; readonly order: number }
  /**
   * Values read back from a tensor (`dataSync`, `arraySync`, `data`, `array`). `logStatement` is the
   * statement when the read only feeds a `console` call that is a statement of its own.
   */
  | {
      readonly kind: 'readback';
      readonly span: Span;
      readonly method: string;
      readonly inGradient: boolean;
      /** The innermost function whose gradient tfjs takes that the read happens in. */
      readonly gradient?: GradientNode;
      readonly logStatement?: Span;
      readonly order: number;
    }
  /**
   * A tensor made again and again, outside `tf.tidy` and gradient functions, that nothing frees:
   * on every pass of a loop, or on every call of a function that runs again and again (see
   * `RepeatedCallback`). Stored in the block-scoped variable `name` that is only read or fed to
   * operations, or read back at once with `readback` (`model.predict(x).dataSync()`). `dispose` is
   * the statement a `name.dispose()` call goes before or after, when there is one.
   */
  | {
      readonly kind: 'leakedTensor';
      readonly span: Span;
      readonly repeats: Repetition;
      /** Made by test code (a test file, or a call an assertion expects to throw). */
      readonly testCode: boolean;
      readonly name?: string;
      readonly readback?: string;
      readonly dispose?: { readonly statement: Span; readonly before: boolean };
      readonly order: number;
    }
  /** `layer.trainable = value` or `model.trainable = value`. */
  | {
      readonly kind: 'trainable';
      readonly span: Span;
      readonly value: Value;
      readonly layer?: LayerNode;
      readonly model?: ModelNode;
      readonly conditional: boolean;
      readonly order: number;
    };

/**
 * What makes code run again and again: the passes of a loop statement (the innermost one, in the
 * function the code is written in), or the calls of a function that runs again and again.
 */
export type Repetition =
  | {
      readonly kind: 'loop';
      readonly loop: Span;
      /**
       * Set when every loop now running, in this function and in its callers, runs a counted number of
       * passes (`i < n`, `for...of`, a loop its body ends at a maximum length), and every call on the
       * way was followed from the top level, none made by code that runs again and again or by code
       * the analysis does not see. Lists those loops, innermost first. Unless one of them trains (a
       * `trainingLoop` event), what such a loop leaks is bounded and freed when the program ends.
       */
      readonly bounded?: readonly Span[];
    }
  | { readonly kind: 'callback'; readonly callback: RepeatedCallback };

/**
 * A function that the browser, Node or tfjs calls again and again (rules/core/callbacks.ts): one
 * that schedules itself again with `requestAnimationFrame`, `requestVideoFrameCallback` or
 * `setTimeout`, or calls itself after `tf.nextFrame()`; a `setInterval` callback; a handler of an
 * event that fires again and again; a `fit` callback that runs per batch or per epoch. A function
 * such a callback calls runs as often, and carries the callback's description with `via`.
 */
export interface RepeatedCallback {
  readonly kind: CallbackKind;
  /**
   * What calls it: the scheduler (`requestAnimationFrame`, `requestVideoFrameCallback`, `setTimeout`,
   * `setInterval`, `tf.nextFrame`), the event (`mousemove`) or the fit callback (`onBatchEnd`).
   */
  readonly trigger: string;
  /** Where it is made to run again: the scheduling call, the registration, the callback's name. */
  readonly registration: Span;
  /** For a function the callback calls (directly or not): the call in the callback. */
  readonly via?: Span;
}

/**
 * A function whose gradient tfjs takes: `optimizer.minimize(f)`, `tf.variableGrads(f)` and the other
 * gradient functions, or a custom loss given to `compile` (which `fit` differentiates).
 */
export interface GradientNode {
  readonly id: number;
  /** `optimizer.minimize`, `optimizer.computeGradients`, `tf.variableGrads`, `tf.grad`, ..., or `model.compile`. */
  readonly api: string;
  /** The call that takes the gradient (the compile call for a custom loss). */
  readonly span: Span;
  /** When it ran, relative to compiles, fits and events. */
  readonly order: number;
  /**
   * What tfjs differentiates with respect to: `variables` (the weights, which the step then updates or
   * returns gradients for) or `inputs` (`tf.grad`, `tf.grads`, `tf.valueAndGrad(s)`, `tf.customGrad`:
   * the arguments of the function, which trains nothing by itself).
   */
  readonly wrt: 'variables' | 'inputs';
  /**
   * The variable list given to the call (`minimize(f, returnCost, varList)`, `variableGrads(f, varList)`):
   * absent when none is given, and tfjs then takes every trainable variable.
   */
  readonly varList?: Value;
  /** `minimize`'s `returnCost` argument, as written, and where. */
  readonly returnCost?: Value;
  readonly returnCostSpan?: Span;
  /** For a custom loss given to compile: the model whose fit runs it. */
  readonly model?: ModelNode;
  /** What the function returned (the loss); unknown until the call has been followed. */
  result: Value;
}

/** A layer made by a `tf.layers.*` factory call. */
export interface LayerNode {
  readonly id: number;
  /** The factory name: `dense`, `conv2d`, `activation`, `softmax`, `batchNormalization`, ... */
  readonly factory: string;
  /** The factory call, `tf.layers.dense({...})`. */
  readonly span: Span;
  /** The config argument as evaluated (primitive `undefined` when the call has none). */
  readonly config: Value;
  /** Functional API: each `layer.apply(x)` with the value it was applied to. */
  readonly applications: LayerApplication[];
  /** The variable the layer was first stored in, if any. */
  name?: string;
}

export interface LayerApplication {
  readonly input: Value;
  /** The symbolic tensor the application produced. */
  readonly output: Value;
  readonly span: Span;
}

/** One `model.add(...)` (or one element of `tf.sequential({layers})`). */
export interface LayerSlot {
  /** Undefined when the added value is not a layer the extractor understood. */
  readonly layer: LayerNode | undefined;
  /** The `add` call or the array element. */
  readonly span: Span;
  /** Added on only some paths (inside an `if`, a callback, after an early return). */
  readonly conditional: boolean;
  /** Added inside a loop whose iterations the extractor could not count. */
  readonly repeated: boolean;
  /**
   * For a slot conditional only because a function nothing in the code calls adds it (a `build`
   * method, a button's handler), on every path through that function: the function, by its run.
   */
  readonly uncalled?: { readonly run: number; readonly span: Span; readonly name?: string };
}

export type ModelKind = 'sequential' | 'functional' | 'loaded';

export interface ModelNode {
  readonly id: number;
  readonly kind: ModelKind;
  /** `tf.sequential(...)`, `tf.model(...)` or the loading call. */
  readonly span: Span;
  /** The variable the model was first stored in, if any. */
  name?: string;
  /** Sequential models: the layers in the order they are added. */
  readonly slots: LayerSlot[];
  /** Functional models: the `outputs` passed to `tf.model`. */
  outputs?: Value;
  /** Functional models: the `inputs` passed to `tf.model`. */
  inputs?: Value;
  /** Why the layer list may be partial; empty when it is complete. */
  readonly incomplete: string[];
  readonly compiles: CompileNode[];
  readonly fits: FitNode[];
  /**
   * Custom training code that computes this model's outputs (`predict`, `apply`, `call` inside a
   * function whose gradient tfjs takes), each gradient once. Whether the step updates the model's
   * weights depends on its variable list and on what is trainable then (rules/core/training.ts).
   */
  readonly gradients: GradientNode[];
  /** The model was handed to code the extractor does not see, which may compile or train it. */
  escaped: boolean;
  /** The other files whose code was running, calling down to where the model was made (a factory another file calls). */
  readonly callers?: readonly string[];
}

export interface CompileNode {
  readonly span: Span;
  /** When it ran, relative to the other compiles, fits and events of the graph. */
  readonly order: number;
  /** The argument of `compile`. */
  readonly config: Value;
  readonly conditional: boolean;
}

export interface FitNode {
  readonly method: 'fit' | 'fitDataset' | 'trainOnBatch';
  readonly span: Span;
  readonly order: number;
  /** Whether the code waits for the returned promise: awaited or chained with then, not, or not known. */
  readonly awaited: 'yes' | 'no' | 'unknown';
  /** `fit(x, y, config)` and `trainOnBatch(x, y)`: inputs; `fitDataset(dataset, config)`: the dataset. */
  readonly x: Value;
  /** Undefined for `fitDataset`. */
  readonly y: Value | undefined;
  readonly config: Value;
  /** The compile call in effect when fit ran, if one was seen. */
  readonly compile: CompileNode | undefined;
  readonly conditional: boolean;
  /** Called in a loop whose iterations the extractor could not count. */
  readonly repeated: boolean;
}
