import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { configValue } from '../../../rules/core/config';
import type { ModelNode, ProgramGraph } from '../../../rules/core/graph';
import { outputHeads } from '../../../rules/core/model';
import { Workspace } from './workspace';

const ROOT = path.resolve('/virtual/extraction');

/** Runs the extractor from `entry` over in-memory files and returns the model graph. */
function extract(files: Record<string, string>, entry = Object.keys(files)[0]!): ProgramGraph {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) } });
  const { run } = workspace.run(path.join(ROOT, entry));
  assert.deepEqual([...run.partial], []);
  return run.graph;
}

/** A model as a readable summary: kind, layers with their main options, compile losses. */
function describeModel(model: ModelNode): { kind: string; layers: string[]; losses: unknown[]; complete: boolean } {
  const layers = model.slots.map((slot) => {
    if (!slot.layer) return '?';
    const units = configValue(slot.layer.config, 'units') ?? configValue(slot.layer.config, 'filters');
    const activation = configValue(slot.layer.config, 'activation');
    const parts = [slot.layer.factory];
    if (units?.kind === 'primitive') parts.push(String(units.value));
    else if (units) parts.push('?');
    if (activation?.kind === 'primitive') parts.push(String(activation.value));
    if (slot.conditional) parts.push('(conditional)');
    if (slot.repeated) parts.push('(repeated)');
    return parts.join(' ');
  });
  const losses = model.compiles.map((compile) => {
    const loss = configValue(compile.config, 'loss');
    return loss?.kind === 'primitive' ? loss.value : loss?.kind === 'tf' ? `tf.${loss.path}` : loss?.kind;
  });
  return { kind: model.kind, layers, losses, complete: model.incomplete.length === 0 };
}

function onlyModel(graph: ProgramGraph): ReturnType<typeof describeModel> {
  const compiled = graph.models.filter((model) => model.compiles.length > 0);
  const models = compiled.length > 0 ? compiled : graph.models;
  assert.equal(models.length, 1, `expected one model, found ${models.length}`);
  return describeModel(models[0]!);
}

const SEQUENTIAL_BODY = `
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

describe('model extraction', () => {
  describe('imports of the tfjs API', () => {
    const forms: Record<string, string> = {
      'namespace import of @tensorflow/tfjs': "import * as tf from '@tensorflow/tfjs';",
      'default import of @tensorflow/tfjs-node': "import tf from '@tensorflow/tfjs-node';",
      'namespace import of @tensorflow/tfjs-node-gpu': "import * as tf from '@tensorflow/tfjs-node-gpu';",
      'require of @tensorflow/tfjs': "const tf = require('@tensorflow/tfjs');",
      'import = require (TypeScript)': "import tf = require('@tensorflow/tfjs');",
      'the global of the script-tag bundle': '',
    };
    for (const [name, header] of Object.entries(forms)) {
      it(name, () => {
        assert.deepEqual(onlyModel(extract({ 'main.ts': header + SEQUENTIAL_BODY })).layers, ['dense 8 relu', 'dense 1 sigmoid']);
      });
    }

    it('named imports from @tensorflow/tfjs-layers', () => {
      const graph = extract({
        'main.ts': `import { sequential, layers } from '@tensorflow/tfjs-layers';
const model = sequential({ layers: [layers.dense({ units: 4, inputShape: [2] }), layers.dense({ units: 2, activation: 'softmax' })] });
model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });`,
      });
      assert.deepEqual(onlyModel(graph), { kind: 'sequential', layers: ['dense 4', 'dense 2 softmax'], losses: ['categoricalCrossentropy'], complete: true });
    });

    it('destructured require', () => {
      const graph = extract({
        'main.js': `const { sequential, layers: l, train } = require('@tensorflow/tfjs');
