import { configEntry } from './core/config';
import { isStringLiteralAt, replaceString } from './core/edits';
import { checkName } from './core/names';
import { defineRule } from './core/rule';
import { INITIALIZER_ALIASES, INITIALIZER_NAMES, INITIALIZER_OPTIONS } from './core/tfjs';

type MessageId = 'unknownInitializer' | 'unknownInitializerWithReplacement' | 'useName';

const rule = defineRule<MessageId>({
  meta: {
    id: 'unknown-initializer',
    category: 'tfjs-api',
    severity: 'error',
    description: 'An initializer name that tfjs layers do not know',
    messages: {
      unknownInitializer: "'{{name}}' is not an initializer tfjs knows, so building the layer throws \"Unknown initializer\".",
      unknownInitializerWithReplacement:
        "'{{name}}' is not an initializer tfjs knows, so building the layer throws \"Unknown initializer\". tfjs calls it '{{replacement}}'.",
      useName: "Use '{{replacement}}'",
    },
    fix: 'safe',
  },
  check(context) {
    for (const layer of context.graph.layers) {
      for (const key of INITIALIZER_OPTIONS) {
        const entry = configEntry(layer.config, key);
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'string') continue;
        const span = entry.property.valueSpan ?? entry.value.span;
        if (!span) continue;
        const name = entry.value.value;
        const check = checkName(name, INITIALIZER_NAMES, INITIALIZER_ALIASES);
        if (check.valid) continue;
        const text = context.text(span.file);
        const replacement = check.replacement;
        context.report({
          messageId: replacement ? 'unknownInitializerWithReplacement' : 'unknownInitializer',
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
