import type { TensorFacts } from './facts';
import type { GradientNode, LayerNode, ModelNode } from './graph';
import type { Span } from './span';

/**
 * What the extractor knows about a JavaScript value at one point of the program.
 *
 * Values are produced by evaluating code symbolically. Anything the evaluator cannot pin down is
 * `unknown`, with the reason, and rules stay silent about it.
 */
export type Value =
  | UnknownValue
  | PrimitiveValue
  | ArrayValue
  | ObjectValue
  | FunctionValue
  | TfRefValue
  | TfObjectValue
  | LayerValue
  | ModelValue
  | SymbolicTensorValue
  | TensorValue
  | PromiseValue;

export interface UnknownValue {
  readonly kind: 'unknown';
  readonly reason: string;
  readonly span?: Span;
  /** The variable or parameter it was read from, kept for messages and naming heuristics. */
  readonly name?: string;
  /**
   * The parameter of a function that ran with no call giving it a value (a factory nobody calls) that
   * the value is, or is read from (`features[0].length`): its name, its position, the function's, and where.
   */
  readonly parameter?: {
    readonly name: string;
    readonly index?: number;
    readonly owner?: string;
    readonly span: Span;
    /** An entry of a list parameter the overfit check's static build made up (see list-stand-ins.ts): its position. */
    readonly entry?: number;
  };
  /**
   * A value the code reaches from a parameter of a function no call gives values (see `parameter`)
   * by reading properties and calling methods: the parameter, and the way from it (`data.nextTrainBatch(64).xs`
   * is `['nextTrainBatch()', 'xs']`). What the code does with such values says what an object made
   * up for the parameter must hold.
   */
  readonly access?: { readonly parameter: NonNullable<UnknownValue['parameter']>; readonly path: readonly string[] };
  /** The number the code declares as its default (`hidden = 128`): what a call that leaves it out gives. */
  readonly defaultValue?: number;
  /** A part of a command-line parsing library (its module, a parser): what it is, private to the evaluator. */
  readonly commandLine?: object;
  /** The call of code outside the analysis whose result it is, as written (`ui.getDenseUnits`), when it is short. */
  readonly call?: string;
  /** The flag of the command-line option whose value it is (`--units`), when the script parses it. */
  readonly option?: string;
  /** Where the model it is a part of (its inputs, a layer, that layer's output) is loaded at run time: the code does not write its layers. */
  readonly loadedModel?: Span;
  /** An element of the page a browser script runs in, by its id (`document.getElementById('units')`). */
  readonly pageElement?: string;
  /** The id of the page's form field whose value (or `checked`) it is: what the user enters or picks. */
  readonly pageField?: string;
  /** The attributes of the element of the page it is, as the page writes them, when the page is read. */
  readonly pageAttributes?: Readonly<Record<string, string>>;
  /** An option of a select field of the page (`select.options[i]`), when the page is read: the field's id and the option's index. */
  readonly pageOption?: { readonly field: string; readonly index: number };
}

export type Primitive = string | number | boolean | null | undefined;

/** A primitive whose value is known; `span` is where it was written or computed. */
export interface PrimitiveValue {
  readonly kind: 'primitive';
  readonly value: Primitive;
  readonly span?: Span;
}

/** An array literal or an array built by known code. Mutable: the evaluator tracks pushes. */
export interface ArrayValue {
  readonly kind: 'array';
  elements: Value[];
  /** False when elements were added by code the evaluator could not follow. */
  complete: boolean;
  readonly span?: Span;
  /**
   * For an array filled by pushes the evaluator followed, some in loops whose passes could not be
   * counted: every element, in order, grouped by where it was pushed. A group pushed in a pass of such
   * a loop is what each pass pushed (`data.push(1, x, x * x)`), repeated an unknown number of times,
   * each pass with its own values for the unknown ones; any other group was pushed exactly once.
   * `for (c ...) for (i ...) ys.push(c)` gives one group per class, in class order.
   */
  segments?: Value[][];
  /** What a generator call yields: the code can iterate it (for-of, spread, `Array.from`, destructuring), not index it or count it. */
  readonly generator?: boolean;
}

export interface Property {
  readonly value: Value;
  /** The key as written (`activation` in `activation: 'relu'`). */
  readonly keySpan?: Span;
  /** The whole property (`activation: 'relu'`), for fixes that remove it. */
  readonly span?: Span;
  /** The expression written as the property's value at this object, which may differ from value.span. */
  readonly valueSpan?: Span;
}

/** An object literal, possibly mutated later by known assignments. */
export interface ObjectValue {
  readonly kind: 'object';
  readonly props: Map<string, Property>;
  /** False when the object has properties the evaluator cannot see (an unknown spread, a computed key). */
  complete: boolean;
  readonly span?: Span;
  /** Set for instances of classes declared in the analysed code. */
  readonly className?: string;
}

/** A function written in the analysed code. `closure` is private to the evaluator. */
export interface FunctionValue {
  readonly kind: 'function';
  readonly name?: string;
  readonly async?: boolean;
  readonly span: Span;
  readonly closure: unknown;
}

