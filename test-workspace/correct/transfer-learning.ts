import * as tf from '@tensorflow/tfjs';

const MOBILENET_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json';

/** Teachable-machine style transfer learning: a frozen MobileNet and a small trained head. */
export async function buildClassifier(numClasses: number) {
  const mobilenet = await tf.loadLayersModel(MOBILENET_URL);
  const layer = mobilenet.getLayer('conv_pw_13_relu');
  const truncated = tf.model({ inputs: mobilenet.inputs, outputs: layer.output });

  const head = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: truncated.outputs[0].shape.slice(1) }),
      tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'varianceScaling', useBias: true }),
      tf.layers.dense({ units: numClasses, kernelInitializer: 'varianceScaling', useBias: false, activation: 'softmax' }),
//                                                                               ^^^^^^^^^^^^^^ info: missing-bias
    ],
  });
  head.compile({ optimizer: tf.train.adam(0.0001), loss: 'categoricalCrossentropy' });
  return { truncated, head };
}
