import * as tf from '@tensorflow/tfjs';

// A classifier head on the features of a network loaded at run time: the code writes the head's
// layers, not the base's.
async function loadBase() {
  const mobilenet = await tf.loadLayersModel('https://example.com/mobilenet/model.json');
  const layer = mobilenet.getLayer('conv_pw_13_relu');
  return tf.model({ inputs: mobilenet.inputs, outputs: layer.output });
}

export async function train(images, labels) {
  const base = await loadBase();
  const head = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: base.outputs[0].shape.slice(1) }),
      tf.layers.dense({ units: 32, activation: 'relu' }),
      tf.layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  head.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await head.fit(base.predict(images), labels, { epochs: 5 });
  return head;
}