const model = sequential();
model.add(l.dense({ units: 3, inputShape: [3], activation: 'tanh' }));
model.compile({ optimizer: train.adam(0.01), loss: 'meanSquaredError' });`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 3 tanh']);
    });

    it('a module that is not tfjs gives unknown values', () => {
      const graph = extract({
        'main.ts': `import * as tf from 'not-tensorflow';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1 }));`,
      });
      assert.equal(graph.models.length, 0);
    });
  });

  describe('model building styles', () => {
    it('tf.sequential() and model.add', () => {
      assert.equal(onlyModel(extract({ 'main.ts': `import * as tf from '@tensorflow/tfjs';${SEQUENTIAL_BODY}` })).complete, true);
    });

    it('the functional API with tf.input, apply and tf.model', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const input = tf.input({ shape: [10] });
const hidden = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
const dropped = tf.layers.dropout({ rate: 0.2 }).apply(hidden);
const output = tf.layers.dense({ units: 3 }).apply(dropped);
const probabilities = tf.layers.activation({ activation: 'softmax' }).apply(output);
const model = tf.model({ inputs: input, outputs: probabilities });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
      });
      const model = graph.models[0]!;
      assert.equal(model.kind, 'functional');
      const [head] = outputHeads(model);
      assert.ok(head?.activation.known && head.activation.name === 'softmax');
      assert.ok(head.units.known && head.units.value === 3);
    });

    it('a separate activation layer is the output activation', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 5, inputShape: [4] }));
model.add(tf.layers.softmax());`,
      });
      const [head] = outputHeads(graph.models[0]!);
      assert.ok(head?.activation.known && head.activation.name === 'softmax' && head.activation.layer.factory === 'softmax');
      assert.ok(head.units.known && head.units.value === 5);
    });

    it('layers built by a helper function and by Array.map', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const WIDTHS = [64, 32];
function block(units: number) { return tf.layers.dense({ units, activation: 'relu' }); }
const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28] }), ...WIDTHS.map(block), tf.layers.dense({ units: 10, activation: 'softmax' })] });`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['flatten', 'dense 64 relu', 'dense 32 relu', 'dense 10 softmax']);
    });
  });

  describe('a class extending tf.Sequential', () => {
    it('is a sequential model made where the instance is: its constructor adds and compiles, its methods and the code train it', () => {
      const graph = extract({
        'agent.js': `import * as tf from '@tensorflow/tfjs';
class Policy extends tf.Sequential {
  constructor(states, actions) {
    super();
    this.actions = actions;
    this.add(tf.layers.dense({ units: 16, inputShape: [states], activation: 'relu' }));
    this.add(tf.layers.dense({ units: this.actions, activation: 'softmax' }));
    this.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  }
  learn(xs, ys) {
    return this.fit(xs, ys, { epochs: 5 });
  }
}
const policy = new Policy(4, 3);
policy.learn(tf.zeros([8, 4]), tf.zeros([8, 3]));`,
      });
      assert.equal(graph.models.length, 1);
      const model = graph.models[0]!;
      assert.equal(model.name, 'policy');
      assert.deepEqual(describeModel(model), { kind: 'sequential', layers: ['dense 16 relu', 'dense 3 softmax'], losses: ['categoricalCrossentropy'], complete: true });
      assert.equal(model.fits.length, 1, "the class's own method trains the model");
    });

    it("takes the layers of the config given to super, and a base class of the code's own in between", () => {
      const graph = extract({
        'nets.ts': `import { Sequential, layers } from '@tensorflow/tfjs';
class Base extends Sequential {
  constructor() {
    super({ layers: [layers.dense({ units: 4, inputShape: [2], activation: 'relu' })] });
  }
}
class Head extends Base {
  constructor() {
    super();
    this.add(layers.dense({ units: 1, activation: 'sigmoid' }));
  }
}
export const head = new Head();`,
      });
      assert.deepEqual(graph.models.map(describeModel), [{ kind: 'sequential', layers: ['dense 4 relu', 'dense 1 sigmoid'], losses: [], complete: true }]);
    });
  });

  describe('a class extending tf.LayersModel', () => {
    it('is a functional model made where the instance is, with the inputs and outputs its constructor gives super', () => {
      const graph = extract({
        'model.js': `import * as tf from '@tensorflow/tfjs';
