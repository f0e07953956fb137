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
