import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../../rules/index';
import { DEFAULT_LIMITS, type RunLimits } from './interpreter/interpreter';
import { importGraphFiles } from '../../../test/support/import-graph';
import type { ParsedFile } from './source';
import { Workspace } from './workspace';

const ROOT = path.resolve('/virtual/program');

/** A workspace over in-memory files that counts how often the evaluator loads each module. */
class CountingWorkspace extends Workspace {
  loads = 0;

  override parse(file: string): ParsedFile | undefined {
    this.loads++;
    return super.parse(file);
  }
}

function workspaceOf(files: Record<string, string>, limits: RunLimits = DEFAULT_LIMITS): { workspace: CountingWorkspace; paths: string[] } {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  return { workspace: new CountingWorkspace({ fileSystem: { readFile: (file) => contents.get(file) }, limits }), paths: [...contents.keys()] };
}

describe('program runs', () => {
  for (const [shape, count] of [
    ['chain', 2000],
    ['cycle', 500],
  ] as const) {
    it(`lints a ${count}-file import ${shape} evaluating each module once, and finds the mistake at its end`, () => {
      const { workspace, paths } = workspaceOf(importGraphFiles(count, shape));
      const byFile = workspace.lintFiles(paths, rules, {});
      // One load per module for the evaluation; every file as its own entry would load count² / 2.
      assert.ok(workspace.loads <= count * 3, `${workspace.loads} module loads for ${count} files`);
      assert.deepEqual(
        byFile.get(path.join(ROOT, 'm0.js'))!.map((finding) => finding.ruleId),
        ['softmax-with-binary-crossentropy'],
      );
      assert.deepEqual(paths.filter((file) => workspace.partialReason(file)), []);
    });
  }

  it('a module that runs out of budget is left out, reported as partly analysed, and the rest is still checked', () => {
    const busy = Array.from({ length: 400 }, (_, index) => `  total = total + ${index};`).join('\n');
    const { workspace, paths } = workspaceOf(
      {
        'layers.ts': `import * as tf from '@tensorflow/tfjs';
export function hidden() {
  return tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' });
}`,
        // Runs out of budget in work(): the model it exports has only its hidden layer by then.
        'build.ts': `import * as tf from '@tensorflow/tfjs';
import { hidden } from './layers';
function work() {
  let total = 0;
${busy}
}
export const model = tf.sequential();
model.add(hidden());
work();
model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));`,
        // Compiles whatever build.ts exported: judged on the half-built model, the hidden layer's relu
        // (in layers.ts, a file analysed in full) would look like the output of a categorical model.
        'train.ts': `import { model } from './build';
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });`,
        'other.ts': `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
      },
      { ...DEFAULT_LIMITS, maxSteps: 2000 },
    );
    const byFile = workspace.lintFiles(paths, rules, {});
    const file = (name: string): string => path.join(ROOT, name);
    assert.match(workspace.partialReason(file('build.ts')) ?? '', /budget of 2000 steps ran out/);
    for (const name of ['layers.ts', 'train.ts', 'other.ts']) assert.equal(workspace.partialReason(file(name)), undefined, name);
    for (const name of ['layers.ts', 'build.ts', 'train.ts']) assert.deepEqual(byFile.get(file(name)), [], name);
    assert.deepEqual(
      byFile.get(file('other.ts'))!.map((finding) => finding.ruleId),
      ['softmax-with-binary-crossentropy'],
    );
  });

  it('a file nested too deeply to parse is reported as not analysed, the others are checked', () => {
    const { workspace, paths } = workspaceOf({
      'deep.ts': `import * as tf from '@tensorflow/tfjs';\nexport const x = ${'('.repeat(5000)}1${')'.repeat(5000)};`,
      'uses-deep.ts': `import * as tf from '@tensorflow/tfjs';
import { x } from './deep';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [x], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });`,
    });
    const byFile = workspace.lintFiles(paths, rules, {});
    assert.deepEqual(workspace.problemOf(path.join(ROOT, 'deep.ts')), { kind: 'crash', reason: 'the code is nested too deeply to analyse' });
    assert.deepEqual(
      byFile.get(path.join(ROOT, 'uses-deep.ts'))!.map((finding) => finding.ruleId),
      ['softmax-with-binary-crossentropy'],
    );
  });
});
