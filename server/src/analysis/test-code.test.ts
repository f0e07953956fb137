import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../../rules/index';
import { expectsThrow, isTestFile } from './test-files';
import { ts } from './typescript';
import { Workspace } from './workspace';

const ROOT = path.resolve('/virtual/tests-project');

/** The rule ids found per file (relative name), linting every file together as the CLI does. */
function lint(files: Record<string, string>): Record<string, string[]> {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) } });
  const byFile = workspace.lintFiles([...contents.keys()], rules, {});
  const result: Record<string, string[]> = {};
  for (const [file, findings] of byFile) result[path.relative(ROOT, file)] = findings.map((finding) => finding.ruleId).sort();
  return result;
}

const PACKAGE = '{ "name": "agent" }';

/** A factory whose only guard is in the tests' expectations. */
const FACTORY = `import * as tf from '@tensorflow/tfjs';
export function createNet(height, width) {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [height, width, 2] }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 4 }));
  return model;
}
export const makeOptimizer = (rate) => tf.train.sgd(rate);
`;

describe('test code supplies no values to code outside the tests', () => {
  it('a test building the net with a height of 0 leaves the library without findings', () => {
    const found = lint({
      'package.json': PACKAGE,
      'net.js': FACTORY,
      'net_test.js': `import { createNet } from './net';\ndescribe('createNet', () => {\n  it('builds tiny nets', () => {\n    createNet(0, 10);\n  });\n});\n`,
    });
    assert.deepEqual(found['net.js'], []);
  });

  it('the same call from the program itself is reported', () => {
    const found = lint({ 'package.json': PACKAGE, 'net.js': FACTORY, 'main.js': `import { createNet } from './net';\nexport const net = createNet(0, 10);\n` });
    assert.deepEqual(found['net.js'], ['feature-map-too-small']);
  });

  it('tests in a test folder, and learning rates a unit test passes', () => {
    const found = lint({
      'package.json': PACKAGE,
      'src/net.js': FACTORY,
      'test/optimizer.js': `import { makeOptimizer } from '../src/net';\nexport const optimizer = makeOptimizer(50);\n`,
    });
    assert.deepEqual(found['src/net.js'], []);
    const control = lint({ 'package.json': PACKAGE, 'src/net.js': FACTORY, 'src/train.js': `import { makeOptimizer } from './net';\nexport const optimizer = makeOptimizer(50);\n` });
    assert.deepEqual(control['src/net.js'], ['learning-rate-out-of-range']);
  });

  it('calls an assertion expects to throw, in any file', () => {
    const found = lint({
      'package.json': PACKAGE,
      'net.js': FACTORY,
      'checks.js': `import * as assert from 'node:assert';\nimport { createNet } from './net';\nassert.throws(() => createNet(0, 10));\nexpect(() => createNet(10, 0)).toThrowError(/width/);\n`,
    });
    assert.deepEqual(found['net.js'], []);
  });

  it('a call expected not to throw keeps its values', () => {
    const found = lint({ 'package.json': PACKAGE, 'net.js': FACTORY, 'checks.js': `import { createNet } from './net';\nexpect(() => createNet(0, 10)).not.toThrow();\n` });
    assert.deepEqual(found['net.js'], ['feature-map-too-small']);
  });

  it('a test that compiles the library model with the wrong loss changes nothing in the library', () => {
    const found = lint({
      'package.json': PACKAGE,
      'model.js': `import * as tf from '@tensorflow/tfjs';\nexport const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });\n`,
      'model.test.js': `import { model } from './model';\nit('compiles', () => {\n  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n  model.fit(tf.ones([2, 4]), tf.ones([2, 3]));\n});\n`,
    });
    assert.deepEqual(found['model.js'], []);
  });

  it('a test file is still linted for its own code', () => {
    const found = lint({
      'package.json': PACKAGE,
      'model.test.js': `import * as tf from '@tensorflow/tfjs';\nit('trains', () => {\n  const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });\n  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });\n});\n`,
    });
    assert.deepEqual(found['model.test.js'], ['softmax-with-binary-crossentropy']);
  });

  it('a guard the evaluator can check keeps invalid sizes out of the model', () => {
    const guarded = FACTORY.replace('{\n  const model', '{\n  if (!(Number.isInteger(height) && height > 0)) throw new Error(`height ${height}`);\n  const model');
    const found = lint({ 'package.json': PACKAGE, 'net.js': guarded, 'main.js': `import { createNet } from './net';\nexport const net = createNet(0, 10);\n` });
    assert.deepEqual(found['net.js'], []);
  });
});

describe('test files and throw expectations', () => {
  const exists = (file: string): boolean => file === path.join(ROOT, 'package.json');

  it('recognises test files by name and by folder below the project root', () => {
    for (const name of ['a.test.ts', 'a.spec.js', 'a_test.js', 'a_spec.mjs', 'test/a.js', 'tests/unit/a.ts', 'src/__tests__/a.tsx']) {
      assert.equal(isTestFile(path.join(ROOT, name), exists), true, name);
    }
    for (const name of ['a.js', 'testing/a.js', 'src/contest.ts', 'latest.js']) {
      assert.equal(isTestFile(path.join(ROOT, name), exists), false, name);
    }
    // A project that lives in a folder named test is not all tests.
    const nested = path.resolve('/home/test/project');
    assert.equal(isTestFile(path.join(nested, 'src/model.js'), (file) => file === path.join(nested, 'package.json')), false);
  });

  it('recognises assertions that expect a throw', () => {
    const calls = (code: string): ts.CallExpression[] => {
      const source = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, true);
      const found: ts.CallExpression[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && node.arguments.some((arg) => ts.isArrowFunction(arg))) found.push(node);
        ts.forEachChild(node, visit);
      };
      visit(source);
      return found;
    };
    for (const code of ['expect(() => f()).toThrow();', 'expect(() => f()).toThrowError(/x/);', 'expect(() => f()).to.throw();', 'assert.throws(() => f());', 'await assert.rejects(() => f());', 'expect(() => f()).rejects.toThrow();']) {
      assert.equal(calls(code).every(expectsThrow), true, code);
    }
    for (const code of ['expect(() => f()).not.toThrow();', 'expect(() => f()).toBe(1);', 'it("x", () => f());']) {
      assert.equal(calls(code).some(expectsThrow), false, code);
    }
  });
});
