// Runs in the browser with <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>.
let model;

function createModel(numClasses) {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, inputShape: [1024], activation: 'relu' }));
  model.add(tf.layers.dense({ units: numClasses, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.0005), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
}

document.getElementById('train').addEventListener('click', async () => {
  createModel(3);
  const xs = tf.tensor2d(window.examples, [window.examples.length / 1024, 1024]);
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: tensor-leak-per-call
  const ys = tf.oneHot(tf.tensor1d(window.labels, 'int32'), 3);
//           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ info: tensor-leak-per-call
  await model.fit(xs, ys, { epochs: 20, callbacks: { onEpochEnd: (epoch, logs) => console.log(epoch, logs.loss) } });
});
