import { configEntry, configObject } from './core/config';
import { insertProperty, spanText } from './core/edits';
import type { FitNode } from './core/graph';
import { defineRule, type TextEdit } from './core/rule';
import { factsOf } from './core/facts';
import { containsSpan, spanKey } from './core/span';
import type { Value } from './core/values';

type MessageId = 'oneEpoch' | 'addEpochs';

const rule = defineRule<MessageId>({
  meta: {
    id: 'too-few-epochs',
    category: 'training-loop',
    severity: 'warning',
    description: 'A fit call without epochs, which trains for a single epoch',
    messages: {
      oneEpoch:
        "{{method}} without 'epochs' trains for one epoch only. That is tfjs's default: a single pass over the data rarely gets a model anywhere. Set the number of epochs (and watch the validation loss to know when to stop).",
      addEpochs: 'Train for 10 epochs',
    },
    fix: 'suggestion',
  },
  check(context) {
    const fits = context.graph.models.flatMap((model) => model.fits);
    const count = new Map<string, number>();
    for (const fit of fits) count.set(spanKey(fit.span), (count.get(spanKey(fit.span)) ?? 0) + 1);
    for (const fit of fits) {
      // A fit called again and again (a loop of one-epoch fits) is trained by its caller.
      if (fit.method === 'trainOnBatch' || fit.repeated || (count.get(spanKey(fit.span)) ?? 0) > 1) continue;
      // One sample is one online update (a reinforcement-learning step on one transition): the code
      // that calls it repeats it, and more epochs would only fit that one sample harder.
      if (fit.method === 'fit' && samplesIn(fit.x) === 1) continue;
      if (configEntry(fit.config, 'epochs').state !== 'absent') continue;
      const edit = addEpochs(context.text(fit.span.file), fit);
      context.report({ messageId: 'oneEpoch', data: { method: fit.method }, span: fit.span, suggestions: edit ? [{ messageId: 'addEpochs', edits: [edit] }] : [] });
    }
  },
});

export default rule;

/** How many samples fit's inputs hold, when their first dimension is known (the first input's, for several). */
function samplesIn(x: Value): number | undefined {
  const first = x.kind === 'array' ? x.elements[0] : x;
  return factsOf(first)?.shape?.[0];
}

function addEpochs(text: string, fit: FitNode): TextEdit | undefined {
  const object = configObject(fit.config);
  if (object?.span) return containsSpan(fit.span, object.span) ? insertProperty(text, object.span, 'epochs', '10') : undefined;
  // No options argument: add one before the closing parenthesis.
  const call = spanText(text, fit.span);
  if (!call.endsWith(')')) return undefined;
  let end = fit.span.end - 1;
  while (end > fit.span.start && /\s/.test(text[end - 1]!)) end--;
  const trailingComma = text[end - 1] === ',';
  return { span: { file: fit.span.file, start: end, end }, text: `${trailingComma ? ' ' : ', '}{ epochs: 10 }` };
}
