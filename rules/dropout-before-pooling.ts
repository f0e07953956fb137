import { layersFollowedBy } from './core/model';
import { defineRule } from './core/rule';

type MessageId = 'order' | 'poolingHere';

const DROPOUTS = new Set(['dropout', 'spatialDropout1d']);
/** Max pooling only: an average of scaled dropout outputs keeps its expected value, a maximum does not. */
const MAX_POOLING = new Set(['maxPooling1d', 'maxPooling2d', 'maxPooling3d', 'globalMaxPooling1d', 'globalMaxPooling2d']);

const rule = defineRule<MessageId>({
  meta: {
    id: 'dropout-before-pooling',
    category: 'architecture',
    severity: 'info',
    description: 'Dropout directly followed by max pooling',
    messages: {
      order:
        'Dropout right before max pooling loses much of its effect. Max pooling takes the largest of the surviving activations, which dropout has scaled up by 1 / (1 - rate): during training the pooled values run larger than at inference, where nothing is dropped, and much of the regularisation is lost because pooling skips the dropped units. Put dropout after the pooling layer.',
      poolingHere: 'max pooling follows here',
    },
    fix: 'none',
  },
  check(context) {
    for (const { from, to } of layersFollowedBy(context.graph.models, DROPOUTS, MAX_POOLING)) {
      context.report({ messageId: 'order', span: from.span, related: [{ span: to.span, message: rule.meta.messages.poolingHere }] });
    }
  },
});

export default rule;
