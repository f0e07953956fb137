import { configEntry, configObject } from './core/config';
import { insertProperty, isStringLiteralAt, replaceString } from './core/edits';
import { defineRule, type TextEdit } from './core/rule';
import { containsSpan, type Span } from './core/span';
import type { Value } from './core/values';

type MessageId = 'reluWithLeCun' | 'saturatingWithHe' | 'seluWithoutLeCun' | 'useInitializer';

/** Layers whose `kernelInitializer` feeds the layer's own `activation`. */
const KERNEL_LAYERS = new Set(['dense', 'conv1d', 'conv2d', 'conv3d', 'conv2dTranspose']);
const RELU_FAMILY = new Set(['relu', 'relu6', 'elu']);
const SATURATING = new Set(['tanh', 'sigmoid', 'hardSigmoid', 'softsign']);
/** What each mismatched initializer should become, keeping its distribution. */
const FOR_RELU: Readonly<Record<string, string>> = { leCunNormal: 'heNormal', leCunUniform: 'heUniform' };
const FOR_SATURATING: Readonly<Record<string, string>> = { heNormal: 'glorotNormal', heUniform: 'glorotUniform' };

/** The initializer's tfjs name, from a string or a `tf.initializers.*()` call. */
function initializerName(value: Value): string | undefined {
  if (value.kind === 'primitive' && typeof value.value === 'string') return value.value.charAt(0).toLowerCase() + value.value.slice(1);
  if (value.kind === 'tfObject' && value.path.startsWith('initializers.')) return value.path.slice('initializers.'.length);
  return undefined;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'init-activation-mismatch',
    category: 'architecture',
    severity: 'info',
    description: 'A kernel initializer scaled for a different activation',
    messages: {
      reluWithLeCun:
        "{{initializer}} does not suit {{activation}}, and the signal fades. It scales weights for activations that keep the whole signal, but {{activation}} zeroes about half of it: each such layer halves the variance of what passes through, and in a deep stack the signal and gradients fade. Use {{better}}, which is scaled for ReLU-like activations.",
      saturatingWithHe:
        '{{initializer}} does not suit {{activation}}, and units start saturated. It doubles the weight variance to make up for ReLU dropping half the signal, but {{activation}} drops nothing: the pre-activations start twice as spread out, many units begin saturated, and their gradients are small. Use {{better}}, which suits {{activation}}.',
      seluWithoutLeCun:
        "selu needs the leCunNormal initializer, not {{initializer}}. It keeps activations normalised on its own only when the weights start as leCunNormal (variance 1 / inputs); with {{initializer}} that property is lost and deep stacks drift. Set kernelInitializer: 'leCunNormal'.",
      useInitializer: "Use '{{better}}'",
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      if (!KERNEL_LAYERS.has(layer.factory)) continue;
      const activationEntry = configEntry(layer.config, 'activation');
      if (activationEntry.state !== 'present' || activationEntry.value.kind !== 'primitive' || typeof activationEntry.value.value !== 'string') continue;
      const activation = activationEntry.value.value;
      const initializerEntry = configEntry(layer.config, 'kernelInitializer');
      if (initializerEntry.state === 'unknown') continue;
      const written = initializerEntry.state === 'present' ? (initializerEntry.property.valueSpan ?? initializerEntry.value.span) : undefined;
      const name = initializerEntry.state === 'present' ? initializerName(initializerEntry.value) : 'glorotUniform';
      if (!name) continue;

      let messageId: MessageId | undefined;
      let better: string | undefined;
      if (RELU_FAMILY.has(activation) && FOR_RELU[name]) [messageId, better] = ['reluWithLeCun', FOR_RELU[name]];
      else if (SATURATING.has(activation) && FOR_SATURATING[name]) [messageId, better] = ['saturatingWithHe', FOR_SATURATING[name]];
      else if (activation === 'selu' && name !== 'leCunNormal') [messageId, better] = ['seluWithoutLeCun', 'leCunNormal'];
      if (!messageId || !better) continue;

      // The finding sits on the initializer when it is written, else on the activation that asks for another one.
      const span: Span | undefined = written ?? activationEntry.property.valueSpan ?? activationEntry.value.span;
      if (!span) continue;
      let edit: TextEdit | undefined;
      const text = context.text(span.file);
      if (written) {
        if (isStringLiteralAt(text, written)) edit = replaceString(text, written, better);
      } else {
        const object = configObject(layer.config);
        if (object?.span && containsSpan(layer.span, object.span)) edit = insertProperty(text, object.span, 'kernelInitializer', `'${better}'`);
      }
      context.report({
        messageId,
        data: { initializer: initializerEntry.state === 'present' ? name : 'the default glorotUniform', activation, better },
        span,
        suggestions: edit ? [{ messageId: 'useInitializer', data: { better }, edits: [edit] }] : [],
      });
    }
  },
});

export default rule;