class Regressor extends tf.LayersModel {
  constructor(features) {
    const input = tf.input({ shape: [features] });
    const hidden = tf.layers.dense({ units: 16, activation: 'relu' }).apply(input);
    super({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(hidden), name: 'regressor' });
  }
}
class Scaled extends Regressor {}
const model = new Scaled(3);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.zeros([8, 3]), tf.zeros([8, 1]));`,
      });
      assert.equal(graph.models.length, 1);
      const model = graph.models[0]!;
      assert.equal(model.kind, 'functional');
      assert.equal(model.name, 'model');
      assert.equal(model.outputs?.kind, 'symbolic');
      const output = model.outputs?.kind === 'symbolic' ? model.outputs.layer : undefined;
      const units = output && configValue(output.config, 'units');
      assert.equal(units?.kind === 'primitive' ? units.value : undefined, 1);
      assert.equal(model.inputs?.kind, 'symbolic');
      assert.equal(model.fits.length, 1);
      assert.deepEqual(describeModel(model).losses, ['meanSquaredError']);
    });

    it('without a constructor of its own, gives the model the config it is made with', () => {
      const graph = extract({
        'model.js': `import * as tf from '@tensorflow/tfjs';
class Named extends tf.LayersModel {}
class Stack extends tf.Sequential {}
const input = tf.input({ shape: [3] });
export const functional = new Named({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) });
export const sequential = new Stack({ layers: [tf.layers.dense({ units: 4, inputShape: [3] })] });`,
      });
      assert.deepEqual(graph.models.map((model) => [model.kind, model.outputs?.kind ?? describeModel(model).layers.join()]), [['functional', 'symbolic'], ['sequential', 'dense 4']]);
    });

    it('whose constructor gives super no outputs it can read is a model with unknown outputs, not a sequential one', () => {
      const graph = extract({
        'model.js': `import * as tf from '@tensorflow/tfjs';
