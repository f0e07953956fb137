/** The models the overfit check is given: factories built with their callers' arguments, and what is still unknown. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ModelTarget } from '../../overfit/src/types';
import { Workspace } from './analysis/workspace';
import { fileModels } from './overfit-request';

const ROOT = path.resolve('/virtual/overfit-request');

/** The targets of `file` in a workspace of the given files (paths relative to ROOT). */
function targetsOf(files: Record<string, string>, file: string): ModelTarget[] {
  const full = (name: string) => path.join(ROOT, name);
  const texts = new Map(Object.entries(files).map(([name, text]) => [full(name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (name) => texts.get(name) } });
  workspace.addKnownFiles(texts.keys());
  workspace.indexPending();
  return fileModels(workspace, full(file), {}, {}).targets;
}

const factory = `import * as tf from '@tensorflow/tfjs';

export function createModel(numFeatures: number, classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [numFeatures], units: 16, activation: 'relu' }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`;

describe('overfit targets: parameterised factories', () => {
  it('a factory is built with the arguments of the file that imports and trains it', () => {
    const [target, ...others] = targetsOf(
      {
        'model.ts': factory,
        'train.ts': `import { createModel } from './model';\nconst model = createModel(5, 4);\n`,
      },
      'model.ts',
    );
    assert.equal(others.length, 0, 'one target for the one place the model is made');
    assert.ok(target!.spec, target!.specError);
    assert.deepEqual(
      target!.spec.layers.map((layer) => layer.config),
      [{ inputShape: [5], units: 16, activation: 'relu' }, { units: 4, activation: 'softmax' }],
    );
  });

  it('a model of a factory the file calls is one of its targets, even when the code loses it (one of two, picked at run time)', () => {
    const files = {
      'model.ts': factory,
      'other.ts': factory.replace('createModel', 'createOther').replace('units: 16', 'units: 32'),
      'train.ts': `import { createModel } from './model';\nimport { createOther } from './other';\nexport async function main(kind: string, xs, ys) {\n  const model = kind === 'small' ? createModel(5, 4) : createOther(5, 4);\n  await model.fit(xs, ys);\n}\n`,
      'built.ts': `import { createModel } from './model';\nexport const ready = createModel(3, 2);\n`,
      'unrelated.js': `function load() {\n  return require('./built').ready;\n}\nload();\n`,
    };
    assert.deepEqual(
      targetsOf(files, 'train.ts').map((target) => [path.basename(target.file), target.line]),
      [
        ['model.ts', 4],
        ['other.ts', 4],
      ],
    );
    // Loading a module runs it, it does not call it: a file that only requires a module whose top level makes a model has none.
    assert.deepEqual(targetsOf(files, 'unrelated.js'), []);
    assert.deepEqual(
      targetsOf(files, 'built.ts').map((target) => path.basename(target.file)),
      ['model.ts'],
    );
  });

  it('a test file is no call site: its arguments are not used, and the sizes get stand-ins named with their lines', () => {
    const [target] = targetsOf(
      {
        'model.ts': factory,
        'model.test.ts': `import { createModel } from './model';\nconst model = createModel(3, 2);\n`,
      },
      'model.ts',
    );
    assert.ok(target!.spec, target!.specError);
    assert.deepEqual(
      target!.spec.layers.map((layer) => layer.config),
      [{ inputShape: [{ $standIn: 8 }], units: 16, activation: 'relu' }, { units: { $standIn: 8 }, activation: 'softmax' }],
    );
    assert.deepEqual(target!.spec.notes, [
      'The code does not say every size of the model, so the check used stand-ins: 8 for the input size of the dense layer (line 5) (from `numFeatures`, a parameter of createModel (line 3) that no call gives a value); 8 for `units` of the dense layer (line 6) (from `classes`, a parameter of createModel (line 3) that no call gives a value). At your values the model may train differently: for a check at them, call createModel from a script with real values and run the check on that script.',
    ]);
  });

  it('a call site stands before the stand-ins: the factory run with its parameters unknown is not the target', () => {
    const [target, ...others] = targetsOf(
      {
        'model.ts': factory,
        'train.ts': `import { createModel } from './model';\nconst model = createModel(5, 4);\n`,
        'model.test.ts': `import { createModel } from './model';\nconst model = createModel(3, 2);\n`,
      },
      'model.ts',
    );
    assert.equal(others.length, 0);
    assert.equal(target!.spec?.standInValues, undefined);
    assert.deepEqual(target!.spec?.layers[0]!.config, { inputShape: [5], units: 16, activation: 'relu' });
  });

  it('a size with a declared default takes it, as a call without the value would; a destructured one is named as written', () => {
    const [plain] = targetsOf(
      {
        'model.ts': `import * as tf from '@tensorflow/tfjs';
export function build(inputSize: number, hidden = 128) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: hidden, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  return model;
}
`,
      },
      'model.ts',
    );
    assert.deepEqual(plain!.spec?.layers[0]!.config, { inputShape: [{ $standIn: 8 }], units: { $standIn: 128 }, activation: 'relu' });
    assert.match(plain!.spec!.notes![0]!, /128 for `units` of the dense layer \(line 4\) \(from `hidden`, a parameter of build \(line 2\) that no call gives a value, at the default it declares\)/);
    assert.deepEqual(plain!.standInArguments?.values, [8, 128]);
    const [options] = targetsOf(
      {
        'model.ts': `import * as tf from '@tensorflow/tfjs';
export function build({ inputSize, hidden = 64 }: { inputSize: number; hidden?: number }) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [inputSize], units: hidden, activation: 'relu' }));
  return model;
}
`,
      },
      'model.ts',
    );
    assert.deepEqual(options!.spec?.layers[0]!.config, { inputShape: [{ $standIn: 8 }], units: { $standIn: 64 }, activation: 'relu' });
    assert.match(options!.spec!.notes![0]!, /8 for the input size of the dense layer \(line 4\) \(from `inputSize` of parameter 1 of build \(line 2\), which no call gives a value\); 64 for `units` .*\(from `hidden` of parameter 1 of build \(line 2\), which no call gives a value, at the default it declares\)/);
  });

  it('a size read from a parameter nobody gives a value (features[0].length) names the parameter and its function', () => {
    const [target] = targetsOf(
      {
        'train.ts': `import * as tf from '@tensorflow/tfjs';
export async function trainOn(features: number[][], labels: number[]) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [features[0]!.length], units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(tf.tensor2d(features), tf.tensor1d(labels));
}
`,
      },
      'train.ts',
    );
    assert.deepEqual(target!.spec?.layers[0]!.config, { inputShape: [{ $standIn: 8 }], units: 1, activation: 'sigmoid' });
    assert.match(target!.spec!.notes![0]!, /8 for the input size of the dense layer \(line 4\) \(from `length` of `features`, a parameter of trainOn \(line 2\) that no call gives a value\)\. .*call trainOn from a script with real values/);
  });

  it('a size known only at run time gets a stand-in named where it is passed, and execute mode is the way to the real one', () => {
    const [target] = targetsOf(
      { 'main.ts': `${factory}const numFeatures = Number(process.argv[2]);\nconst model = createModel(numFeatures, 3);\n` },
      'main.ts',
    );
    assert.deepEqual(target!.spec?.layers[0]!.config, { inputShape: [{ $standIn: 8 }], units: 16, activation: 'relu' });
    assert.match(target!.spec!.notes![0]!, /8 for the input size of the dense layer \(line 5\) \(from `numFeatures` \(line 11\), known only when the script runs\)\. .*for a check at them, run the check in execute mode\.$/);
  });

  it('an unknown input size is taken from the data given to fit when the analysis knows it', () => {
    const [target] = targetsOf(
      {
        'main.ts': `${factory}const numFeatures = Number(process.argv[2]);
const model = createModel(numFeatures, 2);
const xs = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
model.fit(xs, tf.tensor2d([[1, 0], [0, 1]]));
`,
      },
      'main.ts',
    );
    assert.ok(target!.spec, target!.specError);
    assert.deepEqual(target!.spec.layers[0]!.config, { inputShape: [3], units: 16, activation: 'relu' });
    assert.deepEqual(target!.spec.notes, ['The input size is not known from the code alone, so it was taken from the data given to fit (line 13): [3] per sample.']);
  });
});

describe('overfit targets: layers added one per entry of a list the code leaves open', () => {
  const header = `import * as tf from '@tensorflow/tfjs';\n`;
  const compiled = `  model.add(tf.layers.dense({ units: 1 }));\n  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  return model;\n}\n`;
  const loops: Record<string, string> = {
    forEach: `  sizes.forEach((units, i) => model.add(tf.layers.dense(i === 0 ? { units, inputShape: [4] } : { units })));\n`,
    'for of': `  model.add(tf.layers.inputLayer({ inputShape: [4] }));\n  for (const units of sizes) model.add(tf.layers.dense({ units, activation: 'relu' }));\n`,
    'for to length': `  model.add(tf.layers.inputLayer({ inputShape: [4] }));\n  for (let i = 0; i < sizes.length; i++) {\n    model.add(tf.layers.lstm({ units: sizes[i], returnSequences: i < sizes.length - 1 }));\n  }\n`,
  };

  for (const [loop, body] of Object.entries(loops)) {
    it(`a loop of ${loop} over a parameter no call gives: built with two stand-in entries, and said so`, () => {
      const [target] = targetsOf({ 'model.ts': `${header}export function build(sizes) {\n  const model = tf.sequential();\n${body}${compiled}` }, 'model.ts');
      assert.ok(target?.spec, target?.specError);
      const listed = target.spec.layers.filter((layer) => layer.factory === 'dense' || layer.factory === 'lstm').slice(0, 2);
      for (const layer of listed) assert.deepEqual((layer.config as { units?: unknown }).units, { $standIn: 8 });
      assert.equal(target.spec.standInValues, true);
      assert.equal(target.spec.notes?.[0], "The code does not give build the list `sizes` the model's layers are made from, one per entry (no call gives it, or only the running script knows it), so the check built the model with 2 entries in it.");
      assert.match(target.spec.notes?.[1] ?? '', /8 for `units` of the \w+ layer \(line \d+\) \(from entry 1 of `sizes`, a list parameter of build \(line 2\) that the code does not give\).*\(from entry 2 of `sizes`/);
      assert.deepEqual(target.standInArguments, { owner: 'build', values: [[8, 8]], described: '[8, 8] for `sizes`' });
    });
  }

  it('a functional model whose layers are applied one per entry of the list', () => {
    const [target] = targetsOf(
      {
        'model.ts': `${header}export function build(inputSize, sizes) {
  const input = tf.input({ shape: [inputSize] });
  let x = input;
  for (const units of sizes) x = tf.layers.dense({ units, activation: 'relu' }).apply(x);
  const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(x) });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`,
      },
      'model.ts',
    );
    assert.ok(target?.spec, target?.specError);
    assert.equal(target.spec.notes?.[0], "The code does not give build the list `sizes` the model's layers are made from, one per entry (no call gives it, or only the running script knows it), so the check built the model with 2 entries in it.");
    assert.deepEqual(target.standInArguments?.values, [8, [8, 8]]);
  });

  it("a class extending tf.Sequential that nothing makes: its constructor's list parameter gets the stand-ins", () => {
    const [target] = targetsOf(
      {
        'model.ts': `${header}export class Net extends tf.Sequential {
  constructor(sizes) {
    super();
    this.add(tf.layers.inputLayer({ inputShape: [4] }));
    for (const units of sizes) this.add(tf.layers.dense({ units, activation: 'relu' }));
    this.add(tf.layers.dense({ units: 1 }));
    this.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
}
`,
      },
      'model.ts',
    );
    assert.ok(target?.spec, target?.specError);
    assert.equal(target.line, 2);
    assert.equal(target.spec.notes?.[0], "The code does not give Net the list `sizes` the model's layers are made from, one per entry (no call gives it, or only the running script knows it), so the check built the model with 2 entries in it.");
    assert.deepEqual(
      target.spec.layers.filter((layer) => layer.factory === 'dense').map((layer) => (layer.config as { units?: unknown }).units),
      [{ $standIn: 8 }, { $standIn: 8 }, 1],
    );
  });

  it('an object that holds a model and a method that adds its layers from a list parameter: the list gets the stand-ins; a call of another file gives its own', () => {
    const holder = `const tf = require('@tensorflow/tfjs-node');
const Net = {
  model: tf.sequential(),
  create(layers, steps, symbols) {
    for (let i = 0; i < layers.length; i++) {
      if (i === 0) this.model.add(tf.layers.lstm({ units: layers[i], returnSequences: layers.length > 1, inputShape: [steps, 1] }));
      else this.model.add(tf.layers.lstm({ units: layers[i], returnSequences: i !== layers.length - 1 }));
    }
    this.model.add(tf.layers.dense({ units: symbols, activation: 'softmax' }));
    this.model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  },
};
module.exports = Net;
`;
    const lstms = (target: ModelTarget | undefined) => target?.spec?.layers.filter((layer) => layer.factory === 'lstm').map((layer) => layer.config);
    const [alone] = targetsOf({ 'net.js': holder }, 'net.js');
    assert.ok(alone?.spec, alone?.specError);
    assert.deepEqual(lstms(alone), [
      { units: { $standIn: 8 }, returnSequences: true, inputShape: [{ $standIn: 8 }, 1] },
      { units: { $standIn: 8 }, returnSequences: false },
    ]);
    assert.match(alone.spec.notes?.[0] ?? '', /^The code does not give create the list `layers`/);
    // A function of an importing file that nothing calls calls the method with its values: the model is what that call makes.
    const main = `const net = require('./net.js');
module.exports = () => {
  const layers = [64];
  net.create(layers, 5, 10);
};
`;
    const [called] = targetsOf({ 'net.js': holder, 'main.js': main }, 'net.js');
    assert.ok(called?.spec, called?.specError);
    assert.deepEqual(lstms(called), [{ units: 64, returnSequences: false, inputShape: [5, 1] }]);
    assert.equal(called.spec.notes?.[0], "The model's layers are added by the function at main.js line 2, which nothing in the code calls: the check built the model as one call of it makes it.");
  });

  it('a class extending tf.LayersModel is rebuilt from the inputs and outputs its constructor gives super', () => {
    const [target] = targetsOf(
      {
        'model.js': `${header}class Classifier extends tf.LayersModel {
  constructor(classes) {
    const input = tf.input({ shape: [6] });
    const hidden = tf.layers.dense({ units: 12, activation: 'relu' }).apply(input);
    super({ inputs: input, outputs: tf.layers.dense({ units: classes, activation: 'softmax' }).apply(hidden) });
    this.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  }
}
export const classifier = new Classifier(4);
`,
      },
      'model.js',
    );
    assert.ok(target?.spec, target?.specError);
    assert.deepEqual(
      target.spec.layers.map((layer) => [layer.factory, (layer.config as { units?: unknown }).units]),
      [['dense', 12], ['dense', 4]],
    );
    assert.equal(target.spec.compile.loss, 'categoricalCrossentropy');
  });

  it("a tf.Sequential subclass made in an importing file with a list the code leaves open: the class's list gets the stand-ins", () => {
    const files = {
      'model.ts': `${header}export class Net extends tf.Sequential {
  constructor(sizes: number[]) {
    super();
    sizes.forEach((units, i) => this.add(tf.layers.dense({ units, activation: 'relu', inputShape: i === 0 ? [4] : undefined })));
    this.add(tf.layers.dense({ units: 1 }));
    this.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
}
`,
      'agent.ts': `import { Net } from './model';\nexport class Agent {\n  net: Net;\n  constructor(params: { sizes: number[] }) {\n    this.net = new Net(params.sizes);\n  }\n}\n`,
    };
    const [target] = targetsOf(files, 'model.ts');
    assert.ok(target?.spec, target?.specError);
    assert.equal(path.basename(target.file), 'agent.ts');
    assert.match(target.spec.notes?.[0] ?? '', /^The code does not give Net the list `sizes` the model's layers are made from/);
    assert.equal(target.spec.layers.filter((layer) => layer.factory === 'dense').length, 3);
  });

  it('a loop over a list that builds no layer is left alone', () => {
    const [target] = targetsOf(
      {
        'model.ts': `${header}export function build(sizes, names) {
  const model = tf.sequential();
  for (const name of names) console.log(name);
  for (const units of sizes) model.add(tf.layers.dense({ units, inputShape: [4] }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`,
      },
      'model.ts',
    );
    assert.ok(target?.spec, target?.specError);
    assert.equal(target.spec.notes?.[0], "The code does not give build the list `sizes` the model's layers are made from, one per entry (no call gives it, or only the running script knows it), so the check built the model with 2 entries in it.");
  });

  it('a list of objects: the static build names their members, and execute mode gets no call to make (it has no objects to give)', () => {
    const [target] = targetsOf({ 'model.ts': `${header}export function build(layers) {\n  const model = tf.sequential();\n  model.add(tf.layers.inputLayer({ inputShape: [4] }));\n  layers.forEach((layer) => model.add(tf.layers.dense({ units: layer.units })));\n${compiled}` }, 'model.ts');
    assert.ok(target?.spec, target?.specError);
    assert.match(target.spec.notes?.[1] ?? '', /\(from `units` of entry 1 of `layers`, a list parameter of build \(line 2\) that the code does not give\)/);
    assert.equal(target.standInArguments, undefined);
  });

  it('a list whose first entry the code skips gives execute mode no call to make', () => {
    const [target] = targetsOf({ 'model.ts': `${header}export function build(sizes) {\n  const model = tf.sequential();\n  model.add(tf.layers.inputLayer({ inputShape: [4] }));\n  for (let i = 1; i < sizes.length; i++) model.add(tf.layers.dense({ units: sizes[i] }));\n${compiled}` }, 'model.ts');
    assert.ok(target?.spec, target?.specError);
    assert.equal(target.standInArguments, undefined);
  });

  it('two factories with lists: each model\'s note names its own', () => {
    const targets = targetsOf({ 'model.ts': `${header}export function buildA(sizes) {\n  const model = tf.sequential();\n${loops['for of']}${compiled}export function buildB(widths) {\n  const model = tf.sequential();\n  model.add(tf.layers.inputLayer({ inputShape: [4] }));\n  for (const units of widths) model.add(tf.layers.dense({ units }));\n${compiled}` }, 'model.ts');
    assert.deepEqual(targets.map((target) => target.spec?.notes?.[0]?.match(/^The code does not give (\w+) the list `(\w+)`/)?.slice(1)), [['buildA', 'sizes'], ['buildB', 'widths']]);
  });

  it('the LSTMs of a list take the code\'s own returnSequences: all but the last', () => {
    const [target] = targetsOf({ 'model.ts': `${header}export function build(sizes) {\n  const model = tf.sequential();\n${loops['for to length']}${compiled}` }, 'model.ts');
    assert.deepEqual(target?.spec?.layers.filter((layer) => layer.factory === 'lstm').map((layer) => (layer.config as { returnSequences?: unknown }).returnSequences), [true, false]);
  });

  it('a list a call gives is the code\'s own; a list that is no parameter of the model\'s function stays unknown', () => {
    const [given] = targetsOf({ 'model.ts': `${header}export function build(sizes) {\n  const model = tf.sequential();\n${loops['for of']}${compiled}`, 'train.ts': `import { build } from './model';\nbuild([16, 16, 16]);\n` }, 'model.ts');
    assert.equal(given?.spec?.layers.filter((layer) => layer.factory === 'dense').length, 4);
    assert.ok(!given.spec.notes?.some((note) => note.includes('the list')));
    const [outer] = targetsOf({ 'model.ts': `${header}const sizes = JSON.parse(process.env.SIZES);\nexport function build() {\n  const model = tf.sequential();\n${loops['for of']}${compiled}` }, 'model.ts');
    assert.equal(outer?.spec, undefined);
    assert.match(outer?.specError ?? '', /layer added/);
  });

  it("leaves the linter's own run of the file as it was: its model is still not fully known", () => {
    const file = path.join(ROOT, 'model.ts');
    const text = `${header}export function build(sizes) {\n  const model = tf.sequential();\n${loops['for of']}${compiled}`;
    const workspace = new Workspace({ fileSystem: { readFile: (name) => (name === file ? text : undefined) } });
    workspace.addKnownFiles([file]);
    workspace.indexPending();
    assert.ok(fileModels(workspace, file, {}, {}).targets[0]?.spec);
    const linted = workspace.program([file]).run.graph.models;
    assert.ok(linted.length > 0 && linted.every((model) => model.slots.some((slot) => slot.repeated || slot.conditional)), 'the stand-ins reached only the check');
  });
});

describe('overfit targets: a loss given as a function', () => {
  const model = (loss: string, activation: string, units = 1) => `import * as tf from '@tensorflow/tfjs';
function myLoss(yTrue: tf.Tensor, yPred: tf.Tensor) {
  return tf.losses.meanSquaredError(yTrue, yPred);
}
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [4], units: ${units}, activation: '${activation}' }));
model.compile({ optimizer: 'sgd', loss: ${loss} });
`;

  it('a tfjs loss function is kept (the worker knows its labels)', () => {
    const [target] = targetsOf({ 'main.ts': model('tf.losses.sigmoidCrossEntropy', 'linear') }, 'main.ts');
    assert.deepEqual(target!.spec?.compile.loss, { $tfRef: 'losses.sigmoidCrossEntropy' });
    assert.equal(target!.spec?.notes, undefined);
  });

  for (const [activation, units, expected] of [
    ['softmax', 3, 'categoricalCrossentropy'],
    ['sigmoid', 1, 'binaryCrossentropy'],
    ['linear', 1, 'meanSquaredError'],
  ] as const) {
    it(`a loss function of the code, ${activation} output: the static build trains with ${expected} and says why`, () => {
      const [target] = targetsOf({ 'main.ts': model('myLoss', activation, units) }, 'main.ts');
      assert.ok(target!.spec, target!.specError);
      assert.equal(target!.spec.compile.loss, expected);
      assert.match(target!.spec.notes?.[0] ?? '', new RegExp(`^The loss given to compile \\(line 7\\) is a function of the code, which the static build does not run; it trains with ${expected} instead`));
    });
  }
});
