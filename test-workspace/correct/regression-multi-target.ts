import * as tf from '@tensorflow/tfjs';

interface Reading {
  temperature: number;
  humidity: number;
  pressure: number;
  wind: number;
}

export async function forecastNextHour(history: Reading[], next: Reading[]): Promise<tf.Sequential> {
  const toRow = (r: Reading) => [r.temperature, r.humidity, r.pressure, r.wind];
  const xs = tf.tensor2d(history.map(toRow));
  const ys = tf.tensor2d(next.map(toRow));

  const xMin = xs.min(0);
  const xRange = xs.max(0).sub(xMin).add(1e-6);
  const yMin = ys.min(0);
  const yRange = ys.max(0).sub(yMin).add(1e-6);

  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 32, activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 32, activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 4 }));
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'meanSquaredError', metrics: ['mae'] });

  await model.fit(xs.sub(xMin).div(xRange), ys.sub(yMin).div(yRange), { epochs: 60, batchSize: 24, shuffle: true });
  return model;
}