class Loaded extends tf.LayersModel {
  constructor(config) { super(config); }
}
export const model = new Loaded(globalThis.config);`,
      });
      assert.equal(graph.models.length, 1);
      assert.equal(graph.models[0]!.kind, 'functional');
      assert.equal(graph.models[0]!.outputs?.kind, 'unknown');
    });
  });

  describe('constants', () => {
    it('folds constants, arithmetic and template strings', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const NUM_CLASSES = 5;
const HIDDEN = NUM_CLASSES * 2 + 2;
const ACTIVATION = \`re\${'lu'}\`;
const config = { units: HIDDEN, activation: ACTIVATION };
const model = tf.sequential();
model.add(tf.layers.dense({ ...config, inputShape: [4] }));
model.add(tf.layers.dense({ units: Math.max(NUM_CLASSES, 2), activation: 'softmax' }));`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 12 relu', 'dense 5 softmax']);
    });

    it('folds find, filter, some, every, findIndex and at when every test is known, not over an array the callback changes', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const sizes = [8, 16, 32];
const model = tf.sequential();
model.add(tf.layers.dense({ units: sizes.find((size) => size > 10), inputShape: [4] }));
model.add(tf.layers.dense({ units: sizes.filter((size) => size < 20).length + sizes.findIndex((size) => size === 32) }));
model.add(tf.layers.dense({ units: sizes.some((size) => size > 30) && sizes.every((size) => size % 8 === 0) ? sizes.at(-1) : 1 }));
model.add(tf.layers.dense({ units: sizes.some((size, index, all) => { all.pop(); return size === 32; }) ? 5 : 6 }));`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 16', 'dense 4', 'dense 32', 'dense ?']);
    });

    it('reads a const imported from another file', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
import { UNITS, OUTPUT_ACTIVATION as ACT } from './config';
import settings from './settings';
const model = tf.sequential();
model.add(tf.layers.dense({ units: UNITS, inputShape: [settings.features], activation: ACT }));`,
        'config.ts': `export const UNITS = 2 * 8;\nexport const OUTPUT_ACTIVATION = 'sigmoid';`,
        'settings.js': `module.exports = { features: 7 };`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 16 sigmoid']);
    });

    it('values changed on some paths become unknown', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
export function build(big: boolean) {
  let units = 8;
  if (big) units = 64;
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, inputShape: [4] }));
  return model;
}`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense ?']);
    });
  });

  describe('following models through code', () => {
    it('a factory that returns the model, compiled by the caller', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
  return model;
}
const model = createModel();
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      });
      assert.deepEqual(onlyModel(graph).losses, ['meanSquaredError']);
    });

    it('train(createModel()) where train compiles its parameter', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const createModel = () => tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2], activation: 'softmax' })] });
async function train(model: tf.Sequential, xs: tf.Tensor, ys: tf.Tensor) {
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model.fit(xs, ys, { epochs: 3 });
}
train(createModel(), tf.zeros([1, 2]), tf.zeros([1, 2]));`,
      });
      const model = graph.models.find((candidate) => candidate.compiles.length > 0)!;
      assert.equal(model.fits.length, 1);
      assert.equal(model.fits[0]!.compile, model.compiles[0]);
    });

    it('a factory imported from another file, compiled and fitted far from its definition', () => {
      const graph = extract(
        {
          'train.ts': `import { buildModel } from './models/mlp';
import { compileFor } from './compile';
const model = buildModel(3);
compileFor(model);
export async function run(xs: any, ys: any) { await model.fit(xs, ys); }`,
          'models/mlp.ts': `import * as tf from '@tensorflow/tfjs';
export function buildModel(classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  return model;
}`,
          'compile.ts': `export const compileFor = (model: any) => model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
        },
        'train.ts',
      );
      const summary = onlyModel(graph);
      assert.deepEqual(summary.layers, ['dense 16 relu', 'dense 3 softmax']);
      assert.deepEqual(summary.losses, ['categoricalCrossentropy']);
      assert.equal(graph.models.find((model) => model.compiles.length > 0)!.fits.length, 1);
    });

    it('a class that builds its model in a method and trains it in another', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
export class Agent {
  model: tf.Sequential;
  constructor(private readonly actions: number) {
    this.model = this.build();
    this.model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  }
  build() {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 24, inputShape: [4], activation: 'relu' }));
    model.add(tf.layers.dense({ units: this.actions }));
    return model;
  }
}
const agent = new Agent(2);`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 24 relu', 'dense 2']);
    });

    it('an event handler that is never called by the code is still analysed', () => {
      const graph = extract({
        'main.js': `const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
document.getElementById('train').addEventListener('click', async () => {
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await model.fit(xs, ys);
});`,
      });
      const model = graph.models[0]!;
      assert.equal(model.compiles.length, 1);
      assert.equal(model.compiles[0]!.conditional, true);
    });

    it('a module variable assigned and then used inside a function nothing calls', () => {
      const graph = extract({
        'main.js': `import * as tf from '@tensorflow/tfjs';
let head;
export async function trainHead(xs, ys) {
  head = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
  head.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  await head.fit(xs, ys, { epochs: 5 });
}`,
      });
      assert.deepEqual(onlyModel(graph).losses, ['categoricalCrossentropy']);
      assert.equal(graph.models[0]!.fits.length, 1);
    });

    it('an event listener runs once the code that registers it has finished: it sees the model declared after the registration', () => {
      const graph = extract({
        'main.js': `const trainButton = document.getElementById('train');
trainButton.addEventListener('click', async () => {
  await train(classifier);
});
async function train(model) {
  await model.fit(tf.randomNormal([8, 4]), tf.randomNormal([8, 2]), { epochs: 3 });
}
const classifier = tf.sequential();
classifier.add(tf.layers.dense({ units: 2, inputShape: [4] }));
classifier.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      });
      assert.equal(graph.models.length, 1);
      assert.equal(graph.models[0]!.fits.length, 1, 'fit reached through the listener, with the model it reads');
    });

    it('a listener registered by a listener runs too, after it', () => {
      const graph = extract({
        'main.js': `document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('train').addEventListener('click', () => model.fit(tf.ones([4, 1]), tf.ones([4, 1])));
});
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      });
      assert.equal(graph.models[0]!.fits.length, 1);
    });

    it('a listener that registers itself again runs once', () => {
      const graph = extract({
        'main.js': `const button = document.getElementById('train');
function onClick() {
  button.addEventListener('click', onClick);
  model.fit(tf.ones([4, 1]), tf.ones([4, 1]));
}
button.addEventListener('click', onClick);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      });
      assert.equal(graph.models[0]!.fits.length, 1);
    });

    it('a listener that registers a new arrow for the next message runs once', () => {
      const graph = extract({
        'main.js': `const socket = connect();
function listen() {
  socket.once('message', () => {
    model.fit(tf.ones([4, 1]), tf.ones([4, 1]));
    listen();
  });
}
listen();
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`,
      });
      assert.equal(graph.models[0]!.fits.length, 1);
    });

    it('a model made by a function that an event handler calls', () => {
      const graph = extract({
        'main.js': `let model;
function createModel(classes) {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: classes, inputShape: [8], activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}
document.getElementById('train').addEventListener('click', async () => {
  createModel(3);
  await model.fit(xs, ys, { epochs: 10 });
});`,
      });
      const fitted = graph.models.filter((model) => model.fits.length > 0);
      assert.equal(fitted.length, 1);
      assert.deepEqual(describeModel(fitted[0]!).layers, ['dense 3 softmax']);
    });
  });

  describe('values written by code that may not run', () => {
    it('after a function nothing calls, a variable it sets is unknown to later code', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
let rate = 0.001;
export function setRate(value: number) { rate = value; }
export function train() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  model.compile({ optimizer: tf.train.sgd(rate), loss: 'meanSquaredError' });
}`,
      });
      const optimizer = configValue(graph.models[0]!.compiles[0]!.config, 'optimizer');
      assert.equal(optimizer?.kind, 'tfObject');
      assert.equal(optimizer.kind === 'tfObject' && optimizer.args[0]?.kind, 'unknown');
    });

    it('a placeholder a function nothing calls fills with a model or tensors holds them for the functions after it', () => {
      const graph = extract({
        'main.js': `import * as tf from '@tensorflow/tfjs';
let model;
let xs = null;
const state = { labels: undefined };
export function createModel() {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}
export function loadData() {
  xs = tf.tensor2d([[0, 1], [1, 0]]);
  state.labels = tf.tensor2d([[1], [0]]);
}
export async function train() {
  await model.fit(xs, state.labels, { epochs: 5 });
}`,
      });
      const [fit] = graph.models[0]!.fits;
      assert.ok(fit, 'the fit of train is the model of createModel');
      assert.equal(fit.x.kind, 'tensor');
      assert.equal(fit.y?.kind, 'tensor');
    });

    it('sloppy code: a name assigned without a declaration is a global the code after it reads; an ES module makes none', () => {
      const code = (header: string) => `${header}
function createModel() {
  model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' }));
}
function compileModel() {
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
}`;
      const compiles = (graph: ProgramGraph) => graph.models.map((model) => model.compiles.length);
      assert.deepEqual(compiles(extract({ 'page.js': code("const tf = require('@tensorflow/tfjs');") })), [1]);
      assert.deepEqual(compiles(extract({ 'strict.js': code("'use strict';\nconst tf = require('@tensorflow/tfjs');") })), [0]);
      assert.deepEqual(compiles(extract({ 'module.mjs': code("import * as tf from '@tensorflow/tfjs';\nexport const version = 1;") })), [0]);
    });

    it('a variable two functions nothing calls fill with different models, or that held a value before, stays unknown', () => {
      const graph = extract({
        'main.js': `import * as tf from '@tensorflow/tfjs';
let model;
let other = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
export function small() {
  model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  other = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
}
export function large() {
  model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [2] })] });
}
export function compileBoth() {
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  other.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`,
      });
      assert.deepEqual(
        graph.models.map((model) => model.compiles.length),
        [0, 0, 0, 0],
      );
    });

    it('a catch block runs in order, and its writes are joined with the state before it', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
let units = 4;
try {
  load();
} catch {
  units = 8;
  units = units * 2;
}
const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [2] })] });`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense ?']);
    });
  });

  describe('what the extractor cannot know', () => {
    it('layers added in a loop with an unknown bound make the model partial', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
export function build(depth: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
  for (let i = 0; i < depth; i++) model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}`,
      });
      const summary = onlyModel(graph);
      assert.equal(summary.complete, false);
      assert.ok(summary.layers.some((layer) => layer.includes('(repeated)')));
      // The last layer is still certain.
      assert.ok(summary.layers.at(-1) === 'dense 1');
    });

    it('a loop with a known bound is followed iteration by iteration', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
for (let i = 0; i < 3; i++) model.add(tf.layers.dense({ units: 2 ** (i + 2), inputShape: i === 0 ? [4] : undefined }));`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 4', 'dense 8', 'dense 16']);
    });

    it('a layer from a helper outside the project is an unknown slot', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
import { makeHead } from 'model-zoo';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
model.add(makeHead());`,
      });
      assert.deepEqual(onlyModel(graph), { kind: 'sequential', layers: ['dense 8', '?'], losses: [], complete: false });
    });

    it('a loaded model has no known layers', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
export async function fineTune() {
  const model = await tf.loadLayersModel('model.json');
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
}`,
      });
      const model = graph.models[0]!;
      assert.equal(model.kind, 'loaded');
      assert.deepEqual(outputHeads(model), []);
    });

    it('a generator gives what it yields to the code that iterates it: a search over settings builds its first model', () => {
      const graph = extract({
        'main.js': `function* settings(widths, activations) {
  for (const units of widths) for (const activation of activations) yield { units, activation };
}
for (const { units, activation } of settings([8, 16], ['relu', 'tanh'])) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units, activation, inputShape: [3] }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`,
      });
      assert.deepEqual(graph.models.map((model) => describeModel(model).layers[0]), ['dense 8 relu', 'dense 8 tanh', 'dense 16 relu', 'dense 16 tanh']);
    });

    it('a generator that yields on some paths only gives a list the analysis cannot count: what is read from it stays unknown', () => {
      const graph = extract({
        'main.js': `function* sizes(extra) {
  yield 8;
  if (extra) yield 16;
}
const all = [...sizes(process.env.EXTRA)];
const model = tf.sequential({ layers: [tf.layers.dense({ units: all[0], inputShape: [3] }), tf.layers.dense({ units: all.length })] });`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense ?', 'dense ?']);
    });

    it('a generator is iterated, not counted or indexed; one that writes what its consumer reads between yields is left unknown', () => {
      const widths = (code: string) =>
        onlyModel(
          extract({
            'main.js': `${code}
