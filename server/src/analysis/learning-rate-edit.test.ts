import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from './edits';
import { learningRateEdit } from './learning-rate-edit';

const FILE = '/project/train.js';

/** The code after the edit at the line holding `marker` (the first such line). */
function edited(code: string, marker: string, rate = 0.003): string {
  const line = code.split('\n').findIndex((text) => text.includes(marker)) + 1;
  assert.ok(line > 0, `no line holds ${marker}`);
  const result = learningRateEdit(code, { file: FILE, line }, rate);
  assert.equal(result.kind, 'edit', result.kind === 'none' ? result.reason : '');
  return applyEdits(code, result.kind === 'edit' ? result.edits : []);
}

function reason(code: string, line: number, rate = 0.003, file = FILE): string {
  const result = learningRateEdit(code, { file, line }, rate);
  assert.equal(result.kind, 'none', result.kind === 'edit' ? JSON.stringify(result.edits) : '');
  return result.kind === 'none' ? result.reason : '';
}

const HEADER = "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\n";

describe('learningRateEdit', () => {
  it('replaces the rate written in the factory call', () => {
    const code = `${HEADER}const optimizer = tf.train.adam(0.01);\nmodel.compile({ optimizer, loss: 'mse' });\n`;
    assert.equal(edited(code, 'tf.train.adam'), `${HEADER}const optimizer = tf.train.adam(0.003);\nmodel.compile({ optimizer, loss: 'mse' });\n`);
  });

  it('keeps the factory\'s other arguments', () => {
    const code = `${HEADER}model.compile({ optimizer: tf.train.momentum(1e-2, 0.9), loss: 'mse' });\n`;
    assert.equal(edited(code, 'momentum', 0.05), `${HEADER}model.compile({ optimizer: tf.train.momentum(0.05, 0.9), loss: 'mse' });\n`);
  });

  it('replaces a rate computed from literals only', () => {
    const code = `${HEADER}const opt = tf.train.sgd(1 / 100);\n`;
    assert.equal(edited(code, 'sgd'), `${HEADER}const opt = tf.train.sgd(0.003);\n`);
  });

  it('changes a constant used only by the optimizer', () => {
    const code = `${HEADER}const LR = 0.1;\nconst opt = tf.train.sgd(LR);\n`;
    assert.equal(edited(code, 'tf.train.sgd'), `${HEADER}const LR = 0.003;\nconst opt = tf.train.sgd(LR);\n`);
  });

  it('changes the argument when the constant has other uses', () => {
    const code = `${HEADER}const LR = 0.1;\nconst opt = tf.train.sgd(LR);\nconsole.log('rate', LR);\n`;
    assert.equal(edited(code, 'tf.train.sgd'), `${HEADER}const LR = 0.1;\nconst opt = tf.train.sgd(0.003);\nconsole.log('rate', LR);\n`);
  });

  it('leaves a name declared twice (which one the call reads is not certain)', () => {
    const code = `${HEADER}const LR = 0.1;\nfunction f() { const LR = 0.5; return LR; }\nconst opt = tf.train.sgd(LR);\n`;
    assert.equal(reason(code, 5).length > 0, true);
  });

  it('adds the rate to a factory called without one', () => {
    const code = `${HEADER}model.compile({ optimizer: tf.train.adam(), loss: 'mse' });\n`;
    assert.equal(edited(code, 'compile', 1e-7), `${HEADER}model.compile({ optimizer: tf.train.adam(1e-7), loss: 'mse' });\n`);
  });

  it('turns an optimizer string into a factory call with the file\'s name for tfjs', () => {
    const code = "import * as tfjs from '@tensorflow/tfjs-node';\nconst model = tfjs.sequential();\nmodel.compile({\n  optimizer: 'adam',\n  loss: 'meanSquaredError',\n});\n";
    assert.equal(edited(code, 'model.compile'), code.replace("'adam'", 'tfjs.train.adam(0.003)'));
    const rms = `${HEADER}model.compile({ optimizer: "RMSProp", loss: 'mse' });\n`;
    assert.equal(edited(rms, 'compile'), rms.replace('"RMSProp"', 'tf.train.rmsprop(0.003)'));
  });

  it('uses require and a global tf', () => {
    const required = "const tf = require('@tensorflow/tfjs');\nconst model = tf.sequential();\nmodel.compile({ optimizer: 'sgd', loss: 'mse' });\n";
    assert.equal(edited(required, 'compile'), required.replace("'sgd'", 'tf.train.sgd(0.003)'));
    const global = "const model = tf.sequential();\nmodel.compile({ optimizer: 'sgd', loss: 'mse' });\n";
    assert.equal(edited(global, 'compile'), global.replace("'sgd'", 'tf.train.sgd(0.003)'));
  });

  it('follows the optimizer variable given to compile', () => {
    const code = `${HEADER}const opt = tf.train.rmsprop(0.01, 0.95);\nmodel.compile({ optimizer: opt, loss: 'mse' });\n`;
    assert.equal(edited(code, 'model.compile'), `${HEADER}const opt = tf.train.rmsprop(0.003, 0.95);\nmodel.compile({ optimizer: opt, loss: 'mse' });\n`);
  });

  it('goes from a fit call to the model\'s one compile', () => {
    const code = `${HEADER}model.compile({\n  optimizer: tf.train.adam(0.01),\n  loss: 'mse',\n});\nawait model.fit(xs, ys, { epochs: 5 });\n`;
    assert.equal(edited(code, 'model.fit'), code.replace('adam(0.01)', 'adam(0.003)'));
  });

  it('edits a multi-line compile from the line it starts on', () => {
    const code = `${HEADER}model.compile({\n  optimizer: tf.train.sgd(0.5),\n  loss: 'mse',\n});\n`;
    assert.equal(edited(code, 'model.compile'), code.replace('sgd(0.5)', 'sgd(0.003)'));
  });

  it('leaves a rate that comes from a parameter, an import or a computation', () => {
    const parameter = `${HEADER}function make(lr) {\n  return tf.train.adam(lr);\n}\n`;
    assert.match(reason(parameter, 4), /comes from lr, which is not a number written in this file/);
    const imported = `${HEADER}import { LR } from './config.js';\nconst opt = tf.train.adam(LR);\n`;
    assert.match(reason(imported, 4), /comes from LR/);
    const computed = `${HEADER}const base = 0.1;\nconst opt = tf.train.adam(base * 0.5);\n`;
    assert.match(reason(computed, 4), /is computed \(base \* 0\.5\)/);
  });

  it('leaves what it cannot follow, and says why', () => {
    assert.match(reason(`${HEADER}model.compile(options);\n`, 3), /not given its options as an object/);
    assert.match(reason(`${HEADER}model.compile({ loss: 'mse' });\n`, 3), /compile sets no optimizer/);
    assert.match(reason(`${HEADER}model.compile({ optimizer: makeOptimizer(), loss: 'mse' });\n`, 3), /not one whose rate can be set/);
    assert.match(reason(`${HEADER}model.compile({ optimizer: opt, loss: 'mse' });\n`, 3), /not created by a tf\.train call in this file/);
    assert.match(reason("const model = make();\nmodel.compile({ optimizer: 'adam', loss: 'mse' });\n", 2), /no name for TensorFlow\.js/);
    assert.match(reason(`${HEADER}await model.fit(xs, ys);\n`, 3), /model is not compiled in this file/);
    assert.match(reason(`${HEADER}model.compile({ optimizer: 'adam', loss: 'mse' });\nmodel.compile({ optimizer: 'sgd', loss: 'mse' });\nawait model.fit(xs, ys);\n`, 5), /compiled in 2 places/);
    assert.match(reason(`${HEADER}const a = tf.train.adam(0.1), b = tf.train.sgd(0.1);\n`, 3), /several optimizers/);
    assert.match(reason(`${HEADER}console.log(1);\n`, 3), /creates no optimizer/);
    assert.match(reason(HEADER, 40), /not in the file/);
    assert.match(reason(`${HEADER}const opt = tf.train.adam(0.01);\n`, 3, 0), /must be a positive number/);
    assert.match(reason(`${HEADER}const opt = tf.train.adam(0.01);\n`, 3, Number.NaN), /must be a positive number/);
    assert.match(reason('<script>tf.train.adam(0.01)</script>', 1, 0.003, '/project/index.html'), /HTML page/);
  });

  it('reads TypeScript', () => {
    const code = "import * as tf from '@tensorflow/tfjs';\nconst LR: number = 0.01;\nexport const optimizer: tf.Optimizer = tf.train.adam(LR);\n";
    const line = 3;
    const result = learningRateEdit(code, { file: '/project/model.ts', line }, 0.002);
    assert.equal(result.kind, 'edit');
    assert.equal(applyEdits(code, result.kind === 'edit' ? result.edits : []), code.replace('LR: number = 0.01', 'LR: number = 0.002'));
  });
});
