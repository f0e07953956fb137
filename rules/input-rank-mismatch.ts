import { defineRule } from './core/rule';
import { formatShape, modelShapes } from './core/shapes';

type MessageId = 'wrongRank';

const rule = defineRule<MessageId>({
  meta: {
    id: 'input-rank-mismatch',
    category: 'architecture',
    severity: 'error',
    description: 'A layer that receives input with the wrong number of dimensions',
    messages: {
      wrongRank:
        'This {{factory}} layer gets samples of the wrong rank. It expects {{expected}}, but receives samples of shape {{input}}: tfjs throws "Input 0 is incompatible with layer" when the model is built. Check the inputShape (an image needs [height, width, channels], a sequence [steps, features]) or add a reshape before this layer.',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const problem of modelShapes(context.graph, model).problems) {
        if (problem.kind !== 'rank') continue;
        context.report({ messageId: 'wrongRank', data: { factory: problem.layer.factory, expected: problem.expected, input: formatShape(problem.input) }, span: problem.span });
      }
    }
  },
});

export default rule;
