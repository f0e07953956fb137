import { configEntry } from './core/config';
import { modelLayers } from './core/model';
import { defineRule } from './core/rule';
import { spanKey } from './core/span';

type MessageId = 'frozenModel' | 'frozenLayers';

const rule = defineRule<MessageId>({
  meta: {
    id: 'all-layers-frozen',
    category: 'training-loop',
    severity: 'error',
    description: 'A model trained with every layer frozen',
    messages: {
      frozenModel: 'The model is set to trainable = false and then trained: there is no weight left to update, so tfjs throws that no variable is trainable. Freeze only the layers you want to keep.',
      frozenLayers: 'Every layer of this model is created with trainable: false, so fit has no weight to update and tfjs throws that no variable is trainable. Leave at least the new layers trainable.',
    },
    fix: 'none',
    options: {},
  },
  check(context) {
    const seen = new Set<string>();
    for (const event of context.graph.events) {
      if (event.kind !== 'trainable' || !event.model || event.conditional || event.value.kind !== 'primitive' || event.value.value !== false) continue;
      const model = event.model;
      const thawed = context.graph.events.some((other) => other.kind === 'trainable' && other.order > event.order && (other.model === model || other.layer !== undefined));
      if (thawed || !model.fits.some((fit) => fit.order > event.order) || seen.has(spanKey(event.span))) continue;
      seen.add(spanKey(event.span));
      context.report({ messageId: 'frozenModel', span: event.span });
    }
    for (const model of context.graph.models) {
      if (model.kind !== 'sequential' || model.incomplete.length > 0 || model.fits.length === 0) continue;
      const layers = modelLayers(model);
      const frozen = layers.every((layer) => {
        const entry = configEntry(layer.config, 'trainable');
        return entry.state === 'present' && entry.value.kind === 'primitive' && entry.value.value === false;
      });
      if (layers.length === 0 || !frozen || seen.has(spanKey(model.span))) continue;
      if (context.graph.events.some((event) => event.kind === 'trainable' && event.layer !== undefined && layers.includes(event.layer))) continue;
      seen.add(spanKey(model.span));
      context.report({ messageId: 'frozenLayers', span: model.span });
    }
  },
});

export default rule;
