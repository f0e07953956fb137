import { classIndexLabels, oneHotLabels } from './core/data';
import { setLossEdit } from './core/fixes';
import { lossForOutput } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'oneHotWithSparse' | 'integersWithCategorical' | 'useCategorical' | 'useSparse' | 'labelsHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'label-encoding-mismatch',
    category: 'data',
    severity: 'error',
    description: 'Labels encoded differently from what the loss expects',
    messages: {
      oneHotWithSparse:
        'The labels are one-hot, but sparseCategoricalCrossentropy expects class indices. It expects one class index per sample: the shapes do not match and training fails or learns nonsense. Use categoricalCrossentropy with one-hot labels.',
      integersWithCategorical:
        'The labels are class indices, but categoricalCrossentropy expects one-hot labels. Each sample needs one row of 0s and a 1. Use sparseCategoricalCrossentropy with class indices, or one-hot encode them with tf.oneHot.',
      useCategorical: "Use 'categoricalCrossentropy'",
      useSparse: "Use 'sparseCategoricalCrossentropy'",
      labelsHere: 'the labels are made here',
    },
    fix: 'safe',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        const labels = fit.y;
        if (!labels || !fit.compile) continue;
        const loss = lossForOutput(fit.compile, 0, undefined);
        if (!loss.known || loss.form !== 'string' || !loss.span) continue;
        const related = labels.kind === 'tensor' ? [{ span: labels.span, message: rule.meta.messages.labelsHere }] : [];
        if (loss.name === 'sparseCategoricalCrossentropy' && oneHotLabels(labels)) {
          const edit = setLossEdit(context.text, loss, 'categoricalCrossentropy');
          context.report({ messageId: 'oneHotWithSparse', span: loss.span, related, ...(edit ? { fix: { messageId: 'useCategorical' as const, edits: [edit] } } : {}) });
        } else if (loss.name === 'categoricalCrossentropy' && classIndexLabels(labels)) {
          const edit = setLossEdit(context.text, loss, 'sparseCategoricalCrossentropy');
          context.report({ messageId: 'integersWithCategorical', span: loss.span, related, ...(edit ? { fix: { messageId: 'useSparse' as const, edits: [edit] } } : {}) });
        }
      }
    }
  },
});

export default rule;
