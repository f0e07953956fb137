import * as tf from '@tensorflow/tfjs';

// Rows grouped by class, as a CSV export often is.
const rows = [
  { xs: [0.1, 0.2], ys: [1, 0] },
  { xs: [0.2, 0.1], ys: [1, 0] },
  { xs: [0.8, 0.9], ys: [0, 1] },
  { xs: [0.9, 0.7], ys: [0, 1] },
];

export function trainingBatches(): tf.data.Dataset<tf.TensorContainer> {
  const dataset = tf.data.array(rows);
  tf.util.shuffle(dataset as never);
//^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: util-shuffle-on-dataset
  return dataset.batch(2);
}

export function shuffledBatches(): tf.data.Dataset<tf.TensorContainer> {
  return tf.data.array(rows).shuffle(rows.length).batch(2);
}
