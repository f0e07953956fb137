import { defineRule } from './core/rule';

type MessageId = 'asyncTidy';

const rule = defineRule<MessageId>({
  meta: {
    id: 'async-in-tidy',
    category: 'tfjs-api',
    severity: 'warning',
    description: 'tf.tidy given an async function',
    messages: {
      asyncTidy:
        'tf.tidy cannot wait for a promise, so the tensors of this async function leak. It ends as soon as the async function reaches its first await, and every tensor made after that escapes it and is never freed (tfjs logs "Cannot return a Promise inside of tidy"). On long training runs the leak exhausts GPU memory. Keep tidy bodies synchronous and dispose tensors of async code yourself.',
    },
    fix: 'none',
  },
  check(context) {
    for (const event of context.graph.events.filter((event) => event.kind === 'asyncTidy')) {
      context.report({ messageId: 'asyncTidy', span: event.span });
    }
  },
});

export default rule;
