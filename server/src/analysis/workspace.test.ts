import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AnyRule } from '../../../rules/core/rule';
import { rules } from '../../../rules/index';
import { DEFAULT_LIMITS } from './interpreter/interpreter';
import { isFatal, type FileProblem } from './source';
import { collectSourceFiles, collectSourceFilesAsync, Workspace, type Skip } from './workspace';

const ROOT = path.resolve('/virtual/workspace');
const BUGGY = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

function workspaceOf(files: Record<string, string | FileProblem>, skips: Skip[] = []): { workspace: Workspace; file: (name: string) => string } {
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
    assert.equal(workspace.filesAnalysedWith(unsaved).size, 0);
    assert.equal(workspace.exists(unsaved), false);
    assert.equal(workspace.run(file('train.ts')), trainRun, 'a run that did not read it is kept');

    workspace.setOverlay(file('model.ts'), exported.replace("'softmax'", "'sigmoid'"));
    assert.notEqual(workspace.run(file('train.ts')), trainRun);
    workspace.forget(file('model.ts'));
    assert.equal(workspace.filesAnalysedWith(file('train.ts')).size, 0, 'the runs that read it are gone');
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

  it('turns a stack overflow in the parser or the interpreter into the problem of that file only', () => {
    const { workspace, file } = workspaceOf({
      // Too deep for the parser.
      'deep-parse.ts': `import * as tf from '@tensorflow/tfjs';\nexport const x = ${'['.repeat(5000)}1${']'.repeat(5000)};\n`,
      // The parser reads a chain of additions in a loop; the interpreter walks the 20,000-deep tree.
      'deep-run.ts': `import * as tf from '@tensorflow/tfjs';\nexport const x = ${Array(20_000).fill('1').join(' + ')};\n`,
      'fine.ts': BUGGY,
    });
    const byFile = workspace.lintFiles([file('deep-parse.ts'), file('deep-run.ts'), file('fine.ts')], rules, {});
    for (const name of ['deep-parse.ts', 'deep-run.ts']) {
      assert.equal(workspace.problemOf(file(name))?.kind, 'crash', name);
      assert.match(workspace.problemOf(file(name))?.reason ?? '', /nested too deeply/, name);
    }
    assert.deepEqual(byFile.get(file('fine.ts'))?.map((finding) => finding.ruleId), ['softmax-with-binary-crossentropy']);
    assert.equal(workspace.problemOf(file('fine.ts')), undefined);
  });

  it('makes a failing rule the problem of the entry it failed on, and forgets it once the rule is off', () => {
    const failing: AnyRule = {
      meta: rules['missing-bias']!.meta,
      check: (context) => {
        if (context.graph.models.length > 0) throw new TypeError('cannot read the layers');
      },
    };
    const withFailing = { 'softmax-with-binary-crossentropy': rules['softmax-with-binary-crossentropy']!, 'missing-bias': failing };
    const { workspace, file } = workspaceOf({ 'model.ts': BUGGY, 'other.ts': "import * as tf from '@tensorflow/tfjs';\nexport const x = tf.tensor([1]);\n" });
    assert.deepEqual(workspace.lintFile(file('model.ts'), withFailing, {}), []);
    const problem = workspace.problemOf(file('model.ts'));
    assert.equal(problem?.kind, 'crash');
    assert.equal(problem?.reason, 'the rule missing-bias failed with TypeError: cannot read the layers');
    workspace.lintFile(file('other.ts'), withFailing, {});
    assert.equal(workspace.problemOf(file('other.ts')), undefined, 'a file without models is analysed as usual');
    assert.equal(workspace.lintFile(file('model.ts'), withFailing, { 'missing-bias': 'off' }).length, 1);
    assert.equal(workspace.problemOf(file('model.ts')), undefined);
  });

  it('finds which entry a rule fails on when it fails on the run of many, and keeps the findings of the others', () => {
    const failing: AnyRule = {
      meta: rules['missing-bias']!.meta,
      check: (context) => {
        if (context.graph.models.some((model) => model.span.file.endsWith('broken.ts'))) throw new TypeError('cannot read the layers');
      },
    };
    const withFailing = { 'softmax-with-binary-crossentropy': rules['softmax-with-binary-crossentropy']!, 'missing-bias': failing };
    const { workspace, file } = workspaceOf({ 'broken.ts': BUGGY, 'fine.ts': BUGGY });
    const byFile = workspace.lintFiles([file('broken.ts'), file('fine.ts')], withFailing, {});
    assert.equal(workspace.problemOf(file('broken.ts'))?.reason, 'the rule missing-bias failed with TypeError: cannot read the layers');
    assert.deepEqual(byFile.get(file('broken.ts')), []);
    assert.equal(workspace.problemOf(file('fine.ts')), undefined);
    assert.deepEqual(byFile.get(file('fine.ts'))?.map((finding) => finding.ruleId), ['softmax-with-binary-crossentropy']);
  });

  it('reports what the file system says about a file it cannot read, and forgets a removed tfjs import', () => {
    const { workspace, file } = workspaceOf({
      'locked.ts': { kind: 'unreadable', reason: 'permission denied' },
      'model.ts': BUGGY.replace("'softmax'", "'sigmoid'"),
    });
    assert.deepEqual(workspace.problemOf(file('locked.ts')), { kind: 'unreadable', reason: 'permission denied' });
    assert.equal(workspace.isRelevant(file('locked.ts')), false);
    assert.equal(workspace.problemOf(file('gone.ts')), undefined, 'a missing file is no problem of the workspace');

    workspace.setOverlay(file('model.ts'), `${BUGGY}model.add(`);
    workspace.lintFile(file('model.ts'), rules, {});
    assert.equal(workspace.problemOf(file('model.ts'))?.kind, 'syntax');
    assert.equal(workspace.problemOf(file('model.ts'))?.line, 5);
    workspace.setOverlay(file('model.ts'), 'export const plain = 1 +;\n');
    assert.equal(workspace.problemOf(file('model.ts')), undefined, 'a file without tfjs is not analysed, so not reported');
  });

  it('notes a run that stops at its budget as incomplete, not as a failure', () => {
    const contents = new Map([[path.join(ROOT, 'model.ts'), BUGGY]]);
    const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) }, limits: { ...DEFAULT_LIMITS, maxSteps: 10 } });
    assert.deepEqual(workspace.lintFile(path.join(ROOT, 'model.ts'), rules, {}), []);
    const problem = workspace.problemOf(path.join(ROOT, 'model.ts'));
    assert.deepEqual(problem, { kind: 'incomplete', reason: 'the analysis budget of 10 steps ran out' });
    assert.equal(isFatal(problem), false);
  });
});

describe('workspace folders', () => {
  it('leaves minified files out of the files a folder gives, however they are found', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-minified-'));
    try {
      fs.writeFileSync(path.join(dir, 'train.js'), BUGGY);
      fs.writeFileSync(path.join(dir, 'face-api.min.js'), BUGGY);
      fs.writeFileSync(path.join(dir, 'vendor.min.mjs'), BUGGY);
      assert.deepEqual((await collectSourceFilesAsync(dir)).map((file) => path.basename(file)), ['train.js']);
      assert.deepEqual(collectSourceFiles(dir).map((file) => path.basename(file)), ['train.js']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
