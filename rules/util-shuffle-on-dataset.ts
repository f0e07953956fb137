import { defineRule } from './core/rule';
import type { GraphEvent } from './core/graph';

type MessageId = 'noEffect';

const rule = defineRule<MessageId>({
  meta: {
    id: 'util-shuffle-on-dataset',
    category: 'data',
    severity: 'warning',
    description: 'tf.util.shuffle given a tf.data dataset, which it leaves in order',
    messages: {
      noEffect:
        'tf.util.shuffle does not shuffle a tf.data dataset. It shuffles an array in place, and a dataset is not one: it has no length, so nothing is shuffled and the samples stay in their order (often sorted by class), which biases each batch and the validation split. Use the dataset\'s own shuffle: dataset.shuffle(bufferSize) returns a shuffled dataset.',
    },
    fix: 'none',
  },
  check(context) {
    const calls = context.graph.events.filter((event): event is Extract<GraphEvent, { kind: 'utilShuffle' }> => event.kind === 'utilShuffle');
    for (const event of calls) context.report({ messageId: 'noEffect', span: event.span });
  },
});

export default rule;
