import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../../rules/index';
import { Workspace, type Skip } from './workspace';

const ROOT = path.resolve('/virtual/workspace');
const BUGGY = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

function workspaceOf(files: Record<string, string>, skips: Skip[] = []): { workspace: Workspace; file: (name: string) => string } {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) }, onSkip: (skip) => skips.push(skip) });
  workspace.addKnownFiles(contents.keys());
  workspace.indexPending();
  return { workspace, file: (name) => path.join(ROOT, name) };
}

describe('workspace', () => {
  it('skips files that are too large, binary or do not parse, and says why', () => {
    const skips: Skip[] = [];
    const { workspace, file } = workspaceOf(
      {
        'huge.ts': BUGGY + `export const data = [${'0, '.repeat(400_000)}0];\n`,
        'binary.js': `${BUGGY}\u0000\u0001`,
        'broken.ts': `${BUGGY}model.add(`,
        'fine.ts': BUGGY,
      },
      skips,
    );
    for (const name of ['huge.ts', 'binary.js', 'broken.ts']) assert.deepEqual(workspace.lintFile(file(name), rules, {}), [], name);
    assert.equal(workspace.lintFile(file('fine.ts'), rules, {}).length, 1);
    assert.deepEqual(
      skips.map((skip) => `${path.basename(skip.file)}: ${skip.reason.replace(/:.*/, '')}`).sort(),
      ['binary.js: binary content', 'broken.ts: syntax error at line 5', 'huge.ts: larger than 1 MB'],
    );
  });

  it('does not analyse files that do not use tfjs, directly or through their imports', () => {
    const { workspace, file } = workspaceOf({
      'util.ts': 'export const add = (a: number, b: number) => a + b;',
      'model.ts': BUGGY.replace('const model', 'export const model'),
      'train.ts': "import { model } from './model';\nexport const go = () => model.fit(1, 2);",
      'other.ts': "import { add } from './util';\nexport const three = add(1, 2);",
    });
    assert.equal(workspace.isRelevant(file('util.ts')), false);
    assert.equal(workspace.isRelevant(file('other.ts')), false);
    assert.equal(workspace.isRelevant(file('train.ts')), true);
    assert.deepEqual(workspace.dependents(file('model.ts')), [file('train.ts')]);
  });

  it('re-runs an analysis only when a file it read changes', () => {
    const { workspace, file } = workspaceOf({ 'model.ts': BUGGY });
    const first = workspace.run(file('model.ts'));
    assert.equal(workspace.run(file('model.ts')), first);
    workspace.setOverlay(file('model.ts'), BUGGY.replace("'softmax'", "'sigmoid'"));
    const second = workspace.run(file('model.ts'));
    assert.notEqual(second, first);
    assert.deepEqual(workspace.lintFile(file('model.ts'), rules, {}), []);
  });

  it('lets go of a closed file: the runs that read it and, unless it is on disk, its place in the import index', () => {
    const exported = BUGGY.replace('const model', 'export const model');
    const { workspace, file } = workspaceOf({ 'model.ts': exported, 'train.ts': "import { model } from './model';\nexport const go = () => model.fit(1, 2);", 'util.ts': 'export const one = 1;' });
    // An editor buffer that is not on disk imports the model too.
    const unsaved = file('unsaved.ts');
    workspace.setOverlay(unsaved, "import { model } from './model';\nmodel.fit(1, 2);");
    const trainRun = workspace.run(file('train.ts'));
    workspace.run(unsaved);
    assert.deepEqual(workspace.dependents(file('model.ts')).sort(), [file('train.ts'), unsaved].sort());

    workspace.forget(unsaved);
    assert.deepEqual(workspace.dependents(file('model.ts')), [file('train.ts')]);
    assert.equal(workspace.filesOfRun(unsaved).size, 0);
    assert.equal(workspace.exists(unsaved), false);
    assert.equal(workspace.run(file('train.ts')), trainRun, 'a run that did not read it is kept');

    workspace.setOverlay(file('model.ts'), exported.replace("'softmax'", "'sigmoid'"));
    assert.notEqual(workspace.run(file('train.ts')), trainRun);
    workspace.forget(file('model.ts'));
    assert.equal(workspace.filesOfRun(file('train.ts')).size, 0, 'the runs that read it are gone');
    assert.equal(workspace.read(file('model.ts')), exported, 'the text on disk again');
    assert.deepEqual(workspace.dependents(file('model.ts')), [file('train.ts')], 'a file on disk stays in the import index');
  });

  it('applies whole-file and next-line disable comments', () => {
    const { workspace, file } = workspaceOf({
      'file.ts': `/* tfjs-doctor-disable softmax-with-binary-crossentropy */\n${BUGGY}`,
      'line.ts': BUGGY.replace('model.add(', '// tfjs-doctor-disable-next-line\nmodel.add('),
      'other-rule.ts': BUGGY.replace('model.add(', '// tfjs-doctor-disable-next-line missing-bias\nmodel.add('),
      'same-line.ts': BUGGY.replace("'softmax' }));", "'softmax' })); // tfjs-doctor-disable-line softmax-with-binary-crossentropy"),
    });
    assert.deepEqual(workspace.lintFile(file('file.ts'), rules, {}), []);
    assert.deepEqual(workspace.lintFile(file('line.ts'), rules, {}), []);
    assert.equal(workspace.lintFile(file('other-rule.ts'), rules, {}).length, 1);
    assert.deepEqual(workspace.lintFile(file('same-line.ts'), rules, {}), []);
  });
});
