import { spanText } from './edits';
import type { TextEdit } from './rule';
import type { Span } from './span';
import { spanKey } from './span';
import { tensorMeaning } from './tensors';
import type { TensorValue } from './values';

export interface ProbabilitiesGiven {
  /** The logits argument as written. */
  readonly span: Span;
  /** What it holds, for the message. */
  readonly what: string;
  /** Where the probabilities are computed. */
  readonly source: Span;
  /** Passing the logits, when the argument is written as `activation(z)` right there. */
  readonly edit?: TextEdit;
}

/**
 * Finds calls of a tf.losses function that takes logits (`loss`) given probabilities instead, and the
 * edit that unwraps `activation(z)` written in the call.
 */
export function crossEntropyOnProbabilities(
  context: { readonly graph: { readonly tensors: readonly TensorValue[] }; text(file: string): string },
  loss: string,
  activation: 'softmax' | 'sigmoid',
  report: (finding: ProbabilitiesGiven) => void,
): void {
  const seen = new Set<string>();
  for (const tensor of context.graph.tensors) {
    if (tensor.op !== loss) continue;
    const logits = tensor.args[1];
    const span = tensor.argSpans[1];
    const meaning = tensorMeaning(logits);
    if (meaning.kind !== 'prob' || !span || seen.has(spanKey(span))) continue;
    seen.add(spanKey(span));
    let edit: TextEdit | undefined;
    if (logits?.kind === 'tensor' && logits.op === activation && logits.span.start === span.start && logits.span.end === span.end) {
      const inner = logits.argSpans[0];
      if (inner) edit = { span, text: spanText(context.text(span.file), inner) };
    }
    report({ span, what: meaning.what, source: meaning.span, ...(edit ? { edit } : {}) });
  }
}
