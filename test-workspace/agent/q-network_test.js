import * as tf from '@tensorflow/tfjs';
import { createQNetwork, makeOptimizer } from './q-network';

describe('createQNetwork', () => {
  it('rejects sizes that leave no room for the convolutions', () => {
    expect(() => createQNetwork(0, 10, 4)).toThrow();
    expect(() => createQNetwork(3, 3, 4)).toThrow();
  });

  it('builds small networks', () => {
    const model = createQNetwork(2, 2, 4);
    expect(model.outputs[0].shape).toEqual([null, 4]);
    expect(makeOptimizer(50)).toBeDefined();
  });

  it('checks a softmax head against the labels', () => {
    // The test's own model is still checked.
    const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
//                                                                                                 ^^^^^^^^^ warning: softmax-with-binary-crossentropy
    head.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  });
});
