import { defineRule } from './core/rule';
import { formatShape, modelShapes } from './core/shapes';

type MessageId = 'sizeMismatch';

const rule = defineRule<MessageId>({
  meta: {
    id: 'invalid-reshape',
    category: 'architecture',
    severity: 'error',
    description: 'A reshape layer whose target shape holds a different number of values than its input',
    messages: {
      sizeMismatch:
        'This reshape cannot work: {{target}} does not hold {{count}} values. It turns an input of shape {{input}} ({{count}} values per sample) into {{target}}, which cannot hold the same number of values: tfjs throws when the model is built. The target shape must contain exactly {{count}} values (use -1 for one dimension to let tfjs compute it).',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const problem of modelShapes(context.graph, model).problems) {
        if (problem.kind !== 'reshape') continue;
        const count = problem.input.reduce<number>((total, dim) => total * (dim ?? 1), 1);
        context.report({ messageId: 'sizeMismatch', data: { input: formatShape(problem.input), target: formatShape(problem.target), count }, span: problem.span });
      }
    }
  },
});

export default rule;
