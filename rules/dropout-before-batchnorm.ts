import { layersFollowedBy } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'order' | 'normalizationHere';

const DROPOUTS = new Set(['dropout', 'alphaDropout', 'gaussianDropout', 'spatialDropout1d']);
const NORMALIZATION = new Set(['batchNormalization']);

const rule = defineRule<MessageId>({
  meta: {
    id: 'dropout-before-batchnorm',
    category: 'architecture',
    severity: 'info',
    description: 'Dropout directly followed by batch normalization',
    messages: {
      order:
        'Dropout right before batch normalization makes inference worse than training. Batch normalization learns its statistics from dropped-out activations during training, but sees all of them at inference: the shift between the two makes predictions worse than training suggests. Put dropout after the normalization, or drop one of them.',
      normalizationHere: 'batch normalization follows here',
    },
    fix: 'none',
  },
  check(context) {
    for (const { from, to } of layersFollowedBy(context.graph.models, DROPOUTS, NORMALIZATION)) {
      context.report({ messageId: 'order', span: from.span, related: [{ span: to.span, message: rule.meta.messages.normalizationHere }] });
    }
  },
});

export default rule;
