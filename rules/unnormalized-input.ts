import { isRawPixels } from './core/data';
import { factsOf, finiteMagnitude, type TensorFacts } from './core/facts';
import type { ModelNode } from './core/graph';
import { defineRule } from './core/rule';
import { type Span } from './core/span';
import type { Value } from './core/values';

type MessageId = 'rawPixels' | 'largeValues' | 'usedHere';

/** Inputs whose values go beyond this are unscaled. */
const LARGE = 100;

/** The facts of each input tensor (a model with several inputs gets an array of them). */
function inputFacts(value: Value | undefined): TensorFacts[] {
  if (value?.kind === 'array') return value.elements.flatMap((element) => inputFacts(element));
  const facts = factsOf(value);
  return facts ? [facts] : [];
}

/** A model that scales its input itself (a rescaling layer first) or looks values up (an embedding). */
function handlesRawInput(model: ModelNode): boolean {
  const first = model.slots[0]?.layer;
  return model.kind !== 'sequential' || !first || first.factory === 'rescaling' || first.factory === 'embedding' || first.factory === 'categoryEncoding';
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'unnormalized-input',
    category: 'data',
    severity: 'warning',
    description: 'Raw pixels or large unscaled values fed to a model',
    messages: {
      rawPixels:
        'These pixels reach the model as integers from 0 to 255. Inputs that large saturate the first layer and make the gradients enormous, so training is unstable or stalls. Scale them to [0, 1] (divide by 255) here and wherever the model predicts.',
      largeValues:
        'These inputs go up to {{max}}. Features that large dominate the first layer and make the gradients enormous; scale them (for example to zero mean and unit variance) before training and prediction.',
      usedHere: 'the model is trained or run on them here',
    },
    fix: 'none',
  },
  check(context) {
    const check = (model: ModelNode, input: Value | undefined, site: { span: Span }): void => {
      if (handlesRawInput(model)) return;
      for (const facts of inputFacts(input)) {
        const max = finiteMagnitude(facts.range);
        if (max === undefined || max <= LARGE) continue;
        context.report({
          messageId: isRawPixels(facts) ? 'rawPixels' : 'largeValues',
          data: { max },
          span: facts.origin,
          related: [{ span: site.span, message: rule.meta.messages.usedHere }],
        });
      }
    };
    for (const model of context.graph.models) for (const fit of model.fits) check(model, fit.x, fit);
    for (const tensor of context.graph.tensors) if (tensor.op === 'predict' && tensor.model) check(tensor.model, tensor.args[0], tensor);
  },
});

export default rule;
