import * as tf from '@tensorflow/tfjs';

const IMAGE_SIZE = 64;
const NUM_CLASSES = 4;

export function preprocess(pixels: ImageData): tf.Tensor4D {
  return tf.tidy(() =>
    tf.browser
      .fromPixels(pixels)
      .resizeBilinear([IMAGE_SIZE, IMAGE_SIZE])
      .toFloat()
      .div(255)
      .expandDims(0) as tf.Tensor4D,
  );
}

export function buildClassifier(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [IMAGE_SIZE, IMAGE_SIZE, 3], filters: 16, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

export async function train(images: ImageData[], labels: number[]): Promise<tf.Sequential> {
  const model = buildClassifier();
  const xs = tf.concat(images.map(preprocess));
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), NUM_CLASSES);
  await model.fit(xs, ys, { epochs: 12, batchSize: 16, shuffle: true });
  xs.dispose();
  ys.dispose();
  return model;
}

export function classify(model: tf.Sequential, image: ImageData): number {
  return tf.tidy(() => (model.predict(preprocess(image)) as tf.Tensor).argMax(-1).dataSync()[0]!);
}
