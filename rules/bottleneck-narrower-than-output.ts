import { configEntry } from './core/config';
import { modelLayers, outputHeads } from './core/model';
import { defineRule } from './core/rule';
import { layerFacts } from './core/tfjs';

type MessageId = 'narrow' | 'outputHere';

const rule = defineRule<MessageId>({
  meta: {
    id: 'bottleneck-narrower-than-output',
    category: 'architecture',
    severity: 'info',
    description: 'A hidden layer with fewer units than the classes the model outputs',
    messages: {
      narrow:
        'This hidden layer has {{units}} units, fewer than the {{classes}} classes of the output. Everything the output needs must squeeze through {{units}} numbers, which limits how many classes can be separated. Make hidden layers at least as wide as the output.',
      outputHere: 'the output layer',
    },
    fix: 'none',
  },
  check(context) {
    for (const model of context.graph.models) {
      const heads = outputHeads(model);
      const head = heads.length === 1 ? heads[0] : undefined;
      if (!head?.units.known || !head.activation.known || head.activation.name !== 'softmax' || head.units.value < 3) continue;
      for (const layer of modelLayers(model)) {
        if (layer === head.layer || layer.factory !== 'dense') continue;
        const units = configEntry(layer.config, layerFacts(layer.factory)!.unitsKey!);
        if (units.state !== 'present' || units.value.kind !== 'primitive' || typeof units.value.value !== 'number') continue;
        const span = units.property.valueSpan ?? units.value.span;
        if (!span || units.value.value >= head.units.value) continue;
        context.report({ messageId: 'narrow', data: { units: units.value.value, classes: head.units.value }, span, related: [{ span: head.layer.span, message: rule.meta.messages.outputHere }] });
      }
    }
  },
});

export default rule;
