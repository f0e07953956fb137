/**
 * What the model's class can reach on the batch, measured against a linear fit of the same batch:
 * a model that ends no better than the best linear model, on a batch no linear model can fit (XOR),
 * lacks capacity rather than training time.
 */
import { embeddingVocabularies, outputActivation, type Batch } from './batch';
import type { LabelKind } from './losses';
import type { LayersModel, Tensor, Tf } from './tf';
import { train } from './train';
import type { Cause } from './types';

export interface LinearFit {
  /** A linear model (the model's own output activation over an affine map of the inputs) learns the batch. */
  readonly fits: boolean;
  /** Whether that holds for any labels: there are no more samples than input features plus one. */
  readonly trivially: boolean;
  /** The lowest loss the linear model reached, with the model's own loss function. */
  readonly loss?: number;
}

/** Steps of the linear fit: a convex problem on standardised features, so Adam settles quickly. */
const LINEAR_STEPS = 400;
const LINEAR_RATE = 0.1;
/** A model "does no better" than the linear fit when its best loss is above this fraction of the linear one. */
const NO_BETTER = 0.9;

/** Layers that compute an affine map of their inputs (with a linear activation), or only move values around. */
const AFFINE_LAYERS = new Set([
  'InputLayer', 'Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose',
  'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout',
  'Add', 'Concatenate', 'Average', 'AveragePooling1D', 'AveragePooling2D', 'GlobalAveragePooling1D',
  'GlobalAveragePooling2D', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'Activation',
]);

/** Whether some layer before the outputs applies a nonlinearity (the output's own activation only links to the loss). */
export function hasHiddenNonlinearity(model: LayersModel): boolean {
  const outputs = new Set(model.outputLayers.map((layer) => layer.name));
  return model.layers.some((layer) => {
    if (outputs.has(layer.name)) return false;
    const activation = (layer.getConfig() as { activation?: unknown }).activation;
    if (typeof activation === 'string' && activation !== 'linear') return true;
    return !AFFINE_LAYERS.has(layer.getClassName());
  });
}

/**
 * An affine map under a linear, sigmoid or softmax output: with its usual losses a problem with one
 * optimum, which any initialisation reaches.
 */
export function oneOptimum(model: LayersModel): boolean {
  if (hasHiddenNonlinearity(model)) return false;
  return model.outputLayers.every((_, index) => ['linear', 'sigmoid', 'softmax', undefined].includes(outputActivation(model, index)));
}

/** Features standardised per column: a linear model reaches the same fits, and Adam converges much faster. */
function standardised(tf: Tf, x: Tensor, samples: number): Tensor {
  return tf.tidy(() => {
    const flat = x.reshape([samples, -1]).cast('float32');
    const { mean, variance } = tf.moments(flat, 0);
    const spread = variance.sqrt();
    return flat.sub(mean).div(spread.add(tf.scalar(1e-8)).where(spread.greater(0), tf.onesLike(spread)));
  });
}

/**
 * The best linear fit of the batch, or undefined when the model is not one a linear fit compares
 * with (several inputs or outputs, ids fed to an embedding, sequence outputs, a loss of its own).
 */
export async function linearFit(tf: Tf, model: LayersModel, batch: Batch, kinds: readonly LabelKind[]): Promise<LinearFit | undefined> {
  if (batch.xs.length !== 1 || batch.ys.length !== 1 || kinds[0] === 'unknown' || embeddingVocabularies(model).size > 0) return undefined;
  const outputShape = model.outputs[0]!.shape;
  const labels = batch.ys[0]!;
  if (outputShape.length !== 2 || typeof outputShape[1] !== 'number' || labels.rank !== 2) return undefined;
  const samples = batch.size;
  const features = batch.xs[0]!.size / samples;
  // n points in general position can be given any labels by an affine map of n - 1 or more features.
  if (features + 1 >= samples) return { fits: true, trivially: true };
  const activation = outputActivation(model, 0) ?? 'linear';
  const x = standardised(tf, batch.xs[0]!, samples);
  const linear = tf.sequential({
    layers: [
      tf.layers.dense({
        units: outputShape[1],
        inputShape: [features],
        activation: activation as never,
        // The problem is convex for the usual output activations: a zero start is as good as any and
        // draws nothing from the seeded generator. A ReLU output starts at 1, where it has a gradient.
        kernelInitializer: 'zeros',
        biasInitializer: /relu/i.test(activation) ? 'ones' : 'zeros',
      }),
    ],
  });
  try {
    linear.compile({ optimizer: tf.train.adam(LINEAR_RATE), loss: (model as unknown as { loss: never }).loss });
    const run = await train(tf, linear, { xs: [x], ys: [labels], source: batch.source, size: samples }, { steps: LINEAR_STEPS, kinds, layers: [], measureUpdates: false });
    const finite = run.losses.filter(Number.isFinite);
    return { fits: run.stop === 'fitted', trivially: false, ...(finite.length > 0 ? { loss: Math.min(...finite) } : {}) };
  } finally {
    linear.dispose();
    x.dispose();
  }
}

function format(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** Whether the batch is beyond a linear model, and a model's best loss is no better than the linear fit's. */
export function noBetterThanLinear(fit: LinearFit, bestLoss: number): fit is LinearFit & { loss: number } {
  return !fit.fits && fit.loss !== undefined && Number.isFinite(bestLoss) && bestLoss >= NO_BETTER * fit.loss;
}

/**
 * The missing-capacity cause, when a model without hidden nonlinearities ends no better than the
 * linear fit, on a batch the linear fit cannot learn.
 */
export function capacityCause(model: LayersModel, fit: LinearFit | undefined, bestLoss: number): Cause | undefined {
  if (!fit || !noBetterThanLinear(fit, bestLoss)) return undefined;
  // A model with hidden nonlinearities that ends at the linear fit's loss is more often slow (a
  // sigmoid stack's plateau) than short of capacity: only a model without them is judged on it.
  if (hasHiddenNonlinearity(model)) return undefined;
  return {
    id: 'missing-capacity',
    severity: 'error',
    message: `The model does no better than a linear fit of this batch (its best loss is ${format(bestLoss)}; the best linear model reaches ${format(fit.loss)} and cannot learn the batch): it has no hidden layer with a nonlinear activation, so it lacks the capacity to fit it. Add a hidden layer with a nonlinear activation before the output (for example tf.layers.dense({ units: 16, activation: 'relu' })).`,
  };
}
