/** Measurements of a model during the check: gradients, updates, activations. */
import type { Batch } from './batch';
import type { Layer, LayersModel, Tensor, Tf } from './tf';

type Variable = import('@tensorflow/tfjs').Variable;
type LayerVariableLike = { name: string; read(): Variable };
type LossFunction = (labels: Tensor, predictions: Tensor) => Tensor;

export interface LayerProbe {
  readonly name: string;
  readonly type: string;
  gradNorm: number;
  updateRatio: number;
  deadFraction?: number;
  activationStd?: number;
}

/** Layers with weights the optimizer changes, in model order. */
export function trainableLayers(model: LayersModel): Layer[] {
  return model.layers.filter((layer) => layer.trainable && layer.trainableWeights.length > 0);
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The model's compiled loss on the batch, as a scalar, in training mode. */
export function lossOn(tf: Tf, model: LayersModel, batch: Batch): import('@tensorflow/tfjs').Scalar {
  // A Sequential model compiles an inner functional model, which holds the loss functions.
  const inner = model as unknown as { lossFunctions?: LossFunction[]; model?: { lossFunctions?: LossFunction[] } };
  const lossFunctions = inner.lossFunctions ?? inner.model?.lossFunctions ?? [];
  const predictions = asList(model.apply(batch.xs.length === 1 ? batch.xs[0]! : batch.xs, { training: true }) as Tensor | Tensor[]);
  let total = tf.scalar(0);
  predictions.forEach((prediction, index) => {
    const lossFunction = lossFunctions[index];
    if (lossFunction) total = total.add(lossFunction(batch.ys[index]!, prediction).mean());
  });
  return total as import('@tensorflow/tfjs').Scalar;
}

/** The norm of the loss gradient for each trainable layer's weights. */
export function gradientNorms(tf: Tf, model: LayersModel, batch: Batch, layers: readonly Layer[]): number[] {
  const variables = layers.flatMap((layer) => (layer.trainableWeights as unknown as LayerVariableLike[]).map((weight) => weight.read()));
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => lossOn(tf, model, batch), variables);
    value.dispose();
    // Every layer's squared norm in one tensor: one read back instead of one per weight.
    const squared = layers.map((layer) => {
      const parts = (layer.trainableWeights as unknown as LayerVariableLike[]).flatMap((weight) => {
        const gradient = grads[weight.read().name];
        return gradient ? [gradient.square().sum()] : [];
      });
      return parts.length > 0 ? tf.addN(parts) : tf.scalar(0);
    });
    return Array.from(tf.stack(squared).dataSync(), (sum) => Math.sqrt(sum));
  });
}

/** Copies of the layers' trainable weights, to measure one update. */
export function snapshot(tf: Tf, layers: readonly Layer[]): Tensor[][] {
  return layers.map((layer) => (layer.trainableWeights as unknown as LayerVariableLike[]).map((weight) => tf.clone(weight.read())));
}

/** ‖w_now − w_before‖ / ‖w_before‖ per layer. Disposes the snapshot. */
export function updateRatios(tf: Tf, layers: readonly Layer[], before: Tensor[][]): number[] {
  const ratios = tf.tidy(() => {
    // [change, size] per layer, read back at once.
    const sums = layers.map((layer, index) => {
      const weights = layer.trainableWeights as unknown as LayerVariableLike[];
      const change = tf.addN(weights.map((weight, w) => weight.read().sub(before[index]![w]!).square().sum()));
      const size = tf.addN(weights.map((_, w) => before[index]![w]!.square().sum()));
      return tf.stack([change, size]);
    });
    const values = tf.stack(sums).dataSync();
    return layers.map((_, index) => {
      const change = values[2 * index]!;
      const size = values[2 * index + 1]!;
      return size > 0 ? Math.sqrt(change) / Math.sqrt(size) : change > 0 ? Number.POSITIVE_INFINITY : 0;
    });
  });
  for (const tensors of before) tf.dispose(tensors);
  return ratios;
}

function activationName(layer: Layer): string | undefined {
  if (layer.getClassName() === 'ReLU') return 'relu';
  const config = layer.getConfig() as { activation?: unknown };
  return typeof config.activation === 'string' ? config.activation : undefined;
}

/** Layers whose single output can be observed, for the activation probe. */
function observableLayers(model: LayersModel): Layer[] {
  return model.layers.filter((layer) => {
    if (layer.getClassName() === 'InputLayer') return false;
    const inbound = (layer as unknown as { inboundNodes: unknown[] }).inboundNodes;
    if (inbound.length !== 1) return false;
    try {
      return !Array.isArray(layer.output);
    } catch {
      return false;
    }
  });
}

export interface ActivationProbe {
  readonly layers: Layer[];
  readonly model: LayersModel | undefined;
}

export function activationProbe(tf: Tf, model: LayersModel): ActivationProbe {
  const layers = observableLayers(model);
  if (layers.length === 0) return { layers, model: undefined };
  try {
    const outputs = layers.map((layer) => layer.output as import('@tensorflow/tfjs').SymbolicTensor);
    return { layers, model: tf.model({ inputs: model.inputs, outputs }) };
  } catch {
    return { layers: [], model: undefined };
  }
}

export interface ActivationStats {
  readonly deadFraction?: number;
  readonly std: number;
}

/** For each probed layer: the spread of its outputs and, for ReLU layers, the fraction of dead units. */
export function activationStats(tf: Tf, probe: ActivationProbe, batch: Batch): Map<string, ActivationStats> {
  const stats = new Map<string, ActivationStats>();
  if (!probe.model) return stats;
  tf.tidy(() => {
    const outputs = asList(probe.model!.predict(batch.xs.length === 1 ? batch.xs[0]! : batch.xs) as Tensor | Tensor[]);
    outputs.forEach((output, index) => {
      const layer = probe.layers[index]!;
      const std = tf.moments(output).variance.sqrt().dataSync()[0]!;
      let deadFraction: number | undefined;
      if (activationName(layer) === 'relu' && output.rank >= 2) {
        const units = output.shape[output.rank - 1]!;
        const perUnit = output.reshape([-1, units]).max(0);
        deadFraction = perUnit.lessEqual(0).cast('float32').mean().dataSync()[0]!;
      }
      stats.set(layer.name, { std, ...(deadFraction !== undefined ? { deadFraction } : {}) });
    });
  });
  return stats;
}

export function isReluLayer(layer: Layer): boolean {
  return activationName(layer) === 'relu';
}
