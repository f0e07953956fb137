/** The tfjs namespace the engine works with: the user's tfjs-node, or the bundled tfjs. */
export type Tf = typeof import('@tensorflow/tfjs');
export type LayersModel = import('@tensorflow/tfjs').LayersModel;
export type Tensor = import('@tensorflow/tfjs').Tensor;
export type Optimizer = import('@tensorflow/tfjs').Optimizer;
export type Layer = import('@tensorflow/tfjs').layers.Layer;
