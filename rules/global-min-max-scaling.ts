import { factsOf, formatNumber } from './core/facts';
import { defineRule } from './core/rule';
import type { TensorValue, Value } from './core/values';

type MessageId = 'globalRange';

/** Columns whose ranges differ by more than this factor end up on very different scales. */
const SPREAD = 100;

/** `x.min()` or `x.max()` over every value (no axis), of `data`. */
function wholeStatistic(value: Value | undefined, op: 'min' | 'max', data: Value): boolean {
  return value?.kind === 'tensor' && value.op === op && value.args[0] === data && (value.args[1] === undefined || (value.args[1].kind === 'primitive' && value.args[1].value === null));
}

/** The data of `(x - x.min()) / (x.max() - x.min())`, when `tensor` is that, with minimum and maximum over the whole of x. */
function globallyScaled(tensor: TensorValue): Value | undefined {
  const [numerator, denominator] = tensor.args;
  if (tensor.op !== 'div' || numerator?.kind !== 'tensor' || denominator?.kind !== 'tensor' || numerator.op !== 'sub' || denominator.op !== 'sub') return undefined;
  const data = numerator.args[0];
  if (!data || !wholeStatistic(numerator.args[1], 'min', data) || !wholeStatistic(denominator.args[0], 'max', data) || !wholeStatistic(denominator.args[1], 'min', data)) return undefined;
  return data;
}

/** The range of each column of a matrix whose values are known. */
function columnRanges(values: readonly number[], rows: number, columns: number): number[] {
  return Array.from({ length: columns }, (_, column) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let row = 0; row < rows; row++) {
      const value = values[row * columns + column]!;
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    }
    return hi - lo;
  });
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'global-min-max-scaling',
    category: 'data',
    severity: 'warning',
    description: 'Min-max scaling of features with one minimum and maximum for the whole matrix',
    messages: {
      globalRange:
        "These features are scaled with one range for all their columns. One minimum and maximum is used for the whole matrix, but the columns span very different ranges (from {{smallest}} to {{largest}}): the widest column ends up in [0, 1] and the narrowest squeezed into a sliver of it, as if it were almost constant. The model then barely sees it and training is slow. Scale each column by its own range: x.min(0) and x.max(0).",
    },
    fix: 'none',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      const data = globallyScaled(tensor);
      const facts = factsOf(data);
      const shape = facts?.shape;
      if (!facts?.values || shape?.length !== 2 || shape[0] === undefined || shape[1] === undefined || shape[1] < 2) continue;
      const ranges = columnRanges(facts.values, shape[0], shape[1]).filter((range) => range > 0);
      if (ranges.length < 2) continue;
      const smallest = Math.min(...ranges);
      const largest = Math.max(...ranges);
      if (largest < SPREAD * smallest) continue;
      context.report({ messageId: 'globalRange', data: { smallest: formatNumber(smallest), largest: formatNumber(largest) }, span: tensor.span });
    }
  },
});

export default rule;
