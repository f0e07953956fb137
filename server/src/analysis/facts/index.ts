/**
 * The tensor facts of the analysis: computed once, when the evaluator makes a tensor, from how it was
 * made and the facts of its operands (see rules/core/facts.ts for what they say).
 */
import type { TensorFacts } from '../../../../rules/core/facts';
import { unknownFacts } from './build';
import { constantColumns } from './columns';
import { sourceFacts, type TensorDraft } from './sources';
import { operationFacts } from './transfer';

export type { TensorDraft } from './sources';

export function tensorFacts(draft: TensorDraft): TensorFacts {
  try {
    const facts = sourceFacts(draft) ?? operationFacts(draft) ?? unknownFacts(draft.span);
    const columns = constantColumns(draft, facts);
    return columns ? { ...facts, constantColumns: columns } : facts;
  } catch (error) {
    // Facts are an aid to precision: operands the transfer functions did not expect leave the
    // tensor's facts unknown rather than stopping the analysis.
    if (error instanceof RangeError) throw error;
    return unknownFacts(draft.span);
  }
}
