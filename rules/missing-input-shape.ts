import { configEntry } from './core/config';
import { defineRule } from './core/rule';

type MessageId = 'noInputShape';

/** Layers that may start a sequential model without an input shape. */
const SELF_SHAPED = new Set(['embedding', 'inputLayer', 'input']);
const SHAPE_OPTIONS = ['inputShape', 'batchInputShape'];

const rule = defineRule<MessageId>({
  meta: {
    id: 'missing-input-shape',
    category: 'architecture',
    severity: 'error',
    description: 'The first layer of a sequential model without an input shape',
    messages: {
      noInputShape:
        "The first layer of a sequential model needs an inputShape. tfjs throws \"The first layer in a Sequential model must get an `inputShape` or `batchInputShape` argument\" as soon as it is added. Give it inputShape, the shape of one sample (for example [28, 28, 1]).",
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      if (model.kind !== 'sequential') continue;
      const first = model.slots[0];
      const layer = first?.layer;
      if (!first || !layer || first.conditional || first.repeated || SELF_SHAPED.has(layer.factory)) continue;
      if (layer.config.kind !== 'object' || !layer.config.complete) continue;
      // Dense layers alone also accept inputDim.
      const options = layer.factory === 'dense' ? [...SHAPE_OPTIONS, 'inputDim'] : SHAPE_OPTIONS;
      if (options.some((option) => configEntry(layer.config, option).state !== 'absent')) continue;
      context.report({ messageId: 'noInputShape', span: layer.span });
    }
  },
});

export default rule;
