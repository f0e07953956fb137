import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TrainingFix } from '../../../overfit/src/training/types';
import { applyEdits } from './edits';
import { parseSource } from './source';
import { trainingFixEdit } from './training-fixes';

const FILE = path.resolve('/virtual/training/train.ts');
const JS_FILE = path.resolve('/virtual/training/train.js');

/** The 1-based line of the first line of `text` that contains `marker`. */
function lineWith(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  assert.ok(index >= 0, `"${marker}" is in the text`);
  return index + 1;
}

/** The text after the fix, which must parse. */
function fixed(text: string, fix: TrainingFix, file = FILE): string {
  const result = trainingFixEdit(file, text, fix);
  assert.equal(result.kind, 'edit', result.kind === 'unplaced' ? result.reason : '');
  if (result.kind !== 'edit') throw new Error('unreachable');
  const after = applyEdits(text, result.edits);
  assert.equal(parseSource(file, after).syntaxError, undefined, `the edited text parses:\n${after}`);
  return after;
}

function reason(text: string, fix: TrainingFix, file = FILE): string {
  const result = trainingFixEdit(file, text, fix);
  assert.equal(result.kind, 'unplaced', result.kind === 'edit' ? `unexpected edit: ${JSON.stringify(result.edits)}` : '');
  return result.kind === 'unplaced' ? result.reason : '';
}

const epochsAt = (text: string, marker: string, epochs: number): TrainingFix => ({ kind: 'set-epochs', at: { file: FILE, line: lineWith(text, marker) }, epochs });
const stopAt = (text: string, marker: string): TrainingFix => ({ kind: 'add-early-stopping', at: { file: FILE, line: lineWith(text, marker) }, monitor: 'val_loss', patience: 5 });
const shuffleAt = (text: string, marker: string): TrainingFix => ({ kind: 'shuffle-before-split', at: { file: FILE, line: lineWith(text, marker) } });

const HEAD = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
const xs = tf.randomNormal([100, 4]);
const ys = tf.randomNormal([100, 1]);
`;

describe('training fix: set-epochs', () => {
  it('replaces the number written in the config', () => {
    const text = `${HEAD}await model.fit(xs, ys, { epochs: 50, batchSize: 32 });\n`;
    assert.equal(fixed(text, epochsAt(text, 'model.fit', 150)), `${HEAD}await model.fit(xs, ys, { epochs: 150, batchSize: 32 });\n`);
  });

  it('finds the call by the line of its method name in a chain split over lines', () => {
    const text = `${HEAD}const history = await model
  .fit(xs, ys, {
    epochs: 5,
  });
