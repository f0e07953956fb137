import { defineRule } from './core/rule';
import { lossReach, trainsModel } from './core/training';
import type { ModelNode } from './core/graph';
import type { Value } from './core/values';

type MessageId = 'trainsOthers' | 'listIgnored' | 'passAsVarList';

/** The models whose weights a value lists (`model.getWeights()`, a list of such lists), when it is one. */
function listedModels(value: Value): ModelNode[] | undefined {
  if (value.kind === 'tfObject' && value.weightsOf) return [value.weightsOf];
  if (value.kind !== 'array' || !value.complete || value.elements.length === 0) return undefined;
  const models: ModelNode[] = [];
  for (const element of value.elements) {
    const inner = listedModels(element);
    if (inner) models.push(...inner);
    else if (!(element.kind === 'tensor' && element.op === 'variable')) return undefined;
  }
  return models;
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'minimize-weights-as-return-cost',
    category: 'training-loop',
    severity: 'warning',
    description: "A variable list given as minimize's second argument, which is returnCost",
    messages: {
      trainsOthers:
        "This list of variables is passed second, so minimize trains other weights too. minimize(f, returnCost, varList) takes the variables third: this list is read as returnCost, so the step updates every trainable variable the loss reaches, and this loss also reaches {{others}}, whose weights move with every step (an actor's step training the critic). Pass the list as the third argument.",
      listIgnored:
        "This list of variables is passed second, where minimize ignores it. minimize(f, returnCost, varList) takes the variables third: this list is read as returnCost. Every trainable variable the loss reaches is updated, which here are only the listed ones; pass the list as the third argument so that it stays that way.",
      passAsVarList: 'Pass the list as the variable list: minimize(f, true, list)',
    },
    fix: 'suggestion',
  },
  check(context) {
    for (const gradient of context.graph.gradients) {
      if (gradient.api !== 'optimizer.minimize' || gradient.varList || !gradient.returnCost || !gradient.returnCostSpan) continue;
      const listed = listedModels(gradient.returnCost);
      if (!listed) continue;
      const reach = lossReach(gradient.result);
      const others = [...reach.outputs.keys()].filter((model) => !listed.includes(model) && trainsModel(context.graph, gradient, model) === true);
      const span = gradient.returnCostSpan;
      context.report({
        messageId: others.length > 0 ? 'trainsOthers' : 'listIgnored',
        // Harmless as long as nothing else is reached; the list still states an intent the call ignores.
        severity: others.length > 0 ? 'warning' : 'info',
        data: { others: others.map((model) => (model.name ? `'${model.name}'` : 'another model')).join(', ') },
        span,
        suggestions: [{ messageId: 'passAsVarList', edits: [{ span: { ...span, end: span.start }, text: 'true, ' }] }],
      });
    }
  },
});

export default rule;
