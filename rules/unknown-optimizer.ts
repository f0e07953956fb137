import { configEntry } from './core/config';
import { isStringLiteralAt, replaceString } from './core/edits';
import { checkName } from './core/names';
import { defineRule } from './core/rule';
import { OPTIMIZER_ALIASES, OPTIMIZER_NAMES } from './core/tfjs';

type MessageId = 'unknownOptimizer' | 'unknownOptimizerWithReplacement' | 'noString' | 'useName';

/** Optimizers tfjs has, but only as tf.train factories. */
const FACTORY_ONLY: Readonly<Record<string, string>> = { momentum: 'tf.train.momentum(learningRate, 0.9)' };

const rule = defineRule<MessageId>({
  meta: {
    id: 'unknown-optimizer',
    category: 'tfjs-api',
    severity: 'error',
    description: 'An optimizer name that model.compile does not know',
    messages: {
      unknownOptimizer: "'{{name}}' is not an optimizer tfjs knows, so compile throws \"Unknown Optimizer\". Use 'sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta' or 'adamax', or a tf.train optimizer.",
      unknownOptimizerWithReplacement: "'{{name}}' is not an optimizer name tfjs knows, so compile throws \"Unknown Optimizer\". tfjs calls it '{{replacement}}'.",
      noString: "'{{name}}' has no string name in tfjs, so compile throws \"Unknown Optimizer\". Pass {{factory}} instead.",
      useName: "Use '{{replacement}}'",
    },
    fix: 'safe',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const compile of model.compiles) {
        const entry = configEntry(compile.config, 'optimizer');
        if (entry.state !== 'present' || entry.value.kind !== 'primitive' || typeof entry.value.value !== 'string') continue;
        const span = entry.property.valueSpan ?? entry.value.span;
        if (!span) continue;
        const name = entry.value.value;
        const check = checkName(name, OPTIMIZER_NAMES, OPTIMIZER_ALIASES);
        if (check.valid) continue;
        const factory = FACTORY_ONLY[name.toLowerCase()];
        if (factory) {
          context.report({ messageId: 'noString', data: { name, factory }, span });
          continue;
        }
        const text = context.text(span.file);
        const replacement = check.replacement;
        context.report({
          messageId: replacement ? 'unknownOptimizerWithReplacement' : 'unknownOptimizer',
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
