import { defineRule } from './core/rule';

type MessageId = 'notCompiled' | 'createdHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'fit-before-compile',
    category: 'training-loop',
    severity: 'error',
    description: 'A model trained before it is compiled',
    messages: {
      notCompiled:
        '{{method}} runs on a model that has not been compiled yet. tfjs throws "You must compile a model before training/testing". Call model.compile({ optimizer, loss }) before training.',
      createdHere: 'the model is created here',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      // A loaded model may carry its training configuration; an escaped one may be compiled elsewhere.
      if (model.kind === 'loaded' || model.escaped) continue;
      for (const fit of model.fits) {
        if (fit.compile || fit.conditional) continue;
        context.report({ messageId: 'notCompiled', data: { method: fit.method }, span: fit.span, related: [{ span: model.span, message: rule.meta.messages.createdHere }] });
      }
    }
  },
});

export default rule;
