import * as tf from '@tensorflow/tfjs';

// Predicts the face a loaded die lands on from four measurements of the throw: one unit per face.
const throws = tf.tensor2d([
  [0.2, 0.7, 0.1, 0.5],
  [0.9, 0.1, 0.4, 0.3],
  [0.4, 0.4, 0.8, 0.9],
  [0.1, 0.6, 0.3, 0.2],
  [0.7, 0.2, 0.9, 0.6],
  [0.5, 0.9, 0.6, 0.1],
]);
// Class ids as float32: tfjs's sparse cross-entropy floors them, which int32 tensors do not allow.
const faces = tf.tensor1d([0, 1, 2, 3, 4, 5]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 6, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

export async function train(): Promise<void> {
  await model.fit(throws, faces, { epochs: 50 });
}
