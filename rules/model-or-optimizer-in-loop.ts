import { defineRule } from './core/rule';

type MessageId = 'optimizerInLoop' | 'minimizedHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'model-or-optimizer-in-loop',
    category: 'training-loop',
    severity: 'warning',
    description: 'An optimizer created anew in every step of a training loop',
    messages: {
      optimizerInLoop:
        'This optimizer is created inside the training loop. Every step starts a fresh one: Adam, RMSProp and momentum lose the running averages they rely on, and each step behaves like the first. Create the optimizer once, before the loop.',
      minimizedHere: 'it is used for a training step here',
    },
    fix: 'none',
  },
  check(context) {
    for (const event of context.graph.events) {
      if (event.kind !== 'minimize' || !event.optimizer.inLoop) continue;
      // Plain SGD has no state to lose.
      if (event.optimizer.path === 'train.sgd') continue;
      context.report({ messageId: 'optimizerInLoop', span: event.optimizer.span, related: [{ span: event.span, message: rule.meta.messages.minimizedHere }] });
    }
  },
});

export default rule;
