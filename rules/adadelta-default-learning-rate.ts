import { spanText } from './core/edits';
import { defineRule } from './core/rule';

type MessageId = 'defaultRate' | 'useOne';

const rule = defineRule<MessageId>({
  meta: {
    id: 'adadelta-default-learning-rate',
    category: 'optimizer',
    severity: 'warning',
    description: 'tf.train.adadelta() without a learning rate, which defaults to 0.001',
    messages: {
      defaultRate:
        "tf.train.adadelta() without arguments has a learning rate a thousand times too small. It is then 0.001, not the 1.0 Adadelta is designed for (and that compile's 'adadelta' string uses): training will barely move. Pass 1.0.",
      useOne: 'Use a learning rate of 1.0',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const optimizer of context.graph.optimizers) {
      if (optimizer.path !== 'train.adadelta' || optimizer.args.length > 0) continue;
      const call = spanText(context.text(optimizer.span.file), optimizer.span);
      const open = call.lastIndexOf('(');
      const edit = /\(\s*\)$/.test(call) ? { span: { file: optimizer.span.file, start: optimizer.span.start + open, end: optimizer.span.end }, text: '(1.0)' } : undefined;
      context.report({ messageId: 'defaultRate', span: optimizer.span, suggestions: edit ? [{ messageId: 'useOne', edits: [edit] }] : [] });
    }
  },
});

export default rule;
