import { isStringLiteralAt, replaceString } from './core/edits';
import { compileLossValues } from './core/model';
import { checkName } from './core/names';
import { defineRule } from './core/rule';
import { LOSS_ALIASES, LOSS_NAMES } from './core/tfjs';

type MessageId = 'unknownLoss' | 'unknownLossWithReplacement' | 'useName';

const rule = defineRule<MessageId>({
  meta: {
    id: 'unknown-loss',
    category: 'tfjs-api',
    severity: 'error',
    description: 'A loss name that model.compile does not know',
    messages: {
      unknownLoss: "'{{name}}' is not a loss tfjs knows, so compile throws \"Unknown loss\". Use one of its camelCase names, such as 'meanSquaredError' or 'categoricalCrossentropy', or pass a function.",
      unknownLossWithReplacement: "'{{name}}' is not a loss tfjs knows, so compile throws \"Unknown loss\". tfjs calls it '{{replacement}}'.",
      useName: "Use '{{replacement}}'",
    },
    fix: 'safe',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const compile of model.compiles) {
        for (const { value, span } of compileLossValues(compile)) {
          if (value.kind !== 'primitive' || typeof value.value !== 'string' || !span) continue;
          const check = checkName(value.value, LOSS_NAMES, LOSS_ALIASES);
          if (check.valid) continue;
          const text = context.text(span.file);
          const replacement = check.replacement;
          context.report({
            messageId: replacement ? 'unknownLossWithReplacement' : 'unknownLoss',
            data: { name: value.value, ...(replacement ? { replacement } : {}) },
            span,
            ...(replacement && isStringLiteralAt(text, span)
              ? { fix: { messageId: 'useName' as const, data: { replacement }, edits: [replaceString(text, span, replacement)] } }
              : {}),
          });
        }
      }
    }
  },
});

export default rule;