`;
    assert.match(fixed(text, epochsAt(text, '.fit(', 40)), /epochs: 40,/);
    // The line of the statement, and a line inside the config, find it too.
    assert.match(fixed(text, epochsAt(text, 'const history', 40)), /epochs: 40,/);
    assert.match(fixed(text, epochsAt(text, 'epochs: 5', 40)), /epochs: 40,/);
  });

  it('adds epochs to a config without it, in the config\'s layout', () => {
    const inline = `${HEAD}await model.fit(xs, ys, { batchSize: 32 });\n`;
    assert.equal(fixed(inline, epochsAt(inline, 'model.fit', 20)), `${HEAD}await model.fit(xs, ys, { batchSize: 32, epochs: 20 });\n`);
    const multiline = `${HEAD}await model.fit(xs, ys, {\n  batchSize: 32,\n});\n`;
    assert.equal(fixed(multiline, epochsAt(multiline, 'model.fit', 20)), `${HEAD}await model.fit(xs, ys, {\n  batchSize: 32,\n  epochs: 20,\n});\n`);
  });

  it('adds a config argument to a call without one (fit and fitDataset)', () => {
    const fit = `${HEAD}await model.fit(xs, ys);\n`;
    assert.equal(fixed(fit, epochsAt(fit, 'model.fit', 30)), `${HEAD}await model.fit(xs, ys, { epochs: 30 });\n`);
    const dataset = `${HEAD}const data = tf.data.array([]);\nawait model.fitDataset(data);\n`;
    assert.match(fixed(dataset, epochsAt(dataset, 'fitDataset', 30)), /model\.fitDataset\(data, \{ epochs: 30 \}\);/);
    const trailing = `${HEAD}await model.fit(\n  xs,\n  ys,\n);\n`;
    assert.match(fixed(trailing, epochsAt(trailing, 'model.fit', 30)), /ys, \{ epochs: 30 \},\n\);/);
  });

  it('changes a constant read only by this call at its declaration', () => {
    const text = `${HEAD}const EPOCHS = 50;\nawait model.fit(xs, ys, { epochs: EPOCHS });\n`;
    assert.equal(fixed(text, epochsAt(text, 'model.fit', 150)), `${HEAD}const EPOCHS = 150;\nawait model.fit(xs, ys, { epochs: EPOCHS });\n`);
    const shorthand = `${HEAD}const epochs = 50;\nawait model.fit(xs, ys, { epochs });\n`;
    assert.equal(fixed(shorthand, epochsAt(shorthand, 'model.fit', 150)), `${HEAD}const epochs = 150;\nawait model.fit(xs, ys, { epochs });\n`);
  });

  it('changes the property, not a constant that other code reads too', () => {
    const text = `${HEAD}const EPOCHS = 50;\nawait model.fit(xs, ys, { epochs: EPOCHS });\nconsole.log(\`trained \${EPOCHS} epochs\`);\n`;
    assert.match(fixed(text, epochsAt(text, 'model.fit', 150)), /const EPOCHS = 50;\nawait model\.fit\(xs, ys, \{ epochs: 150 \}\);/);
    const shorthand = `${HEAD}const epochs = 50;\nawait model.fit(xs, ys, { epochs });\nconsole.log(epochs);\n`;
    assert.match(fixed(shorthand, epochsAt(shorthand, 'model.fit', 150)), /\{ epochs: 150 \}/);
    const variable = `${HEAD}let epochs = 50;\nawait model.fit(xs, ys, { epochs });\n`;
    assert.match(fixed(variable, epochsAt(variable, 'model.fit', 150)), /let epochs = 50;\nawait model\.fit\(xs, ys, \{ epochs: 150 \}\);/);
    const imported = `import EPOCHS from './settings';\n${HEAD}{\n  const EPOCHS = 5;\n}\nawait model.fit(xs, ys, { epochs: EPOCHS });\n`;
    assert.match(fixed(imported, epochsAt(imported, 'model.fit', 150)), /const EPOCHS = 5;\n\}\nawait model\.fit\(xs, ys, \{ epochs: 150 \}\);/);
    const parameter = `${HEAD}async function train(n: number) {\n  await model.fit(xs, ys, { epochs: n * 2 });\n}\n`;
    assert.match(fixed(parameter, epochsAt(parameter, 'model.fit', 150)), /\{ epochs: 150 \}/);
  });

  it('edits a config object held in a constant used only by the call', () => {
    const text = `${HEAD}const config = { batchSize: 16, epochs: 3 };\nawait model.fit(xs, ys, config);\n`;
    assert.match(fixed(text, epochsAt(text, 'model.fit', 12)), /const config = \{ batchSize: 16, epochs: 12 \};/);
  });

  it('places nothing where it cannot tell what to change', () => {
    const shared = `${HEAD}const config = { epochs: 3 };\nawait model.fit(xs, ys, config);\nawait model.fit(xs, ys, config);\n`;
    assert.match(reason(shared, epochsAt(shared, 'model.fit', 12)), /used by more than this call/);
    const built = `${HEAD}await model.fit(xs, ys, makeConfig());\n`;
    assert.match(reason(built, epochsAt(built, 'model.fit', 12)), /not an object written at the call/);
    const spread = `${HEAD}await model.fit(xs, ys, { epochs: 3, ...overrides });\n`;
    assert.match(reason(spread, epochsAt(spread, 'model.fit', 12)), /spread after/);
    const elsewhere = `${HEAD}model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nawait model.fit(xs, ys, { epochs: 3 });\n`;
    assert.match(reason(elsewhere, epochsAt(elsewhere, 'model.compile', 12)), /no fit or fitDataset call is at line 5/);
    const broken = `${HEAD}await model.fit(xs, ys, { epochs: 3 };\n`;
    assert.match(reason(broken, epochsAt(broken, 'model.fit', 12)), /does not parse/);
    assert.match(reason(HEAD, { kind: 'set-epochs', at: { file: FILE, line: 2 }, epochs: 0 }), /not a number of epochs/);
    assert.match(reason(HEAD, { kind: 'set-epochs', at: { file: FILE, line: 0 }, epochs: 3 }), /not a line/);
  });
});

