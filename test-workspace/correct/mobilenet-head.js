import * as tf from '@tensorflow/tfjs';

let truncated;
let head;

export async function loadTruncatedMobileNet() {
  const mobilenet = await tf.loadLayersModel('https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json');
  const layer = mobilenet.getLayer('conv_pw_13_relu');
  truncated = tf.model({ inputs: mobilenet.inputs, outputs: layer.output });
  return truncated;
}

export async function trainHead(embeddings, labels, numClasses, learningRate) {
  head = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [7, 7, 256] }),
      tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'varianceScaling' }),
      tf.layers.dense({ units: numClasses, kernelInitializer: 'varianceScaling', activation: 'softmax' }),
    ],
  });
  head.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  await head.fit(embeddings, labels, { batchSize: 32, epochs: 20 });
}

export function predict(image) {
  return tf.tidy(() => {
    const batched = tf.browser.fromPixels(image).toFloat().div(127).sub(1).expandDims(0);
    const embedding = truncated.predict(batched);
    return head.predict(embedding).as1D().argMax();
  });
}
