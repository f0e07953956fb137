import type { ObjectValue } from './core/values';
import { spanText } from './core/edits';
import { checkName } from './core/names';
import { defineRule, type TextEdit } from './core/rule';
import type { Property } from './core/values';
import { spanKey } from './core/span';
import { COMPILE_OPTIONS, FIT_DATASET_OPTIONS, FIT_OPTIONS, OPTION_ALIASES } from './core/tfjs';

type MessageId = 'ignored' | 'ignoredWithReplacement' | 'optimizerOption' | 'rename';

const OPTIMIZER_OPTIONS = /^(lr|learningRate|learning_rate|momentum|decay|beta1|beta2|epsilon)$/;

const rule = defineRule<MessageId>({
  meta: {
    id: 'unknown-option',
    category: 'tfjs-api',
    severity: 'warning',
    description: 'An option that fit, fitDataset or compile silently ignores',
    messages: {
      ignored: "{{method}} has no option '{{name}}': tfjs ignores it without a word, so it has no effect.",
      ignoredWithReplacement: "{{method}} has no option '{{name}}', so tfjs silently ignores it and uses its default instead. The option is called '{{replacement}}'.",
      optimizerOption: "{{method}} has no option '{{name}}': it is ignored. Learning rates and other optimizer settings go to the optimizer, as in tf.train.adam(0.001).",
      rename: "Rename it to '{{replacement}}'",
    },
    fix: 'safe',
  },
  check(context) {
    const checkObject = (method: string, config: ObjectValue | undefined, accepted: ReadonlySet<string>): void => {
      if (!config) return;
      for (const [name, property] of config.props) {
        if (accepted.has(name) || !property.keySpan) continue;
        if (OPTIMIZER_OPTIONS.test(name)) {
          context.report({ messageId: 'optimizerOption', data: { method, name }, span: property.keySpan });
          continue;
        }
        const check = checkName(name, accepted, OPTION_ALIASES);
        const replacement = !check.valid && check.replacement && accepted.has(check.replacement) && !config.props.has(check.replacement) ? check.replacement : undefined;
        const edit = replacement ? renameKey(context.text(property.keySpan.file), property, replacement) : undefined;
        context.report({
          messageId: replacement ? 'ignoredWithReplacement' : 'ignored',
          data: { method, name, ...(replacement ? { replacement } : {}) },
          span: property.keySpan,
          ...(edit ? { fix: { messageId: 'rename' as const, data: { replacement: replacement! }, edits: [edit] } } : {}),
        });
      }
    };
    for (const model of context.graph.models) {
      for (const compile of model.compiles) checkObject('compile', compile.config.kind === 'object' ? compile.config : undefined, COMPILE_OPTIONS);
      for (const fit of model.fits) {
        if (fit.method === 'trainOnBatch') continue;
        checkObject(fit.method, fit.config.kind === 'object' ? fit.config : undefined, fit.method === 'fit' ? FIT_OPTIONS : FIT_DATASET_OPTIONS);
      }
    }
  },
});

export default rule;

/** Renames a property's key; a shorthand property keeps its variable as the value. */
function renameKey(text: string, property: Property, name: string): TextEdit | undefined {
  const key = property.keySpan;
  if (!key) return undefined;
  const written = spanText(text, key);
  if (!/^[A-Za-z_$][\w$]*$/.test(written) && !/^['"][\w$]+['"]$/.test(written)) return undefined;
  const shorthand = property.valueSpan !== undefined && spanKey(property.valueSpan) === spanKey(key);
  return { span: key, text: shorthand ? `${name}: ${written}` : name };
}
