import { configEntry, configObject } from './core/config';
import { insertProperty } from './core/edits';
import { layerEdges } from './core/model';
import { defineRule } from './core/rule';
import { containsSpan } from './core/span';
import { layerFacts } from './core/tfjs';

type MessageId = 'uselessBias' | 'dropBias' | 'normalizationHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'bias-before-batchnorm',
    category: 'architecture',
    severity: 'info',
    description: 'A layer with a bias directly followed by batch normalization',
    messages: {
      uselessBias:
        'The bias of this {{factory}} layer is trained for nothing. Batch normalization right after it subtracts the mean of each unit, which cancels the bias, and then adds its own learned offset. Set useBias: false on this layer.',
      dropBias: 'Drop the bias (useBias: false)',
      normalizationHere: 'batch normalization follows here',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const { from, to } of layerEdges(model)) {
        const facts = layerFacts(from.factory);
        if (to.factory !== 'batchNormalization' || facts?.role !== 'learnable' || !facts.hasBias || facts.defaultActivation !== 'linear') continue;
        const useBias = configEntry(from.config, 'useBias');
        const activation = configEntry(from.config, 'activation');
        // A non-linear activation between the two makes the bias matter again.
        const linear = activation.state === 'absent' || (activation.state === 'present' && activation.value.kind === 'primitive' && activation.value.value === 'linear');
        if (useBias.state !== 'absent' || !linear) continue;
        const object = configObject(from.config);
        const edit = object?.span && containsSpan(from.span, object.span) ? insertProperty(context.text(object.span.file), object.span, 'useBias', 'false') : undefined;
        context.report({
          messageId: 'uselessBias',
          data: { factory: from.factory },
          span: from.span,
          related: [{ span: to.span, message: rule.meta.messages.normalizationHere }],
          suggestions: edit ? [{ messageId: 'dropBias', edits: [edit] }] : [],
        });
      }
    }
  },
});

export default rule;
