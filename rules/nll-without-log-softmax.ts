import { asReceiver, spanText } from './core/edits';
import { defineRule, type FixProposal, type TextEdit } from './core/rule';
import type { Span } from './core/span';
import { SUM_REDUCTIONS } from './core/tfjs';
import { constantNumber, isLabels, tensorMeaning } from './core/tensors';
import type { TensorValue, Value } from './core/values';

type MessageId = 'nllOnProbabilities' | 'nllOnLogits' | 'logOfSoftmax' | 'applyLogSoftmax' | 'takeLog' | 'useLogSoftmax' | 'computedHere';

/** A tensor expression `-reduce(labels * x)`, in any of the ways tfjs code writes it. */
interface NllShape {
  readonly product: TensorValue;
}

/**
 * Peels negations and sum/mean reductions off a tensor. An odd number of negations and at least one
 * reduction around a product is the shape of a negative log-likelihood.
 */
function nllShape(top: TensorValue): NllShape | undefined {
  let current: Value | undefined = top;
  let negations = 0;
  let reductions = 0;
  while (current?.kind === 'tensor') {
    const op: string = current.op;
    const args: readonly Value[] = current.args;
    if (SUM_REDUCTIONS.has(op)) {
      reductions++;
      current = args[0];
    } else if (op === 'neg') {
      negations++;
      current = args[0];
    } else if (op === 'mul' && args.length === 2 && isNegativeConstant(args[0]) !== isNegativeConstant(args[1])) {
      negations++;
      current = isNegativeConstant(args[0]) ? args[1] : args[0];
    } else if (op === 'sub' && args.length === 2 && constantNumber(args[0]) === 0) {
      negations++;
      current = args[1];
    } else {
      break;
    }
  }
  if (current?.kind !== 'tensor' || current.op !== 'mul' || current.args.length !== 2) return undefined;
  if (negations % 2 !== 1 || reductions === 0) return undefined;
  return { product: current };
}

function isNegativeConstant(value: Value | undefined): boolean {
  const number = constantNumber(value);
  return number !== undefined && number < 0;
}

function isMethodCall(call: TensorValue): boolean {
  return call.argSpans[0] !== undefined && call.argSpans[0].start === call.span.start;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'nll-without-log-softmax',
    category: 'loss-and-output',
    severity: 'error',
    description: 'A hand-written negative log-likelihood over values that are not log-probabilities',
    messages: {
      nllOnProbabilities:
        'This negative log-likelihood lacks a log. It multiplies the labels by probabilities ({{what}}) without taking their logarithm. It is not cross-entropy: the loss is bounded and its gradient barely rewards the right class. Take the log of the probabilities, or use tf.losses.softmaxCrossEntropy on the logits.',
      nllOnLogits:
        'This negative log-likelihood lacks logSoftmax. It multiplies the labels by raw logits ({{what}}) that never pass through it. The loss falls without bound as the logits grow, so training diverges instead of learning. Apply logSoftmax first, or use tf.losses.softmaxCrossEntropy(labels, logits).',
      logOfSoftmax:
        'log(softmax(z)) can turn the loss into NaN. It underflows to log(0) = -Infinity when one logit is far below another, which turns the loss and its gradients into NaN. logSoftmax(z) computes the same values stably.',
      applyLogSoftmax: 'Apply logSoftmax to the logits',
      takeLog: 'Take the logarithm of the (clipped) probabilities',
      useLogSoftmax: 'Use logSoftmax instead of log(softmax(...))',
      computedHere: 'these values are computed here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      if (tensor.op === 'log') {
        const inner = tensor.args[0];
        if (inner?.kind === 'tensor' && inner.op === 'softmax') {
          const edit = logSoftmaxEdit(context.text(tensor.span.file), tensor, inner);
          context.report({ messageId: 'logOfSoftmax', span: tensor.span, ...(edit ? { fix: { messageId: 'useLogSoftmax', edits: [edit] } } : {}) });
        }
        continue;
      }
      const shape = nllShape(tensor);
      if (!shape) continue;
      const { product } = shape;
      const [left, right] = product.args;
      const labelsFirst = isLabels(left);
      const labelsSecond = isLabels(right);
      if (labelsFirst === labelsSecond) continue;
      const index = labelsFirst ? 1 : 0;
      const meaning = tensorMeaning(product.args[index]);
      if (meaning.kind !== 'prob' && meaning.kind !== 'logits') continue;
      const operandSpan = product.argSpans[index];
      const text = context.text(product.span.file);
      const suggestions: FixProposal<MessageId>[] = [];
      if (operandSpan) {
        const operand = asReceiver(spanText(text, operandSpan));
        const replacement = meaning.kind === 'logits' ? `${operand}.logSoftmax()` : `${operand}.clipByValue(1e-7, 1).log()`;
        suggestions.push({ messageId: meaning.kind === 'logits' ? 'applyLogSoftmax' : 'takeLog', edits: [{ span: operandSpan, text: replacement }] });
      }
      context.report({
        messageId: meaning.kind === 'logits' ? 'nllOnLogits' : 'nllOnProbabilities',
        data: { what: meaning.what },
        span: product.span,
        related: [{ span: meaning.span, message: rule.meta.messages.computedHere }],
        suggestions,
      });
    }
  },
});

export default rule;

/** The edit that turns `log(softmax(z))` (in function or method form) into `logSoftmax(z)`. */
function logSoftmaxEdit(text: string, log: TensorValue, softmax: TensorValue): TextEdit | undefined {
  const [input, ...rest] = softmax.argSpans;
  if (!input) return undefined;
  const extra = rest.filter((span): span is Span => span !== undefined).map((span) => spanText(text, span));
  const z = spanText(text, input);
  if (isMethodCall(log)) return { span: log.span, text: `${asReceiver(z)}.logSoftmax(${extra.join(', ')})` };
  // Function form: keep the namespace the code calls log through (`tf.log` -> `tf.logSoftmax`).
  const callee = /^([\w$.]*?)log\s*\(/.exec(spanText(text, log.span))?.[1];
  if (!callee) return undefined;
  return { span: log.span, text: `${callee}logSoftmax(${[z, ...extra].join(', ')})` };
}
