import { configEntry } from './core/config';
import { isStringLiteralAt, replaceString } from './core/edits';
import { checkName } from './core/names';
import { defineRule } from './core/rule';
import { ACTIVATIONS, ACTIVATION_ALIASES } from './core/tfjs';

type MessageId = 'unknownActivation' | 'unknownActivationWithReplacement' | 'leakyRelu' | 'useName';

const ACTIVATION_OPTIONS = ['activation', 'recurrentActivation'];

const rule = defineRule<MessageId>({
  meta: {
    id: 'unknown-activation',
    category: 'tfjs-api',
    severity: 'error',
    description: 'An activation name that tfjs layers do not know',
    messages: {
      unknownActivation: "'{{name}}' is not an activation tfjs knows, so creating the layer throws \"Unknown activation\".",
      unknownActivationWithReplacement: "'{{name}}' is not an activation tfjs knows, so creating the layer throws \"Unknown activation\". tfjs calls it '{{replacement}}'.",
      leakyRelu: "'{{name}}' is not an activation string in tfjs, so creating the layer throws. Leaky ReLU is a layer: add tf.layers.leakyReLU() after this one, without an activation here.",
      useName: "Use '{{replacement}}'",
    },
    fix: 'safe',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      for (const key of ACTIVATION_OPTIONS) {
        const entry = configEntry(layer.config, key);
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'string') continue;
        const span = entry.property.valueSpan ?? entry.value.span;
        if (!span) continue;
        const name = entry.value.value;
        const check = checkName(name, ACTIVATIONS, ACTIVATION_ALIASES);
        if (check.valid) continue;
        const text = context.text(span.file);
        if (/^leaky[_\s-]?relu$/i.test(name)) {
          context.report({ messageId: 'leakyRelu', data: { name }, span });
          continue;
        }
        const replacement = check.replacement;
        context.report({
          messageId: replacement ? 'unknownActivationWithReplacement' : 'unknownActivation',
          data: { name, ...(replacement ? { replacement } : {}) },
          span,
          ...(replacement && isStringLiteralAt(text, span)
            ? { fix: { messageId: 'useName' as const, data: { replacement }, edits: [replaceString(text, span, replacement)] } }
            : {}),
        });
      }
    }
  },
});

export default rule;
