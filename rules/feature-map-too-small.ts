import { defineRule } from './core/rule';
import { formatShape, modelShapes } from './core/shapes';

type MessageId = 'tooSmall';

const rule = defineRule<MessageId>({
  meta: {
    id: 'feature-map-too-small',
    category: 'architecture',
    severity: 'error',
    description: 'A convolution or pooling window larger than the feature map it slides over',
    messages: {
      tooSmall:
        "The window of this {{factory}} layer ({{window}}) is larger than its input. It receives a feature map of shape {{input}}, and the window does not fit in a side of {{size}} with 'valid' padding: the output would have no positions, so tfjs throws a negative-dimension error when the model is built. Use padding: 'same', a smaller window, or fewer downsampling layers before it.",
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const problem of modelShapes(context.graph, model).problems) {
        if (problem.kind !== 'tooSmall') continue;
        context.report({ messageId: 'tooSmall', data: { factory: problem.layer.factory, input: formatShape(problem.input), window: problem.window, size: problem.size }, span: problem.span });
      }
    }
  },
});

export default rule;
