import { activationSpan, outputHeads } from './model';
import type { Span } from './span';
import type { TensorValue, Value } from './values';

/** What a tensor holds, as far as cross-entropy is concerned. */
export type TensorMeaning =
  | { readonly kind: 'logProb' }
  | { readonly kind: 'prob' | 'logits'; readonly what: string; readonly span: Span }
  | { readonly kind: 'unknown' };

const UNKNOWN: TensorMeaning = { kind: 'unknown' };
const LOG_DOMAIN = new Set(['log', 'logSoftmax', 'logSigmoid', 'log1p', 'logSumExp']);

/** Classifies a tensor as log-probabilities, probabilities or logits, from how it was computed. */
export function tensorMeaning(value: Value | undefined): TensorMeaning {
  if (!value || value.kind !== 'tensor') return UNKNOWN;
  if (LOG_DOMAIN.has(value.op)) return { kind: 'logProb' };
  switch (value.op) {
    case 'softmax':
    case 'sigmoid':
      return { kind: 'prob', what: `the result of ${value.op}`, span: value.span };
    case 'matMul':
      return { kind: 'logits', what: 'the result of matMul', span: value.span };
    case 'add':
    case 'sub': {
      const meanings = value.args.map(tensorMeaning);
      if (meanings.some((meaning) => meaning.kind === 'logProb' || meaning.kind === 'prob')) return UNKNOWN;
      const logits = meanings.find((meaning) => meaning.kind === 'logits');
      return logits ?? UNKNOWN;
    }
    case 'clipByValue': {
      const inner = tensorMeaning(value.args[0]);
      return inner.kind === 'prob' ? inner : UNKNOWN;
    }
    case 'predict':
    case 'apply':
      return modelOutputMeaning(value);
  }
  return UNKNOWN;
}

function modelOutputMeaning(value: TensorValue): TensorMeaning {
  const model = value.model;
  if (!model) return UNKNOWN;
  const heads = outputHeads(model);
  const head = heads[0];
  if (heads.length !== 1 || !head || !head.activation.known) return UNKNOWN;
  const name = model.name ?? 'the model';
  const activation = head.activation;
  switch (activation.name) {
    case 'softmax':
    case 'sigmoid':
      return { kind: 'prob', what: `the output of ${name}, which ends in ${activation.name}`, span: activationSpan(activation) };
    case 'linear':
      return { kind: 'logits', what: `the output of ${name}, which has no output activation`, span: activationSpan(activation) };
    case 'logSoftmax':
      return { kind: 'logProb' };
    default:
      return UNKNOWN;
  }
}

const LABEL_NAME = /^(y|ys|yb|ytrue|y_true|ybatch|y_batch|labels?|targets?|onehot\w*|\w*labels?|\w*targets?|\w*onehot)$/i;

/** Whether a value is known, or clearly named, to hold training labels. */
export function isLabels(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'tensor') {
    if (value.role === 'labels' || value.op === 'oneHot') return true;
    return value.name !== undefined && LABEL_NAME.test(value.name);
  }
  return value.kind === 'unknown' && value.name !== undefined && LABEL_NAME.test(value.name);
}

/** A number, or a scalar tensor of a known number. */
export function constantNumber(value: Value | undefined): number | undefined {
  if (!value) return undefined;
  if (value.kind === 'primitive' && typeof value.value === 'number') return value.value;
  if (value.kind === 'tensor' && value.op === 'scalar') return constantNumber(value.args[0]);
  return undefined;
}

/** Element-wise operations: the result has the rank of the largest operand after broadcasting. */
const ELEMENTWISE = new Set([
  'abs', 'add', 'cast', 'clipByValue', 'clone', 'cos', 'div', 'divNoNan', 'elu', 'exp', 'expm1', 'floor', 'leakyRelu', 'log',
  'log1p', 'logSigmoid', 'maximum', 'minimum', 'mod', 'mul', 'neg', 'pow', 'reciprocal', 'relu', 'relu6', 'round', 'rsqrt',
  'selu', 'sigmoid', 'sign', 'sin', 'softplus', 'sqrt', 'square', 'squaredDifference', 'sub', 'tanh', 'toFloat', 'variable',
  'softmax', 'logSoftmax', 'asType', 'toInt', 'step',
]);

/** Reductions that give a scalar when called without an axis. */
const FULL_REDUCTIONS = new Set(['mean', 'sum', 'max', 'min', 'prod', 'norm', 'logSumExp', 'any', 'all']);

const FIXED_RANK: Readonly<Record<string, number>> = {
  scalar: 0, tensor1d: 1, tensor2d: 2, tensor3d: 3, tensor4d: 4, tensor5d: 5, tensor6d: 6, as1D: 1, as2D: 2, as3D: 3, as4D: 4,
};

/** The depth of nested array literals (the rank of `tf.tensor([[1, 2]])`), when every level is known. */
function arrayDepth(value: Value | undefined): number | undefined {
  if (!value) return undefined;
  if (value.kind === 'primitive') return typeof value.value === 'number' || typeof value.value === 'boolean' ? 0 : undefined;
  if (value.kind !== 'array' || !value.complete || value.elements.length === 0) return undefined;
  const inner = arrayDepth(value.elements[0]);
  return inner === undefined ? undefined : inner + 1;
}

/**
 * A rank the tensor is known to have at least; undefined when nothing is certain. Numbers count as
 * rank 0, so `x.sub(1)` keeps `x`'s rank.
 */
export function minimumRank(value: Value | undefined, depth = 0): number | undefined {
  if (!value || depth > 64) return undefined;
  if (value.kind === 'primitive') return typeof value.value === 'number' ? 0 : undefined;
  if (value.kind !== 'tensor') return undefined;
  const fixed = FIXED_RANK[value.op];
  if (fixed !== undefined) return fixed;
  if (value.op === 'tensor') return arrayDepth(value.args[0]);
  // A model computes a batch of outputs; oneHot adds a dimension; matMul needs two.
  if (value.op === 'predict' || value.op === 'apply' || value.op === 'oneHot') return 1;
  if (value.op === 'matMul') return 2;
  if (FULL_REDUCTIONS.has(value.op)) return value.args.length === 1 ? 0 : undefined;
  // tf.losses.* reduce to a scalar unless given weights or a reduction.
  if (value.op.startsWith('losses.')) return value.args.length <= 2 ? 0 : undefined;
  if (!ELEMENTWISE.has(value.op) || value.args.length === 0) return undefined;
  // Broadcasting never lowers a rank, so any operand whose rank is known bounds the result.
  const ranks = value.args.map((arg) => minimumRank(arg, depth + 1)).filter((rank): rank is number => rank !== undefined);
  return ranks.length > 0 ? Math.max(...ranks) : undefined;
}
