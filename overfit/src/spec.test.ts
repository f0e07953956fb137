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
    assert.match(reasons(`export function make(n: number) {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: n, inputShape: [2] })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`)[0]!, /^the units of the dense layer at line 3 is not known without running the code/);
    // Parts of a config are named in words, with the layer's line, not as code paths.
    assert.match(reasons(`export function make(n: number) {
  const m = tf.sequential({ layers: [tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [n, 28, 1] })] });
  m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
}`)[0]!, /^the first dimension of the input shape of the conv2d layer at line 3 is not known without running the code/);
    assert.match(reasons(`const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
m.compile({ optimizer: 'adam', loss: (a: tf.Tensor, b: tf.Tensor) => a.sub(b).abs().mean() });`)[0]!, /the loss is a function of the code/);
    assert.match(reasons(`const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });`)[0]!, /never compiled/);
  });
});
