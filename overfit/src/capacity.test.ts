import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { outputKinds, syntheticBatch, type Batch } from './batch';
import { capacityCause, hasHiddenNonlinearity, linearFit, oneOptimum } from './capacity';
import { seedMathRandom } from './random';
import type { LayersModel } from './tf';
import type { DataSpec } from './types';

function model(layers: tf.layers.Layer[], loss: string): LayersModel {
  const built = tf.sequential({ layers });
  built.compile({ optimizer: 'adam', loss });
  return built;
}

const xor: Batch = {
  xs: [tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]])],
  ys: [tf.tensor2d([[0], [1], [1], [0], [0], [1], [1], [0]])],
  source: 'captured',
  size: 8,
};

describe('capacity against a linear fit', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('no linear model fits XOR; the best one stays at chance', async () => {
    const linear = model([tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })], 'binaryCrossentropy');
    const fit = await linearFit(tf, linear, xor, outputKinds(linear));
    assert.equal(fit?.fits, false);
    assert.ok(Math.abs(fit!.loss! - Math.log(2)) < 0.01, String(fit?.loss));
    const cause = capacityCause(linear, fit, 0.69);
    assert.equal(cause?.id, 'missing-capacity');
    assert.match(cause!.message, /no hidden layer with a nonlinear activation/);
    assert.equal(capacityCause(linear, fit, 0.3), undefined, 'a model that does better than the linear fit has the capacity');
    const hidden = model([tf.layers.dense({ units: 8, inputShape: [2], activation: 'sigmoid' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })], 'binaryCrossentropy');
    assert.equal(capacityCause(hidden, fit, 0.69), undefined, 'a sigmoid stack on its plateau is slow, not short of capacity');
  });

  it('a linear model fits labels that are linear in the inputs', async () => {
    const linear = model([tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })], 'binaryCrossentropy');
    const batch: Batch = { ...xor, ys: [tf.tensor2d([[0], [1], [0], [1], [0], [1], [0], [1]])] };
    const fit = await linearFit(tf, linear, batch, outputKinds(linear));
    assert.equal(fit?.fits, true);
    assert.equal(capacityCause(linear, fit, 0.69), undefined);
  });

  it('any labels of no more samples than features plus one are linearly fittable', async () => {
    const linear = model([tf.layers.dense({ units: 1, inputShape: [2] })], 'meanSquaredError');
    const fit = await linearFit(tf, linear, { xs: [tf.tensor2d([[0, 1], [1, 0], [2, 2]])], ys: [tf.tensor2d([[3], [-1], [7]])], source: 'captured', size: 3 }, outputKinds(linear));
    assert.deepEqual(fit, { fits: true, trivially: true });
  });

  it('tells hidden nonlinearities from affine stacks and output links', () => {
    const affine = model([tf.layers.dense({ units: 8, inputShape: [2] }), tf.layers.dropout({ rate: 0.1 }), tf.layers.dense({ units: 1, activation: 'sigmoid' })], 'binaryCrossentropy');
    const hidden = model([tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })], 'binaryCrossentropy');
    const reluOut = model([tf.layers.dense({ units: 1, inputShape: [2], activation: 'relu' })], 'meanSquaredError');
    assert.equal(hasHiddenNonlinearity(affine), false);
    assert.equal(hasHiddenNonlinearity(hidden), true);
    assert.equal(oneOptimum(affine), true);
    assert.equal(oneOptimum(hidden), false);
    assert.equal(oneOptimum(reluOut), false, 'a ReLU output can start dead: the initialisation matters');
  });
});

describe('static batches', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  const classifier = () => model([tf.layers.dense({ units: 16, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })], 'binaryCrossentropy');

  it('uses the data the code writes out, as it is', () => {
    const data: DataSpec = {
      x: [{ shape: [4, 2], values: [0, 0, 0, 1, 1, 0, 1, 1] }],
      y: [{ shape: [4, 1], values: [0, 1, 1, 0] }],
      line: 7,
    };
    const batch = syntheticBatch(tf, classifier(), 32, 1, data);
    assert.equal(batch.source, 'code');
    assert.equal(batch.size, 4);
    assert.deepEqual(Array.from(batch.xs[0]!.dataSync()), [0, 0, 0, 1, 1, 0, 1, 1]);
    assert.deepEqual(Array.from(batch.ys[0]!.dataSync()), [0, 1, 1, 0]);
    assert.match(batch.origin!, /the data the code gives fit at line 7/);
  });

  it('keeps to the ranges and classes the code gives, so unscaled inputs and labels out of range show', () => {
    const data: DataSpec = { x: [{ range: { lo: 0, hi: 255 }, integer: true }], y: [{ range: { lo: 1, hi: 2 }, integer: true }], line: 3 };
    const batch = syntheticBatch(tf, classifier(), 32, 1, data);
    assert.equal(batch.source, 'synthetic');
    const inputs = Array.from(batch.xs[0]!.dataSync());
    assert.ok(inputs.every((value) => Number.isInteger(value) && value >= 0 && value <= 255));
    assert.ok(Math.max(...inputs) > 100, 'inputs spread over the range');
    assert.deepEqual([...new Set(batch.ys[0]!.dataSync())].sort(), [1, 2]);
    assert.match(batch.origin!, /synthetic.*within what the code says about the data/);
  });

  it('one-hot labels under binaryCrossentropy stay one-hot: a softmax can reach them, where independent bits it cannot', () => {
    const softmax = () => model([tf.layers.dense({ units: 16, inputShape: [6], activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })], 'binaryCrossentropy');
    const rows = (batch: Batch) => {
      const values = Array.from(batch.ys[0]!.dataSync());
      return Array.from({ length: batch.size }, (_, row) => values.slice(row * 3, row * 3 + 3));
    };
    const oneHot = rows(syntheticBatch(tf, softmax(), 32, 1, { x: [undefined], y: [{ shape: [null, 3], oneHot: true }], line: 4 }));
    assert.ok(oneHot.every((row) => row.filter((value) => value === 1).length === 1 && row.every((value) => value === 0 || value === 1)), 'one class per sample');
    assert.ok(new Set(oneHot.map((row) => row.indexOf(1))).size > 1, 'not all one class');
    const bits = rows(syntheticBatch(tf, softmax(), 32, 1));
    assert.ok(bits.some((row) => row.filter((value) => value === 1).length !== 1), 'without the fact, each unit is a yes/no question of its own');
  });

  it('a fully made-up batch of few features has labels no linear model fits, and says it is synthetic', async () => {
    const linear = model([tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })], 'categoricalCrossentropy');
    const batch = syntheticBatch(tf, linear, 32, 1);
    assert.equal(batch.source, 'synthetic');
    assert.match(batch.origin!, /^The batch is synthetic/);
    const fit = await linearFit(tf, linear, batch, outputKinds(linear));
    assert.equal(fit?.fits, false);
  });

  it('the same seed gives the same batch and the same initial weights', () => {
    const draw = () => {
      const restore = seedMathRandom(5);
      try {
        const fresh = classifier();
        return [Array.from(syntheticBatch(tf, fresh, 8, 5).ys[0]!.dataSync()), Array.from(fresh.getWeights()[0]!.dataSync())];
      } finally {
        restore();
      }
    };
    assert.deepEqual(draw(), draw());
  });
});
