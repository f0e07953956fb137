import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { formatInterval, type TensorFacts } from '../../../../rules/core/facts';
import { Workspace } from '../workspace';

const FILE = path.resolve('/virtual/facts/data.ts');

/** The facts of the tensor each `const <name> = <expression>;` of the code makes, by name. */
function factsOf(code: string): Map<string, TensorFacts> {
  const text = `import * as tf from '@tensorflow/tfjs';\n${code}`;
  const workspace = new Workspace({ fileSystem: { readFile: (file) => (file === FILE ? text : undefined) } });
  const { run } = workspace.run(FILE);
  const byName = new Map<string, TensorFacts>();
  for (const match of text.matchAll(/const (\w+) = /g)) {
    const start = match.index + match[0].length;
    const tensor = run.graph.tensors.find((candidate) => candidate.span.start === start && text.slice(candidate.span.end, candidate.span.end + 1) === ';');
    if (tensor) byName.set(match[1]!, tensor.facts);
  }
  return byName;
}

/** A compact reading of facts for exact comparisons. */
function summary(facts: TensorFacts | undefined): Record<string, unknown> {
  assert.ok(facts, 'no tensor with that name');
  return {
    range: formatInterval(facts.range),
    integer: facts.integer,
    ...(facts.shape ? { shape: facts.shape.map((dim) => dim ?? '?').join('x') } : {}),
    ...(facts.distinct ? { distinct: facts.distinct } : {}),
    ...(facts.order ? { order: facts.order.kind } : {}),
  };
}

