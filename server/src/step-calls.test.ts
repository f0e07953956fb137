/** Stand-in arguments for training functions nothing calls: what the code's use of each parameter asks for, and silence otherwise. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { StepCall } from '../../overfit/src/types';
import { Workspace } from './analysis/workspace';
import { fileModels } from './overfit-request';

const ROOT = path.resolve('/virtual/step-calls');

function callsOf(text: string): StepCall[] {
  const file = path.join(ROOT, 'train.ts');
  const workspace = new Workspace({ fileSystem: { readFile: (name) => (name === file ? text : undefined) } });
  workspace.addKnownFiles([file]);
  workspace.indexPending();
  return fileModels(workspace, file, {}, {}).stepCalls;
}

const MODEL = `import * as tf from '@tensorflow/tfjs';
const policy = tf.sequential();
policy.add(tf.layers.dense({ units: 8, inputShape: [5], activation: 'relu' }));
policy.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
const optimizer = tf.train.adam(0.01);
`;

describe('step calls', () => {
  it('a model input, class ids for tf.oneHot and a loop count', () => {
    const [call, ...rest] = callsOf(`${MODEL}
export function imitate(states: tf.Tensor, actions: number[], steps: number) {
  const labels = tf.oneHot(tf.tensor1d(actions, 'int32'), 3);
  for (let i = 0; i < steps; i++) optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, policy.predict(states) as tf.Tensor) as tf.Scalar);
}`);
    assert.equal(rest.length, 0);
    assert.equal(call?.owner, 'imitate');
    assert.equal(call.line, 7);
    assert.deepEqual(call.trains, [0]);
    assert.deepEqual(
      call.parameters.map((parameter) => [parameter.name, parameter.argument]),
      [
        ['states', { kind: 'tensor', shape: { of: 'input', target: 0 }, values: { kind: 'normal' } }],
        ['actions', { kind: 'array', values: { kind: 'classes', count: 3 } }],
        ['steps', { kind: 'count', value: 1 }],
      ],
    );
  });

  it('labels of a tfjs loss take the predictions\' shape and the values the loss expects; weights of log-probabilities are one-hot', () => {
    const [binary] = callsOf(`${MODEL}
export const step = (xs: tf.Tensor, ys: tf.Tensor) => optimizer.minimize(() => tf.losses.sigmoidCrossEntropy(ys, policy.apply(xs) as tf.Tensor) as tf.Scalar);`);
    assert.deepEqual(binary?.parameters[1]?.argument, { kind: 'tensor', shape: { of: 'output', target: 0 }, values: { kind: 'binary' } });
    const [weighted] = callsOf(`${MODEL}
export function step(xs: tf.Tensor, mask: tf.Tensor, advantages: tf.Tensor) {
  optimizer.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(mask, tf.log(policy.predict(xs) as tf.Tensor)), 1).mul(advantages))));
}`);
    assert.deepEqual(weighted?.parameters[1]?.argument, { kind: 'tensor', shape: { of: 'output', target: 0 }, values: { kind: 'one-hot' } });
    assert.deepEqual(weighted.parameters[2]?.argument, { kind: 'tensor', shape: { of: 'reduce', from: { of: 'output', target: 0 }, axis: 1, keepDims: false }, values: { kind: 'unit' } });
  });

  it('the data given to fit: the model\'s inputs and labels of its output\'s shape', () => {
    const [call] = callsOf(`${MODEL}
policy.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
export async function train(xs: tf.Tensor, ys: tf.Tensor) { await policy.fit(xs, ys, { epochs: 5 }); }`);
    assert.deepEqual(call?.parameters.map((parameter) => [parameter.name, parameter.argument]), [
      ['xs', { kind: 'tensor', shape: { of: 'input', target: 0 }, values: { kind: 'normal' } }],
      ['ys', { kind: 'tensor', shape: { of: 'output', target: 0 }, values: { kind: 'normal' } }],
    ]);
    assert.deepEqual(call.trains, [0]);
  });

  it('arrays made into the data given to fit: rows of the model\'s input and output, with or without a shape the code gives', () => {
    const [call] = callsOf(`import * as tf from '@tensorflow/tfjs';
export async function train(features: number[][], rates: number[]) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features[0]!.length], units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(tf.tensor2d(features), tf.tensor2d(rates, [rates.length, 1]), { epochs: 5 });
}`);
    assert.deepEqual(call?.parameters.map((parameter) => [parameter.name, parameter.argument, parameter.why]), [
      ['features', { kind: 'array', values: { kind: 'normal' }, shape: { of: 'input', target: 0 } }, 'the inputs of fit (line 7), as tf.tensor2d (line 7)'],
      ['rates', { kind: 'array', values: { kind: 'normal' }, shape: { of: 'output', target: 0 } }, 'the labels of fit (line 7), as tf.tensor2d (line 7)'],
    ]);
    // Through a standardization, elementwise operations that keep the shape.
    const [standardized] = callsOf(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
function standardize(data: tf.Tensor2D) {
  const { mean, variance } = tf.moments(data, 0);
  return data.sub(mean).div(variance.sqrt().add(1e-7));
}
export async function train(rows: number[][], targets: number[]) {
  await model.fit(standardize(tf.tensor2d(rows)), tf.tensor2d(targets, [targets.length, 1]));
}`);
    assert.deepEqual(standardized?.parameters.map((parameter) => parameter.argument.kind === 'array' && parameter.argument.shape), [{ of: 'input', target: 0 }, { of: 'output', target: 0 }]);
  });

  it('functions CommonJS exports under their own names count as exported', () => {
    const body = (name: string) => `async function ${name}(xs, ys) { await policy.fit(xs, ys, { epochs: 5 }); }\n`;
    const compiled = `${MODEL}policy.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });\n`;
    const owners = (exports: string) => callsOf(`${compiled}${body('a')}${body('b')}${body('c')}${body('d')}${exports}`).map((call) => call.owner);
    assert.deepEqual(owners('module.exports = { a, b: b, c: d };\nexports.d = d;\n'), ['a', 'b', 'd']);
    assert.deepEqual(owners('module.exports.c = c;\n'), ['c']);
    assert.deepEqual(owners('const other = {};\nother.a = a;\n'), []);
  });

  it('the same data given to two fits of one model (a fine-tuning pass after the first) is one argument', () => {
    const [call] = callsOf(`${MODEL}
policy.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
export async function fineTune(xs: tf.Tensor, ys: tf.Tensor) {
  await policy.fit(xs, ys, { epochs: 10 });
  policy.layers[0]!.trainable = false;
  await policy.fit(xs, ys, { epochs: 5 });
}`);
    assert.equal(call?.owner, 'fineTune');
    assert.deepEqual(call.parameters.map((parameter) => [parameter.name, parameter.argument]), [
      ['xs', { kind: 'tensor', shape: { of: 'input', target: 0 }, values: { kind: 'normal' } }],
      ['ys', { kind: 'tensor', shape: { of: 'output', target: 0 }, values: { kind: 'normal' } }],
    ]);
  });

  it('a model trained before any compile: any data reaches the refusal of tfjs, and the call says so', () => {
    const [call, ...rest] = callsOf(`import * as tf from '@tensorflow/tfjs';
export function trainUncompiled(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [128] })] });
  model.fit(xs, ys, { epochs: 3 });
}`);
    assert.equal(rest.length, 0);
    assert.equal(call?.owner, 'trainUncompiled');
    assert.deepEqual(call.trains, [0]);
    assert.deepEqual(call.parameters.map((parameter) => [parameter.name, parameter.argument]), [
      ['xs', { kind: 'tensor', shape: { of: 'literal', shape: [null, 1] }, values: { kind: 'normal' } }],
      ['ys', { kind: 'tensor', shape: { of: 'literal', shape: [null, 1] }, values: { kind: 'normal' } }],
    ]);
    assert.match(call.parameters[0]!.why, /^the inputs of fit \(line 4\), which tfjs refuses before it reads them: the model is not compiled$/);
    // Data also used where its shape matters (a prediction before the fit) is not made up.
    assert.deepEqual(
      callsOf(`import * as tf from '@tensorflow/tfjs';
export function trainUncompiled(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [128] })] });
  model.predict(xs);
  model.fit(xs, ys, { epochs: 3 });
}`),
      [],
    );
    // A model the code compiles only after its fit has a spec to shape the data from.
    const [later] = callsOf(`import * as tf from '@tensorflow/tfjs';
export async function trainThenCompile(xs: tf.Tensor, ys: tf.Tensor) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
  await model.fit(xs, ys);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
}`);
    assert.deepEqual(later?.parameters[0]?.argument, { kind: 'tensor', shape: { of: 'input', target: 0 }, values: { kind: 'normal' } });
  });

  it('the loss of the step as tfjs operations, with its optimizer, when every part of it is known', () => {
    const [call] = callsOf(`${MODEL}
export function step(xs: tf.Tensor, labels: tf.Tensor) {
  optimizer.minimize(() => tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(policy.apply(xs, { training: true }) as tf.Tensor)), 1))) as tf.Scalar);
}`);
    assert.deepEqual(call?.loss, {
      graph: {
        nodes: [
          { model: 0, input: { parameter: 0 }, training: true },
          { op: 'logSoftmax', args: [{ ref: 0 }] },
          { op: 'mul', args: [{ parameter: 1 }, { ref: 1 }] },
          { op: 'sum', args: [{ ref: 2 }, 1] },
          { op: 'mean', args: [{ ref: 3 }] },
          { op: 'neg', args: [{ ref: 4 }] },
        ],
        root: { ref: 5 },
        variables: [],
      },
      line: 8,
      api: 'optimizer.minimize',
      optimizer: { $tf: 'train.adam', args: [0.01] },
    });
    const unknownLoss = [
      // A value read back out of the graph.
      `export function step(xs: tf.Tensor) { optimizer.minimize(() => tf.scalar((policy.predict(xs) as tf.Tensor).mean().dataSync()[0]!)); }`,
      // Weights of part of the model only.
      `export function step(xs: tf.Tensor) { optimizer.minimize(() => (policy.predict(xs) as tf.Tensor).mean() as tf.Scalar, false, [policy.layers[1]!.getWeights()[0] as tf.Variable]); }`,
    ];
    for (const code of unknownLoss) assert.equal(callsOf(`${MODEL}\n${code}`)[0]?.loss, undefined, code);
  });

  it('a step whose loss is known to reach no weight is cut off, whatever its data; a read that only builds labels is not', () => {
    const [readBack, labels] = callsOf(`${MODEL}
export function reward(states: tf.Tensor) {
  return tf.variableGrads(() => {
    const value = (policy.predict(states) as tf.Tensor).mean().dataSync()[0];
    return tf.scalar(-value);
  });
}
export function sampled(states: tf.Tensor) {
  return optimizer.minimize(() => {
    const probabilities = policy.predict(states) as tf.Tensor;
    const actions = tf.tensor1d(tf.argMax(probabilities, 1).dataSync(), 'int32');
    return tf.losses.softmaxCrossEntropy(tf.oneHot(actions, 3), probabilities) as tf.Scalar;
  });
}`);
    assert.equal(readBack?.owner, 'reward');
    assert.deepEqual(readBack.detached, { line: 8, api: 'tf.variableGrads' });
    assert.equal(readBack.loss, undefined);
    assert.equal(labels?.owner, 'sampled');
    assert.equal(labels.detached, undefined);
  });

  it('a method of an exported class the check can make without arguments, named Class.method', () => {
    const trainer = (constructor: string) => `${MODEL}
export class Trainer {
  ${constructor}
  step(xs: tf.Tensor, ys: tf.Tensor) { optimizer.minimize(() => tf.losses.meanSquaredError(ys, policy.predict(xs) as tf.Tensor) as tf.Scalar); }
}`;
    assert.deepEqual(callsOf(trainer('constructor() {}')).map((call) => call.owner), ['Trainer.step']);
    assert.deepEqual(callsOf(trainer('')).map((call) => call.owner), ['Trainer.step']);
    // A constructor that takes arguments: the check cannot make the instance the code would.
    assert.deepEqual(callsOf(trainer('constructor(readonly rate: number) {}')), []);
    assert.deepEqual(callsOf(trainer('constructor(rate = 0.1) {}')), []);
  });

  it('an object the code reads tensors from, through properties and methods, and a function it only calls for what it does', () => {
    const [call] = callsOf(`${MODEL}
export function train(data: { nextBatch(size: number): { xs: tf.Tensor; ys: tf.Tensor } }, log: (cost: tf.Scalar) => void) {
  for (let i = 0; i < 10; i++) {
    const cost = optimizer.minimize(() => {
      const batch = data.nextBatch(32);
      return tf.losses.softmaxCrossEntropy(batch.ys, policy.predict(batch.xs) as tf.Tensor) as tf.Scalar;
    }, true);
    log(cost!);
  }
}`);
    assert.deepEqual(
      call?.parameters.map((parameter) => [parameter.name, parameter.argument]),
      [
        [
          'data',
          {
            kind: 'object',
            members: [
              {
                name: 'nextBatch',
                method: true,
                value: {
                  kind: 'object',
                  members: [
                    { name: 'xs', method: false, value: { kind: 'tensor', shape: { of: 'input', target: 0 }, values: { kind: 'normal' } } },
                    { name: 'ys', method: false, value: { kind: 'tensor', shape: { of: 'output', target: 0 }, values: { kind: 'one-hot' } } },
                  ],
                },
              },
            ],
          },
        ],
        ['log', { kind: 'function' }],
      ],
    );
    assert.match(call!.parameters[0]!.why, /`nextBatch\(\)\.xs` for the input of policy/);
  });

  it('a reshape says the samples\' shape: a tensor the code makes 28×28 images of', () => {
    const [call] = callsOf(`import * as tf from '@tensorflow/tfjs';
const weights = tf.variable(tf.randomNormal([784, 10]));
const optimizer = tf.train.sgd(0.1);
export function train(images: tf.Tensor, labels: tf.Tensor) {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, images.as4D(-1, 28, 28, 1).as2D(-1, 784).matMul(weights)) as tf.Scalar);
}`);
    assert.deepEqual(call?.parameters[0]?.argument, { kind: 'tensor', shape: { of: 'literal', shape: [null, 28, 28, 1] }, values: { kind: 'normal' } });
    assert.deepEqual(call?.parameters[1]?.argument, { kind: 'tensor', shape: { of: 'literal', shape: [null, 10] }, values: { kind: 'one-hot' } });
  });

  it('a function a page calls with its real data is called with made-up data all the same, and says who calls it', () => {
    const file = path.join(ROOT, 'model.js');
    const page = path.join(ROOT, 'index.js');
    const texts = new Map([
      [file, `import * as tf from '@tensorflow/tfjs';
const weights = tf.variable(tf.randomNormal([4, 3]));
const optimizer = tf.train.sgd(0.1);
export function train(data) {
  optimizer.minimize(() => { const batch = data.next(); return tf.losses.softmaxCrossEntropy(batch.labels, batch.xs.matMul(weights)); });
}`],
      [page, `import { train } from './model.js';
import { Data } from './data.js';
document.getElementById('go').onclick = () => train(new Data());`],
    ]);
    const workspace = new Workspace({ fileSystem: { readFile: (name) => texts.get(name) } });
    workspace.addKnownFiles(texts.keys());
    workspace.indexPending();
    const [call] = fileModels(workspace, file, {}, {}).stepCalls;
    assert.equal(call?.owner, 'train');
    assert.equal(call.calledElsewhere, true);
    assert.equal(call.parameters[0]?.argument.kind, 'object');
  });

  it('stays silent on a parameter whose use says nothing of its shape, and on functions it must not call', () => {
    const silent = [
      // An object whose member the code also reads as something else (a count), or passes on whole.
      `export function step(batch: { xs: tf.Tensor; size: number }) { if (batch.size > 0) optimizer.minimize(() => (policy.predict(batch.xs) as tf.Tensor).sum() as tf.Scalar); }`,
      `export function step(batch: { xs: tf.Tensor }) { console.log(batch); optimizer.minimize(() => (policy.predict(batch.xs) as tf.Tensor).sum() as tf.Scalar); }`,
      // A callback whose result the code uses: a function that does nothing would give it undefined.
      `export function step(xs: tf.Tensor, rate: () => number) { const r = rate(); optimizer.minimize(() => (policy.predict(xs) as tf.Tensor).sum().mul(r) as tf.Scalar); }`,
      // Whole numbers of a range nothing states.
      `export function step(xs: tf.Tensor, ids: number[]) { const t = tf.tensor1d(ids, 'int32'); optimizer.minimize(() => (policy.predict(xs) as tf.Tensor).sum().add(t.sum()) as tf.Scalar); }`,
      // A parameter used in a way the analysis does not read (a reshape to sizes of its own).
      `export function step(xs: tf.Tensor, scale: number) { optimizer.minimize(() => (policy.predict(xs.reshape([scale, 5])) as tf.Tensor).sum() as tf.Scalar); }`,
      // Not exported: nothing outside can call it either.
      `function step(xs: tf.Tensor) { optimizer.minimize(() => (policy.predict(xs) as tf.Tensor).sum() as tf.Scalar); }`,
      // No parameter that is data: the export needs no stand-in.
      `export function step() { optimizer.minimize(() => (policy.predict(tf.ones([2, 5])) as tf.Tensor).sum() as tf.Scalar); }`,
    ];
    for (const code of silent) assert.deepEqual(callsOf(`${MODEL}\n${code}`), [], code);
  });
});
