import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../analysis/workspace';
import { modelLearningRateEdit } from './overfit';

const ROOT = path.resolve('/workspace/project');

function workspaceOf(files: Record<string, string>): Workspace {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) } });
  workspace.addKnownFiles(contents.keys());
  workspace.indexPending();
  return workspace;
}

const uri = (file: string) => pathToFileURL(file).href;

describe('the learning-rate edit of a checked model', () => {
  it('edits the optimizer of the compile call in effect for the model created at the line, in the file that compiles it', () => {
    const workspace = workspaceOf({
      'model.js': "import * as tf from '@tensorflow/tfjs';\nexport function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [2] }));\n  return model;\n}\n",
      'train.js': "import * as tf from '@tensorflow/tfjs';\nimport { build } from './model.js';\nconst LR = 0.1;\nconst model = build();\nmodel.compile({ optimizer: tf.train.sgd(LR), loss: 'meanSquaredError' });\nawait model.fit(tf.zeros([4, 2]), tf.zeros([4, 1]));\n",
    });
    // The model is created in model.js and compiled in train.js, which imports it.
    const result = modelLearningRateEdit(workspace, path.join(ROOT, 'model.js'), 3, 0.02, uri);
    assert.ok(!('reason' in result), 'reason' in result ? result.reason : '');
    assert.deepEqual(result.edits, [{ uri: uri(path.join(ROOT, 'train.js')), range: { start: { line: 2, character: 11 }, end: { line: 2, character: 14 } }, newText: '0.02' }]);
  });

  it('says why when the model is gone or not compiled', () => {
    const workspace = workspaceOf({ 'a.js': "import * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [2] }));\n" });
    const notCompiled = modelLearningRateEdit(workspace, path.join(ROOT, 'a.js'), 2, 0.02, uri);
    assert.ok('reason' in notCompiled && /not compiled/.test(notCompiled.reason));
    const gone = modelLearningRateEdit(workspace, path.join(ROOT, 'a.js'), 3, 0.02, uri);
    assert.ok('reason' in gone && /No model is created at line 3/.test(gone.reason));
  });
});