describe('tensor facts', () => {
  it('literal data: shape, range, whole numbers, distinct values and class order', () => {
    const facts = factsOf(`
const xs = tf.tensor2d([[1, 2.5], [3, 4], [5, 6]]);
const labels = tf.tensor1d([0, 0, 1, 1, 2, 2]);
const shuffled = tf.tensor1d([1, 0, 2, 0, 1, 2]);
const hot = tf.tensor2d([[1, 0], [1, 0], [0, 1], [0, 1]]);
const shaped = tf.tensor([1, 2, 3, 4, 5, 6], [3, 2]);
const ints = tf.tensor1d([1.7, -2.2], 'int32');
const flags = tf.tensor1d([true, false]);
`);
    assert.deepEqual(summary(facts.get('xs')), { range: '[1, 6]', integer: false, shape: '3x2', distinct: [1, 2.5, 3, 4, 5, 6] });
    assert.deepEqual(summary(facts.get('labels')), { range: '[0, 2]', integer: true, shape: '6', distinct: [0, 1, 2], order: 'byClass' });
    assert.deepEqual(summary(facts.get('shuffled')), { range: '[0, 2]', integer: true, shape: '6', distinct: [0, 1, 2] });
    assert.deepEqual(summary(facts.get('hot')), { range: '[0, 1]', integer: true, shape: '4x2', distinct: [0, 1], order: 'byClass' });
    assert.deepEqual(summary(facts.get('shaped')), { range: '[1, 6]', integer: true, shape: '3x2', distinct: [1, 2, 3, 4, 5, 6], order: 'sorted' });
    assert.deepEqual(summary(facts.get('ints')), { range: '[-2, 1]', integer: true, shape: '2', distinct: [-2, 1] });
    assert.deepEqual(summary(facts.get('flags')), { range: '[0, 1]', integer: true, shape: '2', distinct: [0, 1] });
  });

  it('factories: constants, ranges, random draws and images', () => {
    const facts = factsOf(`
const zeros = tf.zeros([2, 3]);
const sevens = tf.fill([4], 7);
const steps = tf.range(0, 10, 2);
const grid = tf.linspace(-1, 1, 5);
const hot = tf.oneHot(tf.tensor1d([0, 1, 2], 'int32'), 3);
const uniform = tf.randomUniform([100, 4], 0, 255);
const uniformInts = tf.randomUniform([100], 0, 10, 'int32');
const normal = tf.randomNormal([100, 4], 0, 5);
const truncated = tf.truncatedNormal([100], 1, 0.5);
const pixels = tf.browser.fromPixels(image);
`);
    assert.deepEqual(summary(facts.get('zeros')), { range: '[0, 0]', integer: true, shape: '2x3', distinct: [0] });
    assert.deepEqual(summary(facts.get('sevens')), { range: '[7, 7]', integer: true, shape: '4', distinct: [7] });
    assert.deepEqual(summary(facts.get('steps')), { range: '[0, 8]', integer: true, shape: '5', distinct: [0, 2, 4, 6, 8], order: 'sorted' });
    assert.deepEqual(summary(facts.get('grid')), { range: '[-1, 1]', integer: false, shape: '5', distinct: [-1, -0.5, 0, 0.5, 1], order: 'sorted' });
    assert.deepEqual(summary(facts.get('hot')), { range: '[0, 1]', integer: true, shape: '3x3', distinct: [0, 1] });
    assert.deepEqual(summary(facts.get('uniform')), { range: '[0, 255)', integer: false, shape: '100x4' });
    assert.deepEqual(summary(facts.get('uniformInts')), { range: '[0, 9]', integer: true, shape: '100' });
    assert.deepEqual(summary(facts.get('normal')), { range: '(-∞, ∞)', integer: false, shape: '100x4' });
    assert.equal(facts.get('normal')?.stddev, 5);
    assert.deepEqual(summary(facts.get('truncated')), { range: '[0, 2]', integer: false, shape: '100' });
    assert.deepEqual(summary(facts.get('pixels')), { range: '[0, 255]', integer: true });
  });

  it('arithmetic: scaling, shifting, powers and their domains', () => {
    const facts = factsOf(`
const pixels = tf.browser.fromPixels(image);
const scaled = pixels.toFloat().div(255);
const centred = pixels.div(127.5).sub(1);
const squares = tf.range(-3, 4).square();
const big = tf.randomUniform([10], 0, 10).pow(3);
const roots = tf.randomUniform([10], 1, 4).sqrt();
const logs = tf.randomUniform([10], 0, 1).log();
const exps = tf.randomUniform([10], -1, 1).exp();
const negated = tf.range(1, 4).neg();
const magnitudes = tf.tensor1d([-3, 2]).abs();
const halves = tf.tensor1d([0, 1, 2, 3]).div(2);
const wide = tf.randomUniform([10], 0, 1000).mul(tf.randomUniform([10], -2, 2));
`);
    assert.deepEqual(summary(facts.get('scaled')), { range: '[0, 1]', integer: false });
    assert.deepEqual(summary(facts.get('centred')), { range: '[-1, 1]', integer: false });
    assert.deepEqual(summary(facts.get('squares')), { range: '[0, 9]', integer: true, shape: '7', distinct: [0, 1, 4, 9] });
    assert.deepEqual(summary(facts.get('big')), { range: '[0, 1000)', integer: false, shape: '10' });
    assert.deepEqual(summary(facts.get('roots')), { range: '[1, 2)', integer: false, shape: '10' });
    assert.deepEqual(summary(facts.get('logs')), { range: '(-∞, 0)', integer: false, shape: '10' });
    assert.equal(formatInterval(facts.get('exps')!.range), '[0.3679, 2.718)');
    assert.deepEqual(summary(facts.get('negated')), { range: '[-3, -1]', integer: true, shape: '3', distinct: [-3, -2, -1] });
    assert.deepEqual(summary(facts.get('magnitudes')), { range: '[2, 3]', integer: true, shape: '2', distinct: [2, 3] });
    assert.deepEqual(summary(facts.get('halves')), { range: '[0, 1.5]', integer: false, shape: '4', distinct: [0, 0.5, 1, 1.5] });
    assert.deepEqual(summary(facts.get('wide')), { range: '(-2000, 2000)', integer: false, shape: '10' });
  });

  it('activations, clipping and the epsilon that keeps a logarithm finite', () => {
    const facts = factsOf(`
const x = tf.randomNormal([8, 3]);
const probabilities = x.sigmoid();
const guarded = x.sigmoid().add(1e-7);
const clipped = x.sigmoid().clipByValue(1e-7, 1 - 1e-7);
const rectified = x.relu();
const squashed = tf.tanh(x);
const distribution = tf.softmax(x);
const smooth = tf.softplus(tf.randomUniform([4], -1, 1));
const capped = x.relu6();
`);
    assert.deepEqual(summary(facts.get('probabilities')), { range: '[0, 1]', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('guarded')), { range: '[1e-7, 1]', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('clipped')), { range: '[1e-7, 1]', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('rectified')), { range: '[0, ∞)', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('squashed')), { range: '[-1, 1]', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('distribution')), { range: '[0, 1]', integer: false, shape: '8x3' });
    assert.deepEqual(summary(facts.get('smooth')), { range: '[0.3133, 1.313)', integer: false, shape: '4' });
    assert.deepEqual(summary(facts.get('capped')), { range: '[0, 6]', integer: false, shape: '8x3' });
  });

  it('reductions and the per-column statistics of known data, exactly', () => {
    const facts = factsOf(`
const data = tf.tensor2d([[1, 5, 10], [3, 5, 20], [2, 5, 30]]);
const max = data.max(0);
const min = data.min(0);
const spread = data.max(0).sub(data.min(0));
const total = data.sum();
const means = data.mean(1, true);
const unknownRows = tf.randomUniform([50, 3], 0, 4);
const columnMax = unknownRows.max(0);
const rowSums = unknownRows.sum(1);
`);
    assert.deepEqual(facts.get('max')?.values, [3, 5, 30]);
    assert.deepEqual(facts.get('min')?.values, [1, 5, 10]);
    assert.deepEqual(facts.get('spread')?.values, [2, 0, 20]);
    assert.deepEqual(summary(facts.get('total')), { range: '[81, 81]', integer: true, shape: '', distinct: [81] });
    assert.deepEqual(summary(facts.get('means')), { range: '[5.333, 12.33]', integer: false, shape: '3x1', distinct: [5.333333333333333, 9.333333333333334, 12.333333333333334] });
    assert.deepEqual(summary(facts.get('columnMax')), { range: '[0, 4)', integer: false, shape: '3' });
    assert.deepEqual(summary(facts.get('rowSums')), { range: '[0, 12)', integer: false, shape: '50' });
  });

  it('shape operations keep the values and follow the shape', () => {
    const facts = factsOf(`
const x = tf.randomUniform([10, 4], -1, 1);
const flat = x.reshape([-1]);
const grid = x.reshape([5, 2, 4]);
const batch = x.expandDims(0);
const single = tf.randomUniform([1, 3, 1], 0, 2).squeeze();
const firstRows = x.slice([0, 0], [2, -1]);
const joined = tf.concat([x, x], 1);
const stacked = tf.stack([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])]);
const picked = tf.tensor2d([[1, 2], [3, 4], [5, 6]]).gather([2, 0]);
const turned = x.transpose();
const float = tf.tensor1d([1, 2, 3], 'int32').toFloat();
const truncated = tf.tensor1d([1.9, -1.9]).cast('int32');
`);
    assert.deepEqual(summary(facts.get('flat')), { range: '[-1, 1)', integer: false, shape: '40' });
    assert.deepEqual(summary(facts.get('grid')), { range: '[-1, 1)', integer: false, shape: '5x2x4' });
    assert.deepEqual(summary(facts.get('batch')), { range: '[-1, 1)', integer: false, shape: '1x10x4' });
    assert.deepEqual(summary(facts.get('single')), { range: '[0, 2)', integer: false, shape: '3' });
    assert.deepEqual(summary(facts.get('firstRows')), { range: '[-1, 1)', integer: false, shape: '2x4' });
    assert.deepEqual(summary(facts.get('joined')), { range: '[-1, 1)', integer: false });
    assert.deepEqual(facts.get('stacked')?.values, [1, 2, 3, 4]);
    assert.deepEqual(facts.get('picked')?.values, [5, 6, 1, 2]);
    assert.deepEqual(summary(facts.get('turned')), { range: '[-1, 1)', integer: false, shape: '4x10' });
    assert.deepEqual(summary(facts.get('float')), { range: '[1, 3]', integer: true, shape: '3', distinct: [1, 2, 3] });
    assert.deepEqual(facts.get('truncated')?.values, [1, -1]);
  });

  it('row order: blocks of one class joined, sorted data, and order kept through scaling', () => {
    const facts = factsOf(`
const labels = tf.concat([tf.zeros([50]), tf.ones([50])]);
const xs = tf.tensor2d([[0.1], [0.2], [0.3], [0.4]]);
const ys = tf.tensor1d([0, 0, 1, 1]).mul(2);
const mixed = tf.concat([tf.ones([50]), tf.zeros([50])]);
`);
    assert.equal(facts.get('labels')?.order?.kind, 'byClass');
    assert.equal(facts.get('ys')?.order?.kind, 'byClass');
    assert.equal(facts.get('mixed')?.order, undefined);
  });

  it('arrays built in loops: the values each loop pushed bound the data, class by class is in order', () => {
    const facts = factsOf(`
export function load(samplesPerClass: number, pixels: () => number[]) {
  const xs: number[][] = [];
  const ys: number[] = [];
  const oneHot: number[][] = [];
  for (let label = 0; label < 3; label++) {
    for (let i = 0; i < samplesPerClass; i++) {
      xs.push([...pixels(), 1]);
      ys.push(label);
      oneHot.push(label === 0 ? [1, 0, 0] : label === 1 ? [0, 1, 0] : [0, 0, 1]);
    }
  }
  const interleaved: number[] = [];
  for (let i = 0; i < samplesPerClass; i++) {
    for (let label = 0; label < 3; label++) interleaved.push(label);
  }
  const sequential: number[] = [7];
  for (let i = 0; i < samplesPerClass; i++) sequential.push(1);
  for (let i = 0; i < samplesPerClass; i++) sequential.push(0);
  const revisited: number[] = [];
  for (const label of [0, 1, 0]) {
    for (let i = 0; i < samplesPerClass; i++) revisited.push(label);
  }
  const manyPerPass: number[] = [];
  for (let i = 0; i < 40; i++) manyPerPass.push(i % 4);
  const labels = tf.tensor1d(ys);
  const hot = tf.tensor2d(oneHot);
  const mixed = tf.tensor1d(interleaved, 'int32');
  const twoLoops = tf.tensor1d(sequential);
  const backAgain = tf.tensor1d(revisited);
  const counted = tf.tensor1d(manyPerPass);
  return [xs, labels, hot, mixed, twoLoops, backAgain, counted];
}
`);
    assert.deepEqual(summary(facts.get('labels')), { range: '[0, 2]', integer: true, shape: '?', distinct: [0, 1, 2], order: 'byClass' });
    assert.deepEqual(summary(facts.get('hot')), { range: '[0, 1]', integer: true, shape: '?x3', distinct: [0, 1], order: 'byClass' });
    // Each pass of the outer loop pushes every class: the labels are mixed, not grouped.
    assert.equal(facts.get('mixed')?.order, undefined);
    assert.deepEqual(summary(facts.get('twoLoops')), { range: '[0, 7]', integer: true, shape: '?', distinct: [0, 1, 7], order: 'byClass' });
    // Class 0 comes back after class 1: not one stretch per class.
    assert.equal(facts.get('backAgain')?.order, undefined);
    assert.equal(facts.get('counted')?.order?.kind, undefined);
  });

  it('unknown stays unknown', () => {
    const facts = factsOf(`
const data = tf.tensor2d(rows);
const scaled = data.div(255);
const standardised = data.sub(data.mean(0)).div(tf.moments(data, 0).variance.sqrt());
`);
    assert.deepEqual(summary(facts.get('data')), { range: '(-∞, ∞)', integer: false, shape: '?x?' });
    assert.deepEqual(summary(facts.get('scaled')), { range: '(-∞, ∞)', integer: false });
    assert.deepEqual(summary(facts.get('standardised')), { range: '(-∞, ∞)', integer: false });
  });

  it('rows of unknown values: as many rows as the outer array has elements, unless a shape or spread says otherwise', () => {
    const facts = factsOf(`
const one = tf.tensor2d([state]);
const two = tf.tensor3d([first, second]);
const spread = tf.tensor2d([...rows]);
const shaped = tf.tensor2d([flat], [4, 2]);
`);
    assert.equal(summary(facts.get('one'))['shape'], '1x?');
    assert.equal(summary(facts.get('two'))['shape'], '2x?x?');
    assert.equal(summary(facts.get('spread'))['shape'], '?x?');
    assert.equal(summary(facts.get('shaped'))['shape'], '4x2');
  });

  it('predictions lie in the output activation range of the model that made them', () => {
    const facts = factsOf(`
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' }));
const predictions = model.predict(tf.zeros([4, 3]));
`);
    assert.deepEqual(summary(facts.get('predictions')), { range: '[0, 1]', integer: false });
  });

  it('constant columns: literal rows, rows pushed in a loop, a column of ones joined on', () => {
    const facts = factsOf(`
const literal = tf.tensor2d([[1, 2, 7], [1, 3, 7], [1, 4, 7]]);
const flat = tf.tensor2d([1, 2, 1, 3], [2, 2]);
export function features(xs: number[], other: tf.Tensor2D) {
  const pushed: number[] = [];
  for (const x of xs) pushed.push(1, x, x * x);
  const rows: number[][] = [];
  for (const x of xs) rows.push([x, 0.5]);
  const uneven: number[] = [];
  for (const x of xs) {
    if (x > 0) uneven.push(1, x);
    else uneven.push(x);
  }
  const fromPushes = tf.tensor2d(pushed, [xs.length, 3]);
  const fromRows = tf.tensor2d(rows);
  const fromUneven = tf.tensor2d(uneven, [xs.length, 2]);
  const design = tf.concat([tf.ones([xs.length, 1]), other], 1);
  const stacked = tf.concat([tf.ones([2, 1]), other], 0);
  return [fromPushes, fromRows, fromUneven, design, stacked];
}
`);
    assert.deepEqual(facts.get('literal')?.constantColumns, [1, undefined, 7]);
    assert.deepEqual(facts.get('flat')?.constantColumns, [1, undefined]);
    assert.deepEqual(facts.get('fromPushes')?.constantColumns, [1, undefined, undefined]);
    assert.deepEqual(facts.get('fromRows')?.constantColumns, [undefined, 0.5]);
    assert.equal(facts.get('fromUneven')?.constantColumns, undefined);
    assert.deepEqual(facts.get('design')?.constantColumns, [1]);
    assert.equal(facts.get('stacked')?.constantColumns, undefined);
  });
});
