import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LineMap } from '../../server/src/analysis/positions';
import { Workspace } from '../../server/src/analysis/workspace';
import { modelTargets } from './spec';
import type { ModelTarget } from './types';

const ROOT = path.resolve('/virtual/spec');

function targets(code: string): ModelTarget[] {
  const file = path.join(ROOT, 'main.ts');
  const workspace = new Workspace({ fileSystem: { readFile: (name) => (name === file ? code : undefined) } });
  const lines = new LineMap(code);
  const lineOf = (span: { start: number }) => lines.position(span.start).line + 1;
  return modelTargets(workspace.run(file).run.graph, file, lineOf);
}

const header = "import * as tf from '@tensorflow/tfjs';\n";

describe('model specs for the static build: where an unknown value comes from, in words', () => {
  it('a member of a destructured parameter is named by the parameter\'s position', () => {
    const [target] = targets(`${header}export function build({ activation }) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}`);
    assert.match(target?.specError ?? '', /comes from `activation` of parameter 1 of build \(line 2\),/);
  });

  it('a size that is a parameter of a constructor is named once, as the parameter', () => {
    const [target] = targets(`${header}export class Agent {
  constructor(actions) {
    this.model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }), tf.layers.dense({ units: actions })] });
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
}`);
    const note = target?.spec?.notes?.find((each) => each.includes('stand-ins')) ?? '';
    assert.match(note, /8 for `units` of the dense layer \(line 4\) \(from `actions`, a parameter of /);
    assert.doesNotMatch(note, /`actions` of `actions`/);
  });
});

describe('model specs for the static build', () => {
  it('a sequential model with its layers, initializers and compile options', () => {
    const [target] = targets(`${header}const UNITS = 8;
const model = tf.sequential();
model.add(tf.layers.dense({ units: UNITS, inputShape: [4], activation: 'relu', kernelInitializer: tf.initializers.heNormal({}) }));
model.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'head' }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });`);
    assert.equal(target!.name, 'model');
    assert.equal(target!.line, 3);
    assert.deepEqual(target!.spec, {
      kind: 'sequential',
      layers: [
        { factory: 'dense', config: { units: 8, inputShape: [4], activation: 'relu', kernelInitializer: { $tf: 'initializers.heNormal', args: [{}] } }, line: 4 },
        { factory: 'dense', config: { units: 3, activation: 'softmax', name: 'head' }, line: 5 },
      ],
      compile: { optimizer: { $tf: 'train.adam', args: [0.01] }, loss: 'categoricalCrossentropy' },
    });
    assert.deepEqual(target!.regions?.map((region) => region.start).sort(), [3, 4, 4, 5, 5, 6]);
  });

  it('a functional model as nodes, with a merge layer', () => {
    const [target] = targets(`${header}const input = tf.input({ shape: [6] });
const a = tf.layers.dense({ units: 4 }).apply(input) as tf.SymbolicTensor;
const b = tf.layers.dense({ units: 4 }).apply(input) as tf.SymbolicTensor;
const merged = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
const out = tf.layers.dense({ units: 1, activation: 'sigmoid' }).apply(merged) as tf.SymbolicTensor;
export const model = tf.model({ inputs: input, outputs: out });
model.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy' });`);
    const spec = target!.spec!;
    assert.equal(spec.kind, 'functional');
    assert.deepEqual(spec.layers.map((layer) => layer.factory), ['dense', 'dense', 'concatenate', 'dense']);
    assert.deepEqual(spec.nodes, [
      { kind: 'input', config: { shape: [6] } },
      { kind: 'layer', layer: 0, inputs: [0] },
      { kind: 'layer', layer: 1, inputs: [0] },
      { kind: 'layer', layer: 2, inputs: [1, 2] },
      { kind: 'layer', layer: 3, inputs: [3] },
    ]);
    assert.deepEqual(spec.outputs, [4]);
  });

  it('says why a model cannot be rebuilt', () => {
    const reasons = (code: string) => targets(`${header}${code}`).map((target) => target.specError);
    assert.match(reasons(`export function make(a: string) {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: a })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`)[0]!, /^`activation` of the dense layer \(line 3\) comes from the parameter `a` of make \(line 2\), and no call in the project \(tests aside\) gives it a value: call make from a script with real values and run the check on that script$/);
    const [customLoss] = targets(`${header}const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
m.compile({ optimizer: 'adam', loss: (a: tf.Tensor, b: tf.Tensor) => a.sub(b).abs().mean() });`);
    assert.equal(customLoss!.spec?.compile.loss, 'meanSquaredError', 'a loss function of the code gets a stand-in, not a refusal');
    assert.match(reasons(`const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });\nm.fit(tf.ones([2, 2]), tf.ones([2, 1]));`)[0]!, /never compiled/);
  });

  it('sizes a factory leaves to a caller no call is get stand-ins, marked in the config and listed in a note; other options do not', () => {
    const [made] = targets(`${header}export function make(vocabulary: number, features: number, width: number, size: number) {
  const m = tf.sequential();
  m.add(tf.layers.embedding({ inputDim: vocabulary, outputDim: width, inputLength: features }));
  m.add(tf.layers.conv1d({ filters: width, kernelSize: size }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: width }));
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}`);
    assert.ok(made!.spec, made!.specError);
    assert.equal(made!.spec.standInValues, true);
    assert.deepEqual(
      made!.spec.layers.map((layer) => layer.config),
      [
        { inputDim: { $standIn: 50 }, outputDim: { $standIn: 8 }, inputLength: { $standIn: 8 } },
        { filters: { $standIn: 8 }, kernelSize: { $standIn: 3 } },
        {},
        { units: { $standIn: 8 } },
      ],
    );
    assert.match(made!.spec.notes![0]!, /^The code does not say every size of the model, so the check used stand-ins: 50 for the input size of the embedding layer \(line 4\) \(from `vocabulary`, a parameter of make \(line 2\) that no call gives a value\); 8 for `outputDim` of the embedding layer/);
    assert.match(made!.spec.notes![0]!, /for a check at them, call make from a script with real values and run the check on that script\.$/);
    // An image's unknown sides get room for a few poolings; its channels a colour image's.
    const [image] = targets(`${header}export function make(side: number) {
  const m = tf.sequential({ layers: [tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [side, side, 1] }), tf.layers.flatten(), tf.layers.dense({ units: 2 })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}`);
    assert.deepEqual(image!.spec?.layers[0]!.config, { filters: 4, kernelSize: 3, inputShape: [{ $standIn: 28 }, { $standIn: 28 }, 1] });
    // A shape taken whole from a value not known (another model's output shape): its rank is not known
    // either, and the stand-in has the rank the layer takes (a feature map for a flatten, a vector for a dense layer).
    const head = (first: string) =>
      targets(`${header}declare const base: tf.LayersModel;
export function make() {
  const m = tf.sequential({ layers: [tf.layers.${first}({ inputShape: base.outputs[0]!.shape.slice(1) as number[], units: 4 }), tf.layers.dense({ units: 2 })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}`)[0]!;
    assert.deepEqual(head('flatten').spec?.layers[0]!.config, { inputShape: [{ $standIn: 28 }, { $standIn: 28 }, { $standIn: 3 }], units: 4 });
    assert.match(head('flatten').spec!.notes![0]!, /stand-ins: \[28, 28, 3\] for the input size of the flatten layer \(line 4\) \(from what `base\.outputs\[0\]!\.shape\.slice` returns \(line 4\), known only when the script runs\)/);
    assert.deepEqual(head('dense').spec?.layers[0]!.config, { inputShape: [{ $standIn: 8 }], units: 4 });
    // A batch shape given whole as a parameter: the build has a stand-in, and execute mode no call to make (its batch size is null).
    const [batched] = targets(`${header}export function make(shape: number[]) {
  const m = tf.sequential({ layers: [tf.layers.dense({ batchInputShape: shape, units: 4 })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return m;
}`);
    assert.deepEqual(batched!.spec?.layers[0]!.config, { batchInputShape: [null, { $standIn: 8 }], units: 4 });
    assert.equal(batched!.standInArguments, undefined);
    // A layer that takes any rank gets no shape made up.
    assert.equal(head('batchNormalization').spec, undefined);
    assert.match(head('batchNormalization').specError ?? '', /input size of the batchNormalization layer/);
  });

  it('a learning rate the code leaves open gets tfjs\'s default (or a rate that usually trains) as a stand-in; other optimizer options must be known', () => {
    const [fromForm] = targets(`${header}declare const rateField: { value: string };
const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
m.compile({ optimizer: tf.train.adam(Number(rateField.value)), loss: 'meanSquaredError' });
m.fit(tf.ones([4, 2]), tf.ones([4, 1]));`);
    assert.deepEqual(fromForm!.spec?.compile.optimizer, { $tf: 'train.adam', args: [{ $standIn: 0.001 }] });
    assert.equal(fromForm!.spec?.standInValues, true);
    assert.match(fromForm!.spec!.notes![0]!, /^The code does not say the learning rate of the model, so the check used stand-ins: 0\.001 for the learning rate of tf\.train\.adam\(\)/);
    const [momentum] = targets(`${header}export function make(rate: number, beta: number) {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  m.compile({ optimizer: tf.train.momentum(rate, beta), loss: 'meanSquaredError' });
  return m;
}`);
    assert.equal(momentum!.spec, undefined, 'an open momentum is not stood in for');
  });

  it('layers frozen when the model first trains stay frozen in the build; a fit tfjs refuses (not compiled, all frozen) is named with its line', () => {
    const [partly] = targets(`${header}const backbone = tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', trainable: false });
const model = tf.sequential({ layers: [backbone, tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.ones([8, 4]), tf.ones([8, 1]));`);
    assert.deepEqual(partly!.spec?.frozen, [0]);
    assert.equal(partly!.cannotTrain, undefined);
    const [uncompiled] = targets(`${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.fit(tf.ones([8, 4]), tf.ones([8, 1]));`);
    assert.deepEqual(uncompiled!.cannotTrain, {
      file: uncompiled!.file,
      line: 3,
      message: 'fit throws before its first step: the model is not compiled when it runs ("You must compile a model before training/testing"). Compile it before training.',
      why: 'not-compiled',
    });
    const [frozen] = targets(`${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.trainable = false;
model.fit(tf.ones([8, 4]), tf.ones([8, 1]));`);
    assert.match(frozen!.cannotTrain?.message ?? '', /^fit throws before its first step: every layer of the model that has weights is frozen/);
    assert.equal(frozen!.cannotTrain?.why, 'all-frozen');
    const [later] = targets(`${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.ones([8, 4]), tf.ones([8, 1]));
model.trainable = false;`);
    assert.equal(later!.cannotTrain, undefined, 'frozen only after its training');
    assert.equal(later!.spec?.frozen, undefined);
  });

  it('a model the code never compiles nor fits (a custom loop or its caller trains it) gets a stand-in compile, said in a note', () => {
    const [looped] = targets(`${header}const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
const optimizer = tf.train.adam(0.003);
export function step(xs: tf.Tensor, ys: tf.Tensor) {
  optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, model.predict(xs) as tf.Tensor) as tf.Scalar);
}`);
    assert.deepEqual(looped!.spec?.compile, { optimizer: { $tf: 'train.adam', args: [0.003] }, loss: 'categoricalCrossentropy', standIn: true });
    assert.match(looped!.spec?.notes?.[0] ?? '', /^The model is never compiled in the code: a custom training step \(optimizer\.minimize at line 5\) trains it\. The check trained its layers with the tf\.train\.adam the file makes \(line 3\) and categoricalCrossentropy \(for its softmax output\)/);
    // Two outputs: a loss per output; no custom step, so the file's optimizer (another model's) is not taken.
    const [returned] = targets(`${header}const other = tf.train.sgd(0.1);
export function build() {
  const input = tf.input({ shape: [8] });
  const hidden = tf.layers.dense({ units: 8, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
  const policy = tf.layers.dense({ units: 4, activation: 'softmax' }).apply(hidden) as tf.SymbolicTensor;
  const value = tf.layers.dense({ units: 1 }).apply(hidden) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: [policy, value] });
}`);
    assert.deepEqual(returned!.spec?.compile, { optimizer: 'adam', loss: ['categoricalCrossentropy', 'meanSquaredError'], standIn: true });
    assert.match(returned!.spec?.notes?.[0] ?? '', /whatever receives it compiles and trains it.*adam at its default learning rate/);
  });

  it('the data of the first fit: exact values where the code writes them, facts where it describes them', () => {
    const [target] = targets(`${header}const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
model.fit(xs, ys, { batchSize: 2 });`);
    assert.deepEqual(target!.data, {
      x: [{ shape: [4, 2], values: [0, 0, 0, 1, 1, 0, 1, 1], range: { lo: 0, hi: 1 }, integer: true, distinct: [0, 1] }],
      y: [{ shape: [4, 1], values: [0, 1, 1, 0], range: { lo: 0, hi: 1 }, integer: true, distinct: [0, 1] }],
      batchSize: 2,
      line: 6,
    });
    const [described] = targets(`${header}const xs = tf.randomUniform([500, 3], 0, 255, 'int32');
const ys = tf.randomUniform([500, 1], 1, 3, 'int32');
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
model.fit(xs, ys);`);
    assert.equal(described!.data?.x[0]?.values, undefined, 'random data has no exact values');
    assert.deepEqual(described!.data?.x[0]?.range, { lo: 0, hi: 254 });
    assert.deepEqual(described!.data?.y[0]?.range, { lo: 1, hi: 2 });
    assert.equal(described!.data?.y[0]?.integer, true);
    const [oneHot] = targets(`${header}declare const ids: number[];
const ys = tf.oneHot(tf.tensor1d(ids, 'int32'), 4).toFloat();
const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
model.fit(tf.randomNormal([8, 3]), ys);`);
    assert.equal(oneHot!.data?.y[0]?.oneHot, true, 'labels tf.oneHot makes, through a change of type');
    const [smoothed] = targets(`${header}declare const ids: number[];
const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: 'softmax' })] });
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
model.fit(tf.randomNormal([8, 3]), tf.oneHot(tf.tensor1d(ids, 'int32'), 4, 0.9, 0.1));`);
    assert.equal(smoothed!.data?.y[0]?.oneHot, undefined, 'smoothed labels are not zeros and ones');
    assert.equal(described!.data?.y[0]?.oneHot, undefined);
    const [unknown] = targets(`${header}declare const rows: number[][];
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
model.fit(tf.tensor2d(rows), tf.tensor2d(rows));`);
    assert.equal(unknown!.data, undefined);
  });
});

describe('model specs for the static build: recurrent layers that return their states', () => {
  const seq2seq = `${header}const encoderInputs = tf.layers.input({ shape: [null, 5] });
const encoder = tf.layers.lstm({ units: 6, returnState: true });
const [, stateH, stateC] = encoder.apply(encoderInputs) as tf.SymbolicTensor[];
const decoderInputs = tf.input({ shape: [null, 7] });
const decoderLstm = tf.layers.gru({ units: 6, returnSequences: true, returnState: true });
const [decoderOutputs] = decoderLstm.apply([decoderInputs, stateH]) as tf.SymbolicTensor[];
const outputs = tf.layers.dense({ units: 7, activation: 'softmax' }).apply(decoderOutputs) as tf.SymbolicTensor;
const model = tf.model({ inputs: [encoderInputs, decoderInputs], outputs });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
void stateC;
`;

  it('each output of an application is a node of its own, by its index; an array applied to a layer is its input and initial states', () => {
    const [target] = targets(seq2seq);
    const spec = target!.spec!;
    assert.equal(spec.kind, 'functional');
    assert.deepEqual(spec.layers.map((layer) => layer.factory), ['lstm', 'gru', 'dense']);
    assert.deepEqual(spec.nodes, [
      { kind: 'input', config: { shape: [null, 7] } },
      { kind: 'input', config: { shape: [null, 5] } },
      { kind: 'layer', layer: 0, inputs: [1], output: 1 },
      { kind: 'layer', layer: 1, inputs: [0, 2], output: 0 },
      { kind: 'layer', layer: 2, inputs: [3] },
    ]);
    // A size written as null stays free: no stand-in, no note.
    assert.equal(spec.standInValues, undefined);
  });

  it('initial states given as an option are the inputs after the first, as tfjs takes them', () => {
    const [target] = targets(seq2seq.replace('decoderLstm.apply([decoderInputs, stateH])', 'decoderLstm.apply(decoderInputs, { initialState: [stateH] })'));
    assert.deepEqual(target!.spec!.nodes?.[3], { kind: 'layer', layer: 1, inputs: [0, 2], output: 0 });
  });

  it('a bidirectional layer gives its merged output, then the forward and the backward states; without merging, both outputs first', () => {
    const bidirectional = (mergeMode: string) => `${header}const input = tf.input({ shape: [10, 4] });
const outputs = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 8, returnState: true })${mergeMode} }).apply(input) as tf.SymbolicTensor[];
const joined = tf.layers.concatenate().apply([outputs[1]!, outputs.at(-2)!]) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 3, activation: 'softmax' }).apply(joined) as tf.SymbolicTensor });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`;
    const nodes = (mergeMode: string) => targets(bidirectional(mergeMode))[0]!.spec?.nodes;
    // lstm: 2 states each way; outputs[1] is the forward h, outputs.at(-2) the backward h.
    assert.deepEqual(nodes(''), [
      { kind: 'input', config: { shape: [10, 4] } },
      { kind: 'layer', layer: 0, inputs: [0], output: 1 },
      { kind: 'layer', layer: 0, inputs: [0], output: 3 },
      { kind: 'layer', layer: 1, inputs: [1, 2] },
      { kind: 'layer', layer: 2, inputs: [3] },
    ]);
    // Not merged: the forward and backward outputs come first, so outputs[1] is the backward output.
    assert.deepEqual(nodes(", mergeMode: null")?.slice(1, 3), [
      { kind: 'layer', layer: 0, inputs: [0], output: 1 },
      { kind: 'layer', layer: 0, inputs: [0], output: 4 },
    ]);
    assert.match(targets(bidirectional(', mergeMode: globalThis.mode'))[0]!.specError ?? '', /not known without running the code|could not read/);
  });

  it('a bidirectional layer around a layer that returns no states gives one output, whatever its cell; one whose states its cell decides is left open', () => {
    const wrapped = (inner: string) => `${header}const input = tf.input({ shape: [10, 4] });
const hidden = tf.layers.bidirectional({ layer: ${inner} as tf.RNN }).apply(input) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(hidden) as tf.SymbolicTensor });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
    const nodes = (inner: string) => targets(wrapped(inner))[0]!.spec?.nodes?.map((node) => (node.kind === 'layer' ? node.output : 'input'));
    assert.deepEqual(nodes('tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 4 }) })'), ['input', undefined, undefined]);
    assert.deepEqual(nodes('tf.layers.gru({ units: 4, returnSequences: false })'), ['input', undefined, undefined]);
    assert.equal(nodes('tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 4 }), returnState: true })'), undefined);
  });

  it('a recurrent layer without returnState has one output, as before', () => {
    const [target] = targets(`${header}const input = tf.input({ shape: [4, 3] });
const hidden = tf.layers.lstm({ units: 5 }).apply(input) as tf.SymbolicTensor;
const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 1 }).apply(hidden) as tf.SymbolicTensor });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`);
    assert.deepEqual(target!.spec!.nodes?.map((node) => (node.kind === 'layer' ? node.output : 'input')), ['input', undefined, undefined]);
  });
});

describe('model specs for the static build: a model built by a function nothing calls', () => {
  it('the layers a method nothing calls adds to the model its constructor makes are one call of it', () => {
    const [target] = targets(`${header}export class Agent {
  model: tf.Sequential;
  constructor() {
    this.model = tf.sequential();
  }
  build() {
    this.model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
    this.model.add(tf.layers.dense({ units: 2 }));
    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  }
}`);
    assert.deepEqual(target!.spec?.layers.map((layer) => layer.config), [{ units: 16, inputShape: [4], activation: 'relu' }, { units: 2 }]);
    assert.deepEqual(target!.spec?.notes, ["The model's layers are added by `build` (line 7), which nothing in the code calls: the check built the model as one call of it makes it."]);
  });

  it('an object whose method nothing calls builds the model it holds', () => {
    const [target] = targets(`${header}export const net = {
  model: tf.sequential(),
  create() {
    this.model.add(tf.layers.dense({ units: 1, inputShape: [3] }));
    this.model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  },
};`);
    assert.deepEqual(target!.spec?.layers.map((layer) => layer.config), [{ units: 1, inputShape: [3] }]);
  });

  it('layers added by two such functions, or on some paths through one, are not a model the check can pick', () => {
    const [two] = targets(`${header}const model = tf.sequential();
export function body() {
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }));
}
export function head() {
  model.add(tf.layers.dense({ units: 1 }));
}`);
    assert.match(two!.specError ?? '', /a layer added on only some code paths/);
    const [some] = targets(`${header}const model = tf.sequential();
export function build(deep: boolean) {
  model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }));
  while (deep) {
    model.add(tf.layers.dense({ units: 4, activation: 'relu' }));
  }
  model.add(tf.layers.dense({ units: 1 }));
}`);
    assert.equal(some!.spec, undefined);
  });
});
