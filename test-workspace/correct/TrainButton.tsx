import * as tf from '@tensorflow/tfjs';
import { useState } from 'react';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputShape: [6], activation: 'relu' }));
model.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });

export function TrainButton({ xs, ys }: { xs: tf.Tensor2D; ys: tf.Tensor1D }) {
  const [loss, setLoss] = useState<number | undefined>();
  const onClick = async () => {
    const history = await model.fit(xs, ys, { epochs: 10 });
    setLoss(history.history.loss.at(-1) as number);
  };
  return <button onClick={onClick}>Train{loss !== undefined ? ` (loss ${loss.toFixed(3)})` : ''}</button>;
}
