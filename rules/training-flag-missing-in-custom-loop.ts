import { configEntry } from './core/config';
import { modelLayers } from './core/model';
import { defineRule } from './core/rule';
import { lossReach, trainsModel } from './core/training';

type MessageId = 'predictInLoss' | 'applyWithoutTraining';

const TRAINING_DEPENDENT = new Set(['dropout', 'alphaDropout', 'gaussianDropout', 'gaussianNoise', 'spatialDropout1d', 'batchNormalization']);

const rule = defineRule<MessageId>({
  meta: {
    id: 'training-flag-missing-in-custom-loop',
    category: 'training-loop',
    severity: 'warning',
    description: 'A custom training loop that runs dropout or batch normalization in inference mode',
    messages: {
      predictInLoss:
        'model.predict in this loss runs the {{layers}} layer(s) as at test time. It always runs in inference mode: dropout does nothing and batch normalization uses its moving averages, which never update. Use model.apply(x, { training: true }) in the training step.',
      applyWithoutTraining:
        'model.apply in this loss runs the {{layers}} layer(s) as at test time. It runs in inference mode unless told otherwise. Pass { training: true } as the second argument in the training step.',
    },
    fix: 'none',
  },
  check(context) {
    for (const tensor of context.graph.tensors) {
      const gradient = tensor.gradient;
      if (!gradient || !tensor.model || (tensor.op !== 'predict' && tensor.op !== 'apply')) continue;
      // Only a model the step trains: a target network or a frozen feature extractor is meant to run
      // in inference mode, and so is a model whose output the loss is known not to use.
      if (trainsModel(context.graph, gradient, tensor.model) !== true) continue;
      const reach = lossReach(gradient.result);
      if (!reach.open && !reach.outputs.get(tensor.model)?.includes(tensor)) continue;
      const layers = [...new Set(modelLayers(tensor.model).map((layer) => layer.factory).filter((factory) => TRAINING_DEPENDENT.has(factory)))];
      if (layers.length === 0) continue;
      if (tensor.op === 'apply') {
        const training = configEntry(tensor.args[1], 'training');
        if (training.state !== 'absent' && !(training.state === 'present' && training.value.kind === 'primitive' && training.value.value === false)) continue;
      }
      context.report({ messageId: tensor.op === 'predict' ? 'predictInLoss' : 'applyWithoutTraining', data: { layers: layers.join(', ') }, span: tensor.span });
    }
  },
});

export default rule;
