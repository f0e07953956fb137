import type { FitNode, GraphEvent, LayerNode, ModelNode, ProgramGraph } from './core/graph';
import { defineRule } from './core/rule';
import { fitWeights } from './core/training';

type MessageId = 'stale' | 'staleNothingToTrain' | 'compiledHere';

type TrainableEvent = Extract<GraphEvent, { kind: 'trainable' }>;

/** The `trainable = true` between the compile and the fit that unfroze one of `layers`. */
function unfreezingEvent(graph: ProgramGraph, model: ModelNode, fit: FitNode, layers: readonly LayerNode[]): TrainableEvent | undefined {
  const compileOrder = fit.compile?.order ?? -1;
  return graph.events
    .filter((event): event is TrainableEvent => event.kind === 'trainable' && event.order > compileOrder && event.order < fit.order)
    .filter((event) => event.model === model || (event.layer !== undefined && layers.includes(event.layer)))
    .filter((event) => event.value.kind === 'primitive' && event.value.value === true)
    .at(-1);
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'trainable-changed-after-compile',
    category: 'training-loop',
    severity: 'error',
    description: 'trainable changed after compile without compiling again',
    messages: {
      stale:
        'Unfreezing after compile has no effect until the model is compiled again. tfjs collects the weights to train when the model is compiled: layers frozen then stay frozen in the next fit although trainable is now true (tfjs only warns about a "discrepancy"). Call compile again after unfreezing.',
      staleNothingToTrain:
        'This model has nothing to train until it is compiled again. tfjs collects the weights to train when the model is compiled, and it collected none (the model was frozen then): setting trainable to true afterwards does not add them, so the next fit throws that no variable is trainable. Call compile again after unfreezing.',
      compiledHere: 'the model was compiled here, before the change',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        const weights = fitWeights(context.graph, model, fit);
        if (!weights.known || weights.unfrozenSinceCompile.length === 0 || !fit.compile) continue;
        const event = unfreezingEvent(context.graph, model, fit, weights.unfrozenSinceCompile);
        if (!event) continue;
        const nothing = weights.trained.length === 0;
        context.report({
          messageId: nothing ? 'staleNothingToTrain' : 'stale',
          severity: nothing ? 'error' : 'warning',
          span: event.span,
          related: [{ span: fit.compile.span, message: rule.meta.messages.compiledHere }],
        });
      }
    }
  },
});

export default rule;
