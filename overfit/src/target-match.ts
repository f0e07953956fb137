/** Whether a model made by running the script is the model a target of the analysis describes. */
import type { LayersModel } from './tf';
import type { ModelSpec } from './types';

/** `Conv2D` and `conv2d`, `BatchNormalization` and `batchNormalization`: one key. */
const key = (name: string) => name.toLowerCase();

/** The same layers in the same order (tfjs class names against the `tf.layers` factories of the spec). */
export function sameLayers(model: LayersModel, spec: ModelSpec): boolean {
  const built = model.layers.map((layer) => key(layer.getClassName())).filter((name) => name !== 'inputlayer');
  const described = spec.layers.map((layer) => key(layer.factory));
  return built.length === described.length && built.every((name, index) => name === described[index]);
}
