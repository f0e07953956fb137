import { configEntry, configFlag } from './config';
import { derivedOnce, type LayerNode, type ModelNode, type ProgramGraph } from './graph';
import type { Span } from './span';
import type { Value } from './values';

/**
 * Shape inference through models, the way tfjs computes output shapes: one shape per layer (per
 * application, in functional models), without the batch dimension, where `null` is a dimension that
 * is not known (as in tfjs). Only layers whose configuration is fully known are followed; the first
 * one that is not stops the walk along its path.
 */

export type Shape = readonly (number | null)[];

export type ShapeProblem =
  | { readonly kind: 'tooSmall'; readonly layer: LayerNode; readonly span: Span; readonly size: number; readonly window: number; readonly input: Shape }
  | { readonly kind: 'reshape'; readonly layer: LayerNode; readonly span: Span; readonly input: Shape; readonly target: Shape }
  | { readonly kind: 'rank'; readonly layer: LayerNode; readonly span: Span; readonly expected: string; readonly input: Shape };

export interface LayerShapes {
  readonly layer: LayerNode;
  readonly input: Shape;
  /** Undefined when the layer's output cannot be computed (the walk stops there). */
  readonly output?: Shape;
}

export interface ModelShapes {
  readonly layers: readonly LayerShapes[];
  readonly problems: readonly ShapeProblem[];
}

function numberOption(layer: LayerNode, key: string): number | undefined {
  const entry = configEntry(layer.config, key);
  return entry.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'number' ? entry.value.value : undefined;
}

function optionSpan(layer: LayerNode, key: string): Span {
  const entry = configEntry(layer.config, key);
  return (entry.state === 'present' ? (entry.property.valueSpan ?? entry.value.span) : undefined) ?? layer.span;
}

/** A literal array of numbers (null for -1 or null entries is kept as null), or undefined. */
function dims(value: Value | undefined): (number | null)[] | undefined {
  if (!value || value.kind !== 'array' || !value.complete) return undefined;
  const out: (number | null)[] = [];
  for (const element of value.elements) {
    if (element.kind === 'primitive' && element.value === null) out.push(null);
    else if (element.kind === 'primitive' && typeof element.value === 'number') out.push(element.value);
    else return undefined;
  }
  return out;
}

/** An option that is a number or a list of numbers, expanded to `rank` entries; undefined if not known. */
function tuple(layer: LayerNode, key: string, rank: number, fallback: readonly number[] | undefined): number[] | undefined {
  const entry = configEntry(layer.config, key);
  if (entry.state === 'unknown') return undefined;
  if (entry.state === 'absent') return fallback ? [...fallback] : undefined;
  const value = entry.value;
  if (value.kind === 'primitive' && typeof value.value === 'number') {
    const size = value.value;
    return Array.from({ length: rank }, () => size);
  }
  const list = dims(value);
  return list && list.length === rank && list.every((n) => n !== null) ? (list as number[]) : undefined;
}

function stringOption(layer: LayerNode, key: string, fallback: string): string | undefined {
  const entry = configEntry(layer.config, key);
  if (entry.state === 'absent') return fallback;
  return entry.state === 'present' && entry.value.kind === 'primitive' && typeof entry.value.value === 'string' ? entry.value.value : undefined;
}

/** The shape the first layer declares for the model input. */
export function declaredInputShape(layer: LayerNode): Shape | undefined {
  const inputShape = configEntry(layer.config, 'inputShape');
  if (inputShape.state === 'present') return dims(inputShape.value);
  const batch = configEntry(layer.config, 'batchInputShape');
  if (batch.state === 'present') return dims(batch.value)?.slice(1);
  const inputDim = numberOption(layer, 'inputDim');
  if (inputDim !== undefined && layer.factory === 'dense') return [inputDim];
  if (layer.factory === 'embedding') {
    const length = numberOption(layer, 'inputLength');
    return length !== undefined ? [length] : undefined;
  }
  return undefined;
}

const POOL_2D = new Set(['maxPooling2d', 'averagePooling2d', 'maxPool2d', 'avgPool2d', 'avgPooling2d']);
const POOL_1D = new Set(['maxPooling1d', 'averagePooling1d', 'maxPool1d', 'avgPool1d', 'avgPooling1d']);
const GLOBAL_POOL = new Set(['globalAveragePooling1d', 'globalAveragePooling2d', 'globalMaxPool1d', 'globalMaxPool2d', 'globalMaxPooling1d', 'globalMaxPooling2d']);
const SAME_SHAPE = new Set(['activation', 'alphaDropout', 'batchNormalization', 'dropout', 'elu', 'gaussianDropout', 'gaussianNoise', 'layerNormalization', 'leakyReLU', 'masking', 'prelu', 'reLU', 'softmax', 'spatialDropout1d', 'thresholdedReLU']);
const RECURRENT = new Set(['lstm', 'gru', 'simpleRNN']);

