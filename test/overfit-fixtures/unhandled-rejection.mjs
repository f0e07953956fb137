import * as tf from '@tensorflow/tfjs';

async function loadData() {
  await new Promise((resolve) => setTimeout(resolve, 10));
  throw new Error('the data server refused the connection');
}

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 1 }));
// Nothing handles the rejection.
loadData().then(({ xs, ys, optimizer, loss }) => {
  model.compile({ optimizer, loss });
  return model.fit(xs, ys);
});
