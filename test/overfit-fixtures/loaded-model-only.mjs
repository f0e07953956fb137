import * as tf from '@tensorflow/tfjs';

// Fine-tunes a model saved earlier: its layers are in the saved file, not in the code.
const model = await tf.loadLayersModel('https://example.com/models/classifier/model.json');
model.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy' });
await model.fit(tf.randomNormal([64, 10]), tf.oneHot(tf.randomUniform([64], 0, 3, 'int32'), 3), { epochs: 2 });