/**
 * The number of dimensions per sample a layer takes as its input, where the layer decides it: an
 * image for 2-D convolutions and poolings, a sequence for 1-D ones and recurrent layers, one vector
 * for dense and embedding layers. A flatten takes any rank from 2; a feature map (3), the input it
 * is most often given, stands for them.
 */
export function sampleRank(factory: string): number | undefined {
  if (factory === 'conv2d' || factory === 'separableConv2d' || factory === 'depthwiseConv2d' || factory === 'flatten' || POOL_2D.has(factory)) return 3;
  if (factory === 'conv1d' || POOL_1D.has(factory) || RECURRENT.has(factory)) return 2;
  if (GLOBAL_POOL.has(factory)) return factory.endsWith('2d') ? 3 : 2;
  if (factory === 'dense' || factory === 'embedding') return 1;
  return undefined;
}

/** The length of one spatial axis after a window slides over it; null when unknown. */
function slide(size: number | null, window: number, stride: number, dilation: number, padding: string): number | null {
  if (size === null) return null;
  if (padding === 'same') return Math.ceil(size / stride);
  const span = window + (window - 1) * (dilation - 1);
  return Math.ceil((size - span + 1) / stride);
}

type Step = { readonly output?: Shape; readonly problem?: ShapeProblem };

function rankProblem(layer: LayerNode, input: Shape, expected: number, description: string): Step | undefined {
  if (input.length === expected) return undefined;
  return { problem: { kind: 'rank', layer, span: layer.span, expected: description, input } };
}

function windowed(layer: LayerNode, input: Shape, spatial: number, windowKey: string, defaultWindow: readonly number[] | undefined, channels: number | null | undefined): Step {
  const window = tuple(layer, windowKey, spatial, defaultWindow);
  const strides = tuple(layer, 'strides', spatial, windowKey === 'poolSize' ? window : Array.from({ length: spatial }, () => 1));
  const dilation = tuple(layer, 'dilationRate', spatial, Array.from({ length: spatial }, () => 1));
  const padding = stringOption(layer, 'padding', 'valid');
  if (stringOption(layer, 'dataFormat', 'channelsLast') !== 'channelsLast' || !window || !strides || !dilation || !padding || channels === undefined) return {};
  const out: (number | null)[] = [];
  for (let axis = 0; axis < spatial; axis++) {
    const size = input[axis] ?? null;
    const length = slide(size, window[axis]!, strides[axis]!, dilation[axis]!, padding);
    if (length !== null && length <= 0) {
      return { problem: { kind: 'tooSmall', layer, span: optionSpan(layer, windowKey), size: size as number, window: window[axis]!, input } };
    }
    out.push(length);
  }
  return { output: [...out, channels] };
}

function product(shape: Shape): number | null {
  let total = 1;
  for (const dim of shape) {
    if (dim === null) return null;
    total *= dim;
  }
  return total;
}

function step(layer: LayerNode, input: Shape): Step {
  const factory = layer.factory;
  if (SAME_SHAPE.has(factory)) return { output: input };
  switch (factory) {
    case 'inputLayer':
      return { output: input };
    case 'dense': {
      const units = numberOption(layer, 'units');
      if (units === undefined || input.length === 0) return {};
      return { output: [...input.slice(0, -1), units] };
    }
    case 'flatten':
      return input.length < 2 ? { problem: { kind: 'rank', layer, span: layer.span, expected: 'at least 2 dimensions per sample', input } } : { output: [product(input)] };
    case 'reshape': {
      const entry = configEntry(layer.config, 'targetShape');
      const target = entry.state === 'present' ? dims(entry.value) : undefined;
      if (!target) return {};
      const total = product(input);
      const known = target.filter((dim): dim is number => dim !== null && dim !== -1);
      const missing = target.length - known.length;
      const knownProduct = known.reduce((a, b) => a * b, 1);
      if (total === null) return { output: target.map((dim) => (dim === -1 ? null : dim)) };
      if ((missing === 0 && knownProduct !== total) || (missing === 1 && total % knownProduct !== 0) || missing > 1) {
        return { problem: { kind: 'reshape', layer, span: optionSpan(layer, 'targetShape'), input, target } };
      }
      return { output: target.map((dim) => (dim === -1 || dim === null ? total / knownProduct : dim)) };
    }
    case 'conv2d':
    case 'separableConv2d':
    case 'depthwiseConv2d': {
      const rank = rankProblem(layer, input, 3, '3 dimensions per sample (height, width, channels)');
      if (rank) return rank;
      const filters = factory === 'depthwiseConv2d' ? (input[2] === null ? null : (input[2] as number) * (numberOption(layer, 'depthMultiplier') ?? 1)) : numberOption(layer, 'filters');
      return windowed(layer, input, 2, 'kernelSize', undefined, filters);
    }
    case 'conv1d': {
      const rank = rankProblem(layer, input, 2, '2 dimensions per sample (steps, channels)');
      if (rank) return rank;
      return windowed(layer, input, 1, 'kernelSize', undefined, numberOption(layer, 'filters'));
    }
    case 'embedding': {
      const outputDim = numberOption(layer, 'outputDim');
      return outputDim === undefined ? {} : { output: [...input, outputDim] };
    }
    case 'upSampling2d': {
      const size = tuple(layer, 'size', 2, [2, 2]);
      if (!size || input.length !== 3) return {};
      return { output: [input[0] === null ? null : (input[0] as number) * size[0]!, input[1] === null ? null : (input[1] as number) * size[1]!, input[2]!] };
    }
    case 'repeatVector': {
      const n = numberOption(layer, 'n');
      return n === undefined ? {} : { output: [n, ...input] };
    }
  }
  if (POOL_2D.has(factory)) return rankProblem(layer, input, 3, '3 dimensions per sample (height, width, channels)') ?? windowed(layer, input, 2, 'poolSize', [2, 2], input[2] ?? null);
  if (POOL_1D.has(factory)) return rankProblem(layer, input, 2, '2 dimensions per sample (steps, channels)') ?? windowed(layer, input, 1, 'poolSize', [2], input[1] ?? null);
  if (GLOBAL_POOL.has(factory)) {
    const rank = factory.endsWith('2d') ? 3 : 2;
    return rankProblem(layer, input, rank, `${rank} dimensions per sample`) ?? { output: [input[rank - 1] ?? null] };
  }
  if (RECURRENT.has(factory)) {
    const rank = rankProblem(layer, input, 2, '2 dimensions per sample (steps, features)');
    if (rank) return rank;
    const units = numberOption(layer, 'units');
    const returnSequences = configFlag(layer.config, 'returnSequences');
    if (units === undefined || returnSequences === undefined) return {};
    return { output: returnSequences ? [input[0] ?? null, units] : [units] };
  }
  return {};
}

