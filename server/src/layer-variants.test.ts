/** The variant the static build rebuilds of a model whose layers depend on a choice made at run time. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { ModelTarget } from '../../overfit/src/types';
import { Workspace } from './analysis/workspace';
import { fileModels } from './overfit-request';

const ROOT = path.resolve('/virtual/layer-variants');

function targetOf(text: string): ModelTarget {
  const file = path.join(ROOT, 'model.js');
  const workspace = new Workspace({ fileSystem: { readFile: (name) => (name === file ? text : undefined) } });
  workspace.addKnownFiles([file]);
  workspace.indexPending();
  const [target] = fileModels(workspace, file, {}, {}).targets;
  assert.ok(target);
  return target;
}

const factories = (spec: ModelTarget['spec']) => spec?.layers.map((layer) => layer.factory);

describe('layer variants', () => {
  it('two switches on the same value take the same case, the first in the code', () => {
    const target = targetOf(`import * as tf from '@tensorflow/tfjs';
const cell = document.getElementById('cell').value;
const model = tf.sequential();
switch (cell) {
  case 'gru': model.add(tf.layers.gru({ units: 8, inputShape: [5, 3] })); break;
  case 'lstm': model.add(tf.layers.lstm({ units: 8, inputShape: [5, 3] })); break;
  default: throw new Error('unknown cell');
}
model.add(tf.layers.repeatVector({ n: 4 }));
switch (cell) {
  case 'gru': model.add(tf.layers.gru({ units: 8, returnSequences: true })); break;
  case 'lstm': model.add(tf.layers.lstm({ units: 8, returnSequences: true })); break;
}
model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: 'softmax' }) }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
`);
    assert.deepEqual(factories(target.spec), ['gru', 'repeatVector', 'gru', 'timeDistributed']);
    assert.equal(target.spec?.standInValues, true, 'a chosen variant counts as a value the code leaves open');
    assert.match(target.spec?.notes?.[0] ?? '', /the check built the variant it takes first: case 'gru' of `switch \(cell\)` \(line 4\)/);
  });

  it('an if/else chain: the first branch, and nothing of the branches it leaves out', () => {
    const target = targetOf(`import * as tf from '@tensorflow/tfjs';
const kind = process.argv[2];
const model = tf.sequential();
if (kind === 'dense') {
  model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
} else {
  model.add(tf.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 4 }));
  if (kind === 'cnn') model.add(tf.layers.conv1d({ filters: 4, kernelSize: 2 }));
  model.add(tf.layers.flatten());
}
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`);
    assert.deepEqual(factories(target.spec), ['dense', 'dense']);
  });

  it('layers added in a callback or a loop leave the model unrebuilt', () => {
    const callback = targetOf(`import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4] }));
document.getElementById('deeper').addEventListener('click', () => model.add(tf.layers.dense({ units: 8 })));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`);
    assert.equal(callback.spec, undefined);
    assert.match(callback.specError ?? '', /only some code paths/);
  });
});