/** A reference into the TensorFlow.js API: `tf` itself (path ''), `tf.layers`, `tf.losses.meanSquaredError`. */
export interface TfRefValue {
  readonly kind: 'tf';
  readonly path: string;
  readonly span?: Span;
}

/** An object made by a TensorFlow.js factory that is not a layer or model: an optimizer, initializer, regularizer, dataset. */
export interface TfObjectValue {
  readonly kind: 'tfObject';
  /** The factory's path, for example `train.adam` or `initializers.zeros`. */
  readonly path: string;
  readonly args: readonly Value[];
  /** Where each argument is written at the call. */
  readonly argSpans?: readonly (Span | undefined)[];
  readonly span: Span;
  /** Made inside a loop of the function that creates it (so a new one is made on each iteration). */
  readonly inLoop?: boolean;
  /** The weights of a model (`model.getWeights()`, `model.trainableWeights`, and lists mapped from them): the model. */
  readonly weightsOf?: ModelNode;
}

export interface LayerValue {
  readonly kind: 'layer';
  readonly layer: LayerNode;
  readonly span?: Span;
}

export interface ModelValue {
  readonly kind: 'model';
  readonly model: ModelNode;
  readonly span?: Span;
}

/** A symbolic tensor of the functional API: made by `tf.input` or by `layer.apply(symbolic)`. */
export interface SymbolicTensorValue {
  readonly kind: 'symbolic';
  /** The layer that produced it; undefined for `tf.input`. */
  readonly layer?: LayerNode;
  /** What the layer was applied to (a symbolic tensor, or an array of them for merge layers). */
  readonly from?: Value;
  /** The `tf.input` config, for inputs. */
  readonly inputConfig?: Value;
  /** A model applied as a layer (`feature.apply(input)` where `feature` is a model): that model. */
  readonly model?: ModelNode;
  /**
   * Which of the layer's outputs it is, for a layer whose application gives several (a recurrent
   * layer with `returnState`: its output, then its states); absent for a layer with one output.
   */
  readonly output?: number;
  readonly span: Span;
}

/**
 * A concrete tensor, with how it was computed: `op` names the operation (`mul`, `sum`, `softmax`,
 * `predict`, `tensor2d`, ...) and `args` are its operands, so rules can match expression patterns
 * across variables and functions.
 */
export interface TensorValue {
  readonly kind: 'tensor';
  readonly op: string;
  readonly args: readonly Value[];
  /** Where each operand is written at this call (for method calls, the receiver comes first). */
  readonly argSpans: readonly (Span | undefined)[];
  readonly span: Span;
  /** For `predict`/`apply`/`call` results and the predictions a custom loss receives: the model that computed it. */
  readonly model?: ModelNode;
  /** What the code uses the tensor as, when that is known (the labels a loss function receives, ...). */
  readonly role?: 'labels' | 'predictions';
  /** A variable name the tensor was read through, kept for messages and for naming heuristics. */
  readonly name?: string;
  /** Computed inside a function whose gradient tfjs takes (optimizer.minimize, tf.variableGrads, ...). */
  readonly inGradient?: boolean;
  /** The innermost function whose gradient tfjs takes that the tensor was computed in. */
  readonly gradient?: GradientNode;
  /** What is known about its values: shape, range, integrality, classes, order (computed when it is made). */
  readonly facts: TensorFacts;
}

export interface PromiseValue {
  readonly kind: 'promise';
  readonly value: Value;
  readonly span?: Span;
}

export function unknown(reason: string, span?: Span, name?: string): UnknownValue {
  return { kind: 'unknown', reason, ...(span ? { span } : {}), ...(name !== undefined ? { name } : {}) };
}

export function primitive(value: Primitive, span?: Span): PrimitiveValue {
  return span ? { kind: 'primitive', value, span } : { kind: 'primitive', value };
}

export function isKnownString(value: Value | undefined): value is PrimitiveValue & { value: string } {
  return value?.kind === 'primitive' && typeof value.value === 'string';
}

export function isKnownNumber(value: Value | undefined): value is PrimitiveValue & { value: number } {
  return value?.kind === 'primitive' && typeof value.value === 'number';
}

export function stringOf(value: Value | undefined): string | undefined {
  return isKnownString(value) ? value.value : undefined;
}

export function numberOf(value: Value | undefined): number | undefined {
  return isKnownNumber(value) ? value.value : undefined;
}

/** The same value seen through two paths (for joining branches): identity for objects, equality for primitives. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'primitive':
      return a.value === (b as PrimitiveValue).value;
    case 'layer':
      return a.layer === (b as LayerValue).layer;
    case 'model':
      return a.model === (b as ModelValue).model;
    case 'tf':
      return a.path === (b as TfRefValue).path;
    case 'function':
      return a.closure === (b as FunctionValue).closure;
    case 'promise':
      return sameValue(a.value, (b as PromiseValue).value);
    default:
      return false;
  }
}
