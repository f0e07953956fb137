/**
 * The ranges tfjs computes and accepts, as data: what each activation can output, and what each loss
 * accepts for labels and predictions. Data rules are statements over these and the tensor facts.
 */
import { UNBOUNDED, closed, interval, type Interval } from './facts';

/**
 * The interval each activation's outputs lie in, in float32: sigmoid and softmax saturate to exactly
 * 0 and 1 for large inputs, so their ends are included.
 */
export const ACTIVATION_RANGES: Readonly<Record<string, Interval>> = {
  linear: UNBOUNDED,
  relu: interval(0, Infinity, false, true),
  relu6: closed(0, 6),
  elu: interval(-1, Infinity, true, true),
  selu: interval(-1.7581, Infinity, true, true),
  sigmoid: closed(0, 1),
  hardSigmoid: closed(0, 1),
  softmax: closed(0, 1),
  tanh: closed(-1, 1),
  softsign: interval(-1, 1, true, true),
  softplus: interval(0, Infinity, false, true),
  logSoftmax: interval(-Infinity, 0, true, false),
  logSigmoid: interval(-Infinity, 0, true, false),
  swish: interval(-0.2785, Infinity, false, true),
  mish: interval(-0.3089, Infinity, false, true),
  gelu: interval(-0.17, Infinity, false, true),
  gelu_new: interval(-0.17, Infinity, false, true),
};

export function activationRange(name: string): Interval | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIVATION_RANGES, name) ? ACTIVATION_RANGES[name] : undefined;
}

/** What a loss accepts: the labels' values and encoding, and the predictions'. */
export interface LossDomain {
  /** Every label must lie here for the loss to mean anything. */
  readonly labels: Interval;
  /** Labels are class indices (whole numbers below the number of output units). */
  readonly classIndices?: boolean;
  /** Labels are one-hot rows or distributions over the output units. */
  readonly distributions?: boolean;
  /** Predictions must lie here; tfjs clips them into it for the cross-entropies. */
  readonly predictions: Interval;
}

const PROBABILITY = closed(0, 1);

/** Loss names `compile` accepts, with their domains (tfjs-layers losses.ts). */
export const LOSS_DOMAINS: Readonly<Record<string, LossDomain>> = {
  binaryCrossentropy: { labels: PROBABILITY, predictions: PROBABILITY },
  categoricalCrossentropy: { labels: PROBABILITY, distributions: true, predictions: PROBABILITY },
  sparseCategoricalCrossentropy: { labels: interval(0, Infinity, false, true), classIndices: true, predictions: PROBABILITY },
  kullbackLeiblerDivergence: { labels: PROBABILITY, distributions: true, predictions: PROBABILITY },
  poisson: { labels: interval(0, Infinity, false, true), predictions: interval(0, Infinity, false, true) },
  meanSquaredLogarithmicError: { labels: interval(-1, Infinity, true, true), predictions: interval(-1, Infinity, true, true) },
};

export function lossDomain(name: string): LossDomain | undefined {
  return Object.prototype.hasOwnProperty.call(LOSS_DOMAINS, name) ? LOSS_DOMAINS[name] : undefined;
}

/** Losses that square the error: large targets make large gradients. */
export const SQUARED_ERROR_LOSSES: ReadonlySet<string> = new Set(['meanSquaredError', 'losses.meanSquaredError', 'meanSquaredLogarithmicError']);
