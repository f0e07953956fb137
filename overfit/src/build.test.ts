import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { syntheticBatch } from './batch';
import { buildModel } from './build';
import type { Tf } from './tf';
import type { ModelSpec } from './types';

/** An encoder LSTM whose states start a decoder GRU, on sequences of any length. */
const seq2seq: ModelSpec = {
  kind: 'functional',
  layers: [
    { factory: 'lstm', config: { units: 6, returnState: true }, line: 3 },
    { factory: 'gru', config: { units: 6, returnSequences: true, returnState: true }, line: 5 },
    { factory: 'dense', config: { units: 7, activation: 'softmax' }, line: 7 },
  ],
  nodes: [
    { kind: 'input', config: { shape: [null, 7] } },
    { kind: 'input', config: { shape: [null, 5] } },
    { kind: 'layer', layer: 0, inputs: [1], output: 1 },
    { kind: 'layer', layer: 0, inputs: [1], output: 2 },
    { kind: 'layer', layer: 1, inputs: [0, 2], output: 0 },
    { kind: 'layer', layer: 2, inputs: [4] },
  ],
  outputs: [5],
  compile: { optimizer: 'adam', loss: 'categoricalCrossentropy' },
};

describe('rebuilding models with several outputs per layer and free lengths', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('applies a layer once for all the outputs of its application, and the states start the next layer', () => {
    const model = buildModel(tf as unknown as Tf, seq2seq);
    try {
      // One LSTM application: its output and two states; the GRU takes its input and one initial state.
      assert.equal(model.layers.find((layer) => layer.getClassName() === 'LSTM')!.inboundNodes.length, 1);
      const free = (shape: readonly (number | null | undefined)[]) => shape.map((dim) => dim ?? 'free');
      assert.deepEqual(model.inputs.map((input) => free(input.shape)), [['free', 'free', 7], ['free', 'free', 5]]);
      assert.deepEqual(free(model.outputs[0]!.shape), ['free', 'free', 7]);
    } finally {
      model.dispose();
    }
  });

  it('a made-up batch gives a free length 8 steps, and the labels the length the model gives them', () => {
    const model = buildModel(tf as unknown as Tf, seq2seq);
    const batch = syntheticBatch(tf as unknown as Tf, model, 16, 1);
    try {
      assert.deepEqual(batch.xs.map((x) => x.shape), [[16, 8, 7], [16, 8, 5]]);
      assert.deepEqual(batch.ys[0]!.shape, [16, 8, 7]);
      assert.match(batch.origin ?? '', /inputs of any size \(null in its input shape\): the made-up ones are 8 long where it is free/);
    } finally {
      [...batch.xs, ...batch.ys].forEach((tensor) => tensor.dispose());
      model.dispose();
    }
  });

  it('a free-size image is 28 pixels a side, its pooled output as large as the model makes it', () => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', inputShape: [null, null, 1] }), tf.layers.maxPooling2d({ poolSize: 2 })] });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const batch = syntheticBatch(tf as unknown as Tf, model as never, 4, 1);
    try {
      assert.deepEqual(batch.xs[0]!.shape, [4, 28, 28, 1]);
      assert.deepEqual(batch.ys[0]!.shape, [4, 14, 14, 2]);
    } finally {
      [...batch.xs, ...batch.ys].forEach((tensor) => tensor.dispose());
      model.dispose();
    }
  });

  it('a free length the layers would shrink away is made longer, until the output is not empty', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 20, outputDim: 4, inputShape: [null] }),
        tf.layers.conv1d({ filters: 3, kernelSize: 5, activation: 'relu' }),
        tf.layers.maxPooling1d({ poolSize: 2 }),
        tf.layers.conv1d({ filters: 3, kernelSize: 5, activation: 'relu' }),
        tf.layers.globalMaxPooling1d({}),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const batch = syntheticBatch(tf as unknown as Tf, model as never, 4, 1);
    try {
      // 8 → 4 → 2 → nothing; 16 → 12 → 6 → 2.
      assert.deepEqual(batch.xs[0]!.shape, [4, 16]);
    } finally {
      [...batch.xs, ...batch.ys].forEach((tensor) => tensor.dispose());
      model.dispose();
    }
  });
});