describe('training fix: add-early-stopping', () => {
  it('adds the callback to a config without callbacks, with the file\'s name and quotes for tfjs', () => {
    const text = `${HEAD}await model.fit(xs, ys, { epochs: 100, validationSplit: 0.2 });\n`;
    assert.equal(
      fixed(text, stopAt(text, 'model.fit')),
      `${HEAD}await model.fit(xs, ys, { epochs: 100, validationSplit: 0.2, callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 5 }) });\n`,
    );
    const named = `import * as tfjs from "@tensorflow/tfjs-node";\nawait model.fit(xs, ys, { epochs: 100 });\n`;
    assert.match(fixed(named, stopAt(named, 'model.fit')), /callbacks: tfjs\.callbacks\.earlyStopping\(\{ monitor: "val_loss", patience: 5 \}\)/);
    const required = `const tf = require('@tensorflow/tfjs-node');\nmodel.fit(xs, ys, { epochs: 100 });\n`;
    assert.match(fixed(required, stopAt(required, 'model.fit'), JS_FILE), /tf\.callbacks\.earlyStopping/);
    const namedCallbacks = `import { sequential, callbacks as cb } from '@tensorflow/tfjs';\nawait model.fit(xs, ys, { epochs: 100 });\n`;
    assert.match(fixed(namedCallbacks, stopAt(namedCallbacks, 'model.fit')), /callbacks: cb\.earlyStopping\(/);
    const global = `const model = tf.sequential();\nmodel.fit(xs, ys);\n`;
    assert.match(fixed(global, stopAt(global, 'model.fit'), JS_FILE), /model\.fit\(xs, ys, \{ callbacks: tf\.callbacks\.earlyStopping\(/);
  });

  it('appends to a list of callback objects', () => {
    const text = `${HEAD}await model.fit(xs, ys, { callbacks: [new Logger()] });\n`;
    assert.match(fixed(text, stopAt(text, 'model.fit')), /callbacks: \[new Logger\(\), tf\.callbacks\.earlyStopping\(\{ monitor: 'val_loss', patience: 5 \}\)\]/);
    const multiline = `${HEAD}await model.fit(xs, ys, {\n  callbacks: [\n    new Logger(),\n  ],\n});\n`;
    assert.match(fixed(multiline, stopAt(multiline, 'model.fit')), /\[\n {4}new Logger\(\),\n {4}tf\.callbacks\.earlyStopping\(\{ monitor: 'val_loss', patience: 5 \}\),\n {2}\]/);
    const empty = `${HEAD}await model.fit(xs, ys, { callbacks: [] });\n`;
    assert.match(fixed(empty, stopAt(empty, 'model.fit')), /callbacks: \[tf\.callbacks\.earlyStopping\(/);
  });

  it('wraps callback functions in tf.CustomCallback, as tfjs does, before adding the callback object', () => {
    const single = `${HEAD}await model.fit(xs, ys, { callbacks: { onEpochEnd: (epoch, logs) => console.log(logs) } });\n`;
    assert.match(
      fixed(single, stopAt(single, 'model.fit')),
      /callbacks: \[new tf\.CustomCallback\(\{ onEpochEnd: \(epoch, logs\) => console\.log\(logs\) \}\), tf\.callbacks\.earlyStopping\(/,
    );
    const list = `${HEAD}await model.fit(xs, ys, { callbacks: [{ onEpochEnd: log }, tfvis.show.fitCallbacks(box, ['loss'])] });\n`;
    assert.match(
      fixed(list, stopAt(list, 'model.fit')),
      /\[new tf\.CustomCallback\(\{ onEpochEnd: log \}\), new tf\.CustomCallback\(tfvis\.show\.fitCallbacks\(box, \['loss'\]\)\), tf\.callbacks\.earlyStopping\(/,
    );
    const vis = `${HEAD}await model.fit(xs, ys, { callbacks: tfvis.show.fitCallbacks(box, ['loss']) });\n`;
    assert.match(fixed(vis, stopAt(vis, 'model.fit')), /callbacks: \[new tf\.CustomCallback\(tfvis\.show\.fitCallbacks\(box, \['loss'\]\)\), tf\.callbacks/);
    const viaConst = `${HEAD}const logger = { onEpochEnd: log };\nawait model.fit(xs, ys, { callbacks: logger });\n`;
    assert.match(fixed(viaConst, stopAt(viaConst, 'model.fit')), /callbacks: \[new tf\.CustomCallback\(logger\), tf\.callbacks/);
    const shorthand = `${HEAD}const callbacks = new Logger();\nawait model.fit(xs, ys, { callbacks });\n`;
    assert.match(fixed(shorthand, stopAt(shorthand, 'model.fit')), /\{ callbacks: \[callbacks, tf\.callbacks\.earlyStopping\(/);
  });

  it('places nothing where early stopping is there or the callbacks cannot be told apart', () => {
    const already = `${HEAD}await model.fit(xs, ys, { callbacks: tf.callbacks.earlyStopping({ monitor: 'loss' }) });\n`;
    assert.match(reason(already, stopAt(already, 'model.fit')), /already stops early/);
    const inList = `${HEAD}await model.fit(xs, ys, { callbacks: [new Logger(), tf.callbacks.earlyStopping()] });\n`;
    assert.match(reason(inList, stopAt(inList, 'model.fit')), /already stops early/);
    const unknown = `${HEAD}await model.fit(xs, ys, { callbacks: makeCallbacks() });\n`;
    assert.match(reason(unknown, stopAt(unknown, 'model.fit')), /cannot tell whether `makeCallbacks\(\)`/);
    const functionsOnlyNamed = `import { callbacks as cb } from '@tensorflow/tfjs';\nawait model.fit(xs, ys, { callbacks: { onEpochEnd: log } });\n`;
    assert.match(reason(functionsOnlyNamed, stopAt(functionsOnlyNamed, 'model.fit')), /no tfjs namespace/);
    const noTfjs = `import { model } from './model';\nawait model.fit(xs, ys, { epochs: 3 });\n`;
    assert.match(reason(noTfjs, stopAt(noTfjs, 'model.fit')), /imports no tfjs namespace/);
    assert.match(reason(HEAD, { kind: 'add-early-stopping', at: { file: FILE, line: 2 }, monitor: "val_loss' + x + '", patience: 5 }), /not a metric name/);
  });
});

describe('training fix: shuffle-before-split', () => {
  it('shuffles samples and labels with one permutation before an awaited fit, and disposes the copies after it', () => {
    const text = `${HEAD}async function train() {\n  const history = await model.fit(xs, ys, { epochs: 10, validationSplit: 0.2 });\n  return history;\n}\n`;
    assert.equal(
      fixed(text, shuffleAt(text, 'model.fit')),
      `${HEAD}async function train() {
  // validationSplit takes the last samples as they are ordered: shuffle samples and labels together first.
  const shuffledOrder = Array.from(tf.util.createShuffledIndices(xs.shape[0]));
  const xsShuffled = tf.gather(xs, shuffledOrder);
  const ysShuffled = tf.gather(ys, shuffledOrder);
  const history = await model.fit(xsShuffled, ysShuffled, { epochs: 10, validationSplit: 0.2 });
  tf.dispose([xsShuffled, ysShuffled]);
  return history;
}
`,
    );
  });

  it('keeps the file\'s semicolons, takes fresh names, and leaves the copies to a fit that is not awaited', () => {
    const text = `import * as tf from '@tensorflow/tfjs'\nconst xsShuffled = 1\nmodel.fit(data.xs, data.labels, { validationSplit: 0.1 }).then(report)\n`;
    const after = fixed(text, shuffleAt(text, 'model.fit'), JS_FILE);
    assert.match(after, /const shuffledOrder = Array\.from\(tf\.util\.createShuffledIndices\(data\.xs\.shape\[0\]\)\)\n/);
    assert.match(after, /const xsShuffled2 = tf\.gather\(data\.xs, shuffledOrder\)\nconst labelsShuffled = tf\.gather\(data\.labels, shuffledOrder\)\n/);
    assert.match(after, /model\.fit\(xsShuffled2, labelsShuffled, \{ validationSplit: 0\.1 \}\)\.then\(report\)\n$/);
    assert.doesNotMatch(after, /dispose/);
  });

  it('places nothing without a split, for fitDataset, or where the data cannot be read twice', () => {
    const noSplit = `${HEAD}await model.fit(xs, ys, { epochs: 3 });\n`;
    assert.match(reason(noSplit, shuffleAt(noSplit, 'model.fit')), /no validationSplit/);
    const noConfig = `${HEAD}await model.fit(xs, ys);\n`;
    assert.match(reason(noConfig, shuffleAt(noConfig, 'model.fit')), /no validationSplit/);
    const dataset = `${HEAD}await model.fitDataset(data, { epochs: 3 });\n`;
    assert.match(reason(dataset, shuffleAt(dataset, 'fitDataset')), /fitDataset takes no validationSplit/);
    const computed = `${HEAD}await model.fit(xs.div(255), ys, { validationSplit: 0.2 });\n`;
    assert.match(reason(computed, shuffleAt(computed, 'model.fit')), /not plain names/);
    const arrow = `${HEAD}const train = () => model.fit(xs, ys, { validationSplit: 0.2 });\n`;
    assert.match(reason(arrow, shuffleAt(arrow, 'model.fit')), /not in a statement of its own/);
    const named = `import { sequential } from '@tensorflow/tfjs';\nawait model.fit(xs, ys, { validationSplit: 0.2 });\n`;
    assert.match(reason(named, shuffleAt(named, 'model.fit')), /no tfjs namespace/);
  });
});

describe('training fix: set-learning-rate', () => {
  const rateAt = (text: string, marker: string, learningRate: number): TrainingFix => ({ kind: 'set-learning-rate', at: { file: FILE, line: lineWith(text, marker) }, learningRate });

  it("writes the rate into the optimizer of the model the fit call trains, as the overfit panel's Use <rate> does", () => {
    const text = `${HEAD}model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });\nawait model.fit(xs, ys, { epochs: 20 });\n`;
    assert.equal(fixed(text, rateAt(text, 'model.fit', 0.05)), text.replace('tf.train.sgd(0.5)', 'tf.train.sgd(0.05)'));
    const named = `${HEAD}model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nawait model.fit(xs, ys, { epochs: 20 });\n`;
    assert.equal(fixed(named, rateAt(named, 'model.fit', 0.0001)), named.replace("'adam'", 'tf.train.adam(0.0001)'));
  });

  it('says why when the rate cannot be placed: a rate given as a parameter', () => {
    const text = `${HEAD}export async function train(rate: number) {\n  model.compile({ optimizer: tf.train.sgd(rate), loss: 'meanSquaredError' });\n  await model.fit(xs, ys, { epochs: 20 });\n}\n`;
    assert.ok(reason(text, rateAt(text, 'model.fit', 0.05)).length > 0);
  });
});
