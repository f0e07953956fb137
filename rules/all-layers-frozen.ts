import type { FitNode, GraphEvent, ModelNode, ProgramGraph } from './core/graph';
import { defineRule } from './core/rule';
import { directLayers, fitWeights } from './core/training';

type MessageId = 'frozenModel' | 'frozenLayers' | 'frozenEachLayer';

type TrainableEvent = Extract<GraphEvent, { kind: 'trainable' }>;

/** The last certain `trainable = false` before the fit that touches the model or one of its layers: what froze it. */
function freezingEvent(graph: ProgramGraph, model: ModelNode, fit: FitNode): TrainableEvent | undefined {
  const layers = directLayers(model) ?? [];
  return graph.events
    .filter((event): event is TrainableEvent => event.kind === 'trainable' && event.order < fit.order && !event.conditional)
    .filter((event) => event.model === model || (event.layer !== undefined && layers.includes(event.layer)))
    .filter((event) => event.value.kind === 'primitive' && event.value.value === false)
    .at(-1);
}

const rule = defineRule<MessageId>({
  meta: {
    id: 'all-layers-frozen',
    category: 'training-loop',
    severity: 'error',
    description: 'A model trained with every layer frozen',
    messages: {
      frozenModel: 'This model is frozen (trainable = false) and then trained. There is no weight left to update, so tfjs throws that no variable is trainable. Freeze only the layers you want to keep, or set trainable back to true before this model\'s own training step.',
      frozenLayers: 'Every layer of this model is frozen, so fit cannot train it. They are created with trainable: false, so fit has no weight to update and tfjs throws that no variable is trainable. Leave at least the new layers trainable.',
      frozenEachLayer: 'After this, every layer of the model is frozen, and it is then trained. No layer with weights is left trainable: there is no weight left to update, so tfjs throws that no variable is trainable. Leave at least one layer trainable.',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      for (const fit of model.fits) {
        const weights = fitWeights(context.graph, model, fit);
        // Layers unfrozen after the compile stay frozen too; trainable-changed-after-compile says why.
        if (!weights.known || weights.weighted.length === 0 || weights.trained.length > 0 || weights.unfrozenSinceCompile.length > 0) continue;
        const event = freezingEvent(context.graph, model, fit);
        const span = event?.span ?? model.span;
        context.report({ messageId: !event ? 'frozenLayers' : event.model ? 'frozenModel' : 'frozenEachLayer', span });
      }
    }
  },
});

export default rule;