const model = tf.sequential({ layers: [tf.layers.dense({ units: first, inputShape: [3] })] });`,
          }),
        ).layers;
      assert.deepEqual(widths(`function* sizes() { yield 8; yield* [16, 32]; }\nconst [first] = sizes();`), ['dense 8']);
      assert.deepEqual(widths(`function* sizes() { yield 8; }\nconst first = sizes().length;`), ['dense ?']);
      assert.deepEqual(widths(`function* sizes() { yield 8; }\nconst first = sizes()[0];`), ['dense ?']);
      assert.deepEqual(widths(`let current = 4;\nfunction* sizes() { for (const size of [8, 16]) { current = size; yield size; } }\nconst [first] = [...sizes()];`), ['dense ?']);
    });

    it('a module loaded with import() gives its exports once the promise settles', () => {
      const graph = extract({
        'main.mjs': `import * as tf from '@tensorflow/tfjs';
const { createModel } = await import('./model.mjs');
const model = createModel(3);
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });`,
        'model.mjs': `import * as tf from '@tensorflow/tfjs';
export function createModel(inputs) {
  return tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [inputs] })] });
}`,
      });
      assert.deepEqual(onlyModel(graph).layers, ['dense 1']);
      assert.deepEqual(onlyModel(graph).losses, ['meanSquaredError']);
    });

    it('a recursive function is followed once and its result is unknown', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
function grow(model: any, n: number): any { if (n > 0) { model.add(tf.layers.dense({ units: n })); return grow(model, n - 1); } return model; }
const model = grow(tf.sequential(), 3);`,
      });
      assert.equal(graph.models.length, 1);
    });

    it('a model passed to a call that is not followed has no known output', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
function addLayers(model: tf.Sequential, n: number): void {
  if (n > 0) {
    model.add(tf.layers.dense({ units: 4 }));
    addLayers(model, n - 1);
  }
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'softmax' }));
addLayers(model, 3);`,
      });
      const model = graph.models[0]!;
      assert.ok(model.incomplete.includes('passed to a call the analysis did not follow'));
      assert.deepEqual(outputHeads(model), []);
    });

    it('a render loop that schedules itself again does nothing unseen to the model it is given', () => {
      const graph = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
async function render(model: tf.Sequential) {
  model.predict(tf.zeros([1, 2]));
  requestAnimationFrame(() => render(model));
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
render(model);`,
      });
      const model = graph.models[0]!;
      assert.deepEqual(model.incomplete, []);
      assert.ok(!model.escaped);
      assert.equal(model.slots.length, 1);
      // A call of itself outside the frame it schedules is recursion, which may change the model.
      const recursive = extract({
        'main.ts': `import * as tf from '@tensorflow/tfjs';
function step(model: tf.Sequential, grow: boolean) {
  if (grow) step(model, false);
  else model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  requestAnimationFrame(() => step(model, false));
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'relu' }));
step(model, true);`,
      });
      assert.ok(recursive.models[0]!.incomplete.includes('passed to a call the analysis did not follow'));
    });

    it('code nested too deeply to follow ends the run with a reason instead of a crash', () => {
      const file = path.join(ROOT, 'deep.ts');
      // The parser reads a chain of additions in a loop; the interpreter walks the 20,000-deep tree.
      const text = `import * as tf from '@tensorflow/tfjs';\nconst x = ${Array(20_000).fill('1').join(' + ')};`;
      const workspace = new Workspace({ fileSystem: { readFile: (name) => (name === file ? text : undefined) } });
      assert.match(workspace.run(file).run.partial.get(file) ?? '', /nested too deeply/);
    });
  });

  it('an instance the sweep makes keeps what its constructor stored, for the methods run on it', () => {
    // The constructor runs as code that may not run, but the instance exists only on that path: its
    // properties have no earlier state to be joined with.
    const graph = extract({
      'agent.js': `import * as tf from '@tensorflow/tfjs';
export class Agent {
  constructor() {
    this.network = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] });
  }
  act(states) {
    return this.network.predict(states);
  }
}`,
    });
    assert.deepEqual(
      graph.tensors.filter((tensor) => tensor.op === 'predict').map((tensor) => tensor.model),
      [graph.models[0]],
    );
  });

  it('a property set on some paths of an older object is still joined', () => {
    const graph = extract({
      'agent.js': `import * as tf from '@tensorflow/tfjs';
const holder = { network: tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] }) };
export function swap(other) {
  holder.network = other;
}
export const act = (states) => holder.network.predict(states);`,
    });
    assert.deepEqual(graph.tensors.filter((tensor) => tensor.op === 'predict'), []);
  });
});

