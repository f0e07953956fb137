import * as tf from '@tensorflow/tfjs';

// Forty recordings of four bird species, ten of each; ten recordings of the same species are held out.
const recordings = tf.randomNormal([40, 16]);
const species = tf.oneHot(tf.range(0, 40, 1, 'int32').floorDiv(10), 4);
const heldOutRecordings = tf.randomNormal([8, 16]);
const heldOutSpecies = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 32, inputShape: [16], activation: 'relu' }));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

export const train = () => model.fit(recordings, species, { epochs: 20, validationData: [heldOutRecordings, heldOutSpecies] });