const MODEL_SHAPES = {};

/**
 * Shapes through a model, as far as they are known: a sequential model from the input shape its
 * first layer declares, a functional model from the shapes of its `tf.input`s, through each layer
 * applied to a single input (merge layers and models applied as layers end the walk on their path).
 * Worked out once per model and graph.
 */
export function modelShapes(graph: ProgramGraph, model: ModelNode): ModelShapes {
  const byModel = derivedOnce(graph, MODEL_SHAPES, () => new Map<ModelNode, ModelShapes>());
  let shapes = byModel.get(model);
  if (!shapes) byModel.set(model, (shapes = model.kind === 'functional' ? functionalShapes(model) : sequentialShapes(model)));
  return shapes;
}

function functionalShapes(model: ModelNode): ModelShapes {
  const layers: LayerShapes[] = [];
  const problems: ShapeProblem[] = [];
  const known = new Map<Value, Shape | undefined>();
  const shapeOf = (value: Value): Shape | undefined => {
    if (known.has(value)) return known.get(value);
    // Marked first, so that a cycle (which valid code cannot build) ends as unknown.
    known.set(value, undefined);
    let shape: Shape | undefined;
    if (value.kind === 'symbolic' && !value.model) {
      if (value.inputConfig) {
        const declared = configEntry(value.inputConfig, 'shape');
        const batch = configEntry(value.inputConfig, 'batchShape');
        shape = declared.state === 'present' ? dims(declared.value) : batch.state === 'present' ? dims(batch.value)?.slice(1) : undefined;
      } else if (value.output !== undefined && value.output > 0) {
        // A state a recurrent layer returns after its output: one vector of its units per sample
        // (each output of a bidirectional layer is left open).
        const units = value.layer && RECURRENT.has(value.layer.factory) ? numberOption(value.layer, 'units') : undefined;
        shape = units === undefined ? undefined : [units];
      } else if (value.layer && value.from && value.from.kind === 'symbolic' && value.layer.config.kind !== 'unknown') {
        const input = shapeOf(value.from);
        if (input) {
          const result = step(value.layer, input);
          if (result.problem) problems.push(result.problem);
          layers.push({ layer: value.layer, input, ...(result.output ? { output: result.output } : {}) });
          shape = result.output;
        }
      }
    }
    known.set(value, shape);
    return shape;
  };
  const outputs = model.outputs;
  if (outputs) for (const output of outputs.kind === 'array' ? outputs.elements : [outputs]) shapeOf(output);
  return { layers, problems };
}

/** Shapes through a sequential model whose first layer declares its input shape, as far as they are known. */
function sequentialShapes(model: ModelNode): ModelShapes {
  const layers: LayerShapes[] = [];
  const problems: ShapeProblem[] = [];
  if (model.kind !== 'sequential') return { layers, problems };
  const first = model.slots[0]?.layer;
  let input = first ? declaredInputShape(first) : undefined;
  for (const slot of model.slots) {
    if (!input || !slot.layer || slot.conditional || slot.repeated || slot.layer.config.kind === 'unknown') break;
    const result = step(slot.layer, input);
    if (result.problem) problems.push(result.problem);
    layers.push({ layer: slot.layer, input, ...(result.output ? { output: result.output } : {}) });
    input = result.output;
  }
  return { layers, problems };
}

export function formatShape(shape: Shape): string {
  return `[${shape.map((dim) => (dim === null ? 'null' : String(dim))).join(', ')}]`;
}
