// fitDataset over batches of a tf.data pipeline, with validation batches.
import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [3], units: 6, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });

const rows = Array.from({ length: 40 }, (_, i) => [i / 40, (i % 7) / 7, (i % 3) / 3]);
const data = tf.data.array(rows.map((row) => ({ xs: row, ys: [row[0] + row[1] - row[2]] }))).batch(8);
await model.fitDataset(data, { epochs: 4, validationData: data.take(2) });
