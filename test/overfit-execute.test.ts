/**
 * Execute mode on real projects: packages resolve as Node resolves them, the script's writes stay
 * out of the project, and a script that cannot run here (offline, a missing data file, arguments it
 * needs) is said so in one sentence and checked in static mode instead, inconclusively.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scriptProblem, watchArguments } from '../overfit/src/script-problems';
import type { OverfitResult } from '../overfit/src/types';
import { overlayWrites, projectRoot } from '../overfit/src/write-overlay';
import { CLI, runOverfit, type Outcome } from './support/overfit-cli';

function overfit(cwd: string, file: string, ...args: string[]): Outcome {
  return runOverfit(file, args, { steps: 50, cwd });
}

/** Writes files (path → text) under a folder. */
function write(folder: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), text);
  }
}

/** Every file under a folder with its text, to compare before and after a check. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(folder, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(folder);
  return files;
}

/** A model the static build can make too, trained on `data`, an expression of the script. */
const trainsOn = (data: string, header = `import * as tf from '@tensorflow/tfjs';`) => `${header}
const rows = ${data};
const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
await model.fit(tf.tensor2d(rows), tf.tensor2d(rows.map(([a, b]) => [a + b])));
`;

describe('execute mode on a real project', () => {
  let project: string;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-execute-'));
    write(project, {
      'package.json': JSON.stringify({ name: 'project', version: '1.0.0', type: 'module' }),
      // A CommonJS package that requires a file of its own and reads its data next to itself.
      'node_modules/row-count/package.json': JSON.stringify({ name: 'row-count', version: '1.0.0', main: 'lib/index.js' }),
      'node_modules/row-count/lib/index.js': `const { half } = require('./half');\nconst fs = require('fs');\nmodule.exports = { rows: half * 2 * Number(fs.readFileSync(require('path').join(__dirname, 'scale.txt'), 'utf8')) };\n`,
      'node_modules/row-count/lib/half.js': 'exports.half = 8;\n',
      'node_modules/row-count/lib/scale.txt': '1',
      // An ES module package that exports only for import.
      'node_modules/feature-count/package.json': JSON.stringify({ name: 'feature-count', version: '1.0.0', type: 'module', exports: { '.': { import: './index.js' } } }),
      'node_modules/feature-count/index.js': 'export const features = 4;\n',
      // A package built on tfjs, as tfjs-vis or a model library is: it imports its own tfjs, which the
      // project does not have installed, so only the check's can serve it.
      'node_modules/tiny-net/package.json': JSON.stringify({ name: 'tiny-net', version: '1.0.0', type: 'module', main: 'index.js', peerDependencies: { '@tensorflow/tfjs-core': '*', '@tensorflow/tfjs-layers': '*' } }),
      'node_modules/tiny-net/index.js': `import * as layers from '@tensorflow/tfjs-layers';\nimport * as core from '@tensorflow/tfjs-core';\nexport function regressor(features) {\n  const model = layers.sequential({ layers: [layers.layers.dense({ inputShape: [features], units: 1 })] });\n  model.compile({ optimizer: core.train.sgd(0.1), loss: 'meanSquaredError' });\n  return model;\n}\n`,
      'data/rows.json': '[[0,1],[1,0],[1,1],[0,0],[2,1],[1,2],[2,2],[0,2]]',
    });
  });

  after(() => fs.rmSync(project, { recursive: true, force: true }));

  describe('packages resolve from the user\'s file as Node resolves them', () => {
    const model = (features: string, rows: string) => `const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [${features}], units: 1 }));
model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
const x = tf.randomUniform([${rows}, ${features}], 0, 1, 'float32', 3);
`;

    it('a CommonJS script that requires a CommonJS package and imports an ES module package', () => {
      write(project, {
        'src/train.cjs': `const tf = require('@tensorflow/tfjs');\nconst { rows } = require('row-count');\nasync function main() {\n  const { features } = await import('feature-count');\n  ${model('features', 'rows')}  await model.fit(x, x.sum(1, true));\n}\nmain();\n`,
      });
      const outcome = overfit(project, 'src/train.cjs');
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.equal(outcome.result!.mode, 'execute');
      assert.equal(outcome.result!.data.source, 'captured');
      assert.equal(outcome.result!.data.batchSize, 16);
    });

    it('an ES module that imports both, and requires through createRequire(import.meta.url)', () => {
      write(project, {
        'src/train.mjs': `import * as tf from '@tensorflow/tfjs';\nimport { createRequire } from 'node:module';\nimport { features } from 'feature-count';\nimport counts from 'row-count';\nconst require = createRequire(import.meta.url);\nconst { rows } = require('row-count');\n${model('features', 'rows + counts.rows - 16')}await model.fit(x, x.sum(1, true));\n`,
      });
      const outcome = overfit(project, 'src/train.mjs');
      assert.equal(outcome.code, 0, outcome.stderr);
      assert.equal(outcome.result!.mode, 'execute');
      assert.equal(outcome.result!.data.batchSize, 16);
    });
  });

  it("a tfjs-node whose native addon is not built falls back to the bundled tfjs, untouched by the project's older tfjs it loaded first", () => {
    const unbuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-unbuilt-'));
    try {
      write(unbuilt, {
        'package.json': JSON.stringify({ name: 'unbuilt', version: '1.0.0' }),
        // As tfjs-node 2.x does: its tfjs makes the process's engine, then the addon is not found.
        'node_modules/@tensorflow/tfjs-node/package.json': JSON.stringify({ name: '@tensorflow/tfjs-node', version: '2.8.6', main: 'index.js' }),
        'node_modules/@tensorflow/tfjs-node/index.js': `globalThis._tfengine = { ENV: {}, registry: {}, old: true };\nglobalThis._tfGlobals = new Map();\nthrow new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: lib/napi-v7/tfjs_binding.node.');\n`,
        'train.cjs': `const tf = require('@tensorflow/tfjs-node');\nasync function main() {\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });\n  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });\n  const x = tf.randomUniform([16, 2], 0, 1, 'float32', 3);\n  await model.fit(x, x.sum(1, true));\n}\nmain();\n`,
      });
      const outcome = overfit(unbuilt, 'train.cjs');
      assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
      assert.equal(outcome.result!.mode, 'execute');
      assert.notEqual(outcome.result!.backend, 'tensorflow');
    } finally {
      fs.rmSync(unbuilt, { recursive: true, force: true });
    }
  });

  it('a package built on tfjs gets the check\'s tfjs for its own tfjs imports: its model is the one captured', () => {
    write(project, {
      'uses-tiny-net.mjs': `import * as tf from '@tensorflow/tfjs';\nimport { regressor } from 'tiny-net';\nconst model = regressor(2);\nconst x = tf.randomUniform([16, 2], 0, 1, 'float32', 3);\nawait model.fit(x, x.sum(1, true));\n`,
    });
    const outcome = overfit(project, 'uses-tiny-net.mjs');
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.mode, 'execute');
    assert.equal(outcome.result!.data.source, 'captured');
  });

  it('a script that runs its main only as the main module (require.main === module) in a file with imports runs it', () => {
    write(project, {
      'main-guard.ts': `import * as tf from '@tensorflow/tfjs';\nasync function main() {\n  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });\n  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });\n  const x = tf.randomUniform([16, 2], 0, 1, 'float32', 3);\n  await model.fit(x, x.sum(1, true));\n}\nif (require.main === module) main();\n`,
    });
    const outcome = overfit(project, 'main-guard.ts');
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.data.source, 'captured');
    // A .js file that mixes import with require (tfjs chosen at run time, as the official examples
    // do) is bundled as CommonJS, with a module object of its own: the guard must still hold.
    write(project, {
      'main-guard-mixed.js': `import * as path from 'path';
let tf;
async function main() {
  tf = require('@tensorflow/tfjs-node');
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const x = tf.randomUniform([16, 2], 0, 1, 'float32', 3);
  await model.fit(x, x.sum(1, true), { epochs: path.sep.length });
}
if (module !== require.main) throw new Error('not run as the main module');
if (require.main === module) {
  main();
}
`,
    });
    const mixed = overfit(project, 'main-guard-mixed.js');
    assert.equal(mixed.code, 0, mixed.stdout + mixed.stderr);
    assert.equal(mixed.result!.data.source, 'captured');
  });

  it('a model another file makes and nothing compiles, exported as it is: its layers train with a stand-in compile, inconclusively', () => {
    write(project, {
      'nets/q-network.mjs': `import * as tf from '@tensorflow/tfjs';\nexport function qNetwork(states, actions) {\n  return tf.sequential({ layers: [tf.layers.dense({ inputShape: [states], units: 16, activation: 'relu' }), tf.layers.dense({ units: actions })] });\n}\n`,
      'agent.mjs': `import { qNetwork } from './nets/q-network.mjs';\nexport const online = qNetwork(4, 2);\n`,
    });
    const outcome = overfit(project, 'agent.mjs');
    assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.mode, 'execute');
    assert.equal(outcome.result!.inconclusive?.reason, 'stand-in-training');
    // The file's call of the factory makes the model one of the file's: the result gives its place.
    assert.equal(outcome.result!.model, 'online');
    assert.equal(path.relative(project, outcome.result!.file!), path.join('nets', 'q-network.mjs'));
    assert.equal(outcome.result!.line, 3);
    assert.ok(
      outcome.result!.notes?.includes(
        'The check found no compile of the model in the code it follows: whatever receives it compiles and trains it, where the analysis does not follow the model. The check trained its layers with adam at its default learning rate and meanSquaredError (for its linear output); the code that trains it was not run.',
      ),
      JSON.stringify(outcome.result!.notes),
    );
  });

  it('a training function nothing calls, on a model it never compiles: called with made-up data, it fails at its fit as tfjs refuses it', () => {
    write(project, {
      'uncompiled.mjs': `import * as tf from '@tensorflow/tfjs';\nexport async function train(xs, ys) {\n  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });\n  await model.fit(xs, ys, { epochs: 3 });\n}\n`,
    });
    const outcome = overfit(project, 'uncompiled.mjs');
    assert.equal(outcome.code, 1, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.mode, 'execute');
    assert.equal(outcome.result!.fallback, undefined);
    assert.deepEqual(outcome.result!.causes.filter((cause) => !cause.fromRule).map((cause) => [cause.id, cause.line]), [['training-step-throws', 4]]);
  });

  it('an exported model with no layers yet (a method adds them later) is passed over, without a crash', () => {
    write(project, {
      'empty-export.cjs': `const tf = require('@tensorflow/tfjs');\nmodule.exports = {\n  model: tf.sequential(),\n  create(units) {\n    this.model.add(tf.layers.dense({ units, inputShape: [4] }));\n    this.model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  },\n};\n`,
    });
    const outcome = overfit(project, 'empty-export.cjs');
    assert.ok(outcome.result, outcome.stdout + outcome.stderr);
    assert.doesNotMatch(JSON.stringify(outcome.result), /failed unexpectedly|model is empty|\.ts:\d+/);
    const named = overfit(project, 'empty-export.cjs', '--model', 'model');
    assert.equal(named.code, 2);
    assert.match(named.stderr, /the model model has no layers when the file runs: the code adds them later, in a function the file does not call$/m);
    assert.doesNotMatch(named.stdout + named.stderr, /failed unexpectedly/);
  });

  it('a page script reads TensorFlow.js as the global tf, or imports it from a CDN: both run with the check\'s tf on their own batch', () => {
    const model = `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }));\nmodel.add(tf.layers.dense({ units: 1 }));\nmodel.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });\nconst xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [1, 2], [2, 2], [0, 2]]);\nmodel.fit(xs, xs.sum(1, true), { epochs: 5 });\n`;
    write(project, { 'page-global.js': model, 'page-cdn.mjs': `import * as tf from 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/+esm';\n${model}` });
    for (const script of ['page-global.js', 'page-cdn.mjs']) {
      const outcome = overfit(project, script);
      assert.equal(outcome.result?.mode, 'execute', `${script}: ${outcome.stdout}${outcome.stderr}`);
      assert.equal(outcome.result.fallback, undefined, script);
      assert.equal(outcome.result.data.source, 'captured', script);
    }
  });

  it('a module imported from another web address is a browser script\'s, said as such', () => {
    write(project, { 'page-module.mjs': trainsOn(`(await import('https://cdn.example.com/rows.mjs')).rows`) });
    const outcome = overfit(project, 'page-module.mjs');
    assert.equal(outcome.result?.fallback?.reason, 'browser', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.fallback.message, 'the script is written for a browser: it imports a module from a web address (https:), which Node, where the check runs it, does not load');
  });

  it('a browser script falls back to static mode and says it is one', () => {
    write(project, { 'page-script.mjs': trainsOn(`(document.getElementById('rows'), [[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]])`) });
    const outcome = overfit(project, 'page-script.mjs');
    assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.fallback?.reason, 'browser');
    assert.match(outcome.result!.fallback?.message ?? '', /^the script is written for a browser: it uses `document`/);
  });

  it('reads the project\'s files from the script\'s folder, and its writes never reach the project', () => {
    write(project, {
      'read-write.mjs': trainsOn(
        `(() => {
  const rows = JSON.parse(readFileSync('data/rows.json', 'utf8'));
  mkdirSync('cache', { recursive: true });
  writeFileSync('cache/rows.json', JSON.stringify(rows));
  fs.writeFileSync(new URL('./saved-next-to-the-script.json', import.meta.url), '{}');
  fs.appendFileSync('data/rows.json', ' ');
  fs.renameSync('data/rows.json', 'data/moved.json');
  fs.unlinkSync('package.json');
  if (!fs.readdirSync('.').includes('cache') || fs.readdirSync('.').includes('package.json')) throw new Error('the listing does not show what the script did');
  return JSON.parse(fs.readFileSync('cache/rows.json', 'utf8'));
})()`,
        `import * as tf from '@tensorflow/tfjs';\nimport * as fs from 'node:fs';\nimport { mkdirSync, readFileSync, writeFileSync } from 'node:fs';`,
      ),
    });
    const before = snapshot(project);
    const outcome = overfit(project, 'read-write.mjs');
    assert.equal(outcome.code, 0, outcome.stdout + outcome.stderr);
    assert.equal(outcome.result!.mode, 'execute', 'the script read back what it wrote');
    assert.equal(outcome.result!.data.batchSize, 8);
    assert.deepEqual(snapshot(project), before, 'the project is as it was');
  });

  describe('failures of the script\'s surroundings fall back to static mode and say why', () => {
    let closedPort: number;

    before(async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      closedPort = (server.address() as net.AddressInfo).port;
      await new Promise((resolve) => server.close(resolve));
    });

    const fallsBack = (outcome: Outcome, reason: string, message: string | RegExp): OverfitResult => {
      assert.equal(outcome.code, 3, `expected inconclusive (3), got ${outcome.code}\n${outcome.stdout}${outcome.stderr}`);
      const result = outcome.result!;
      assert.equal(result.verdict, 'inconclusive');
      assert.equal(result.mode, 'static');
      assert.equal(result.inconclusive?.reason, 'static-fallback');
      assert.equal(result.fallback?.reason, reason);
      if (typeof message === 'string') assert.equal(result.fallback?.message, message);
      else assert.match(result.fallback!.message, message);
      return result;
    };

    it('a download from a server that refuses the connection', () => {
      write(project, { 'download.mjs': trainsOn(`await (await fetch('http://127.0.0.1:${closedPort}/rows.json')).json()`) });
      fallsBack(overfit(project, 'download.mjs'), 'network', `the script downloads its data from 127.0.0.1:${closedPort}, which could not be reached`);
    });

    it('a download from a host that does not exist', () => {
      write(project, {
        'offline.mjs': trainsOn(
          `await new Promise((resolve, reject) => https.get('https://data.example.invalid/rows.json', resolve).on('error', reject))`,
          `import * as tf from '@tensorflow/tfjs';\nimport https from 'node:https';`,
        ),
      });
      fallsBack(overfit(project, 'offline.mjs'), 'network', 'the script downloads its data from data.example.invalid, which could not be reached');
    });

    it('a dataset that downloads its rows only when training reads it (tf.data.csv)', () => {
      write(project, {
        'dataset.mjs': `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [3], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
const rows = tf.data.csv('http://127.0.0.1:${closedPort}/rows.csv', { columnConfigs: { y: { isLabel: true } } });
const data = rows.map(({ xs, ys }) => ({ xs: Object.values(xs), ys: Object.values(ys) })).batch(16);
await model.fitDataset(data, { epochs: 1 });
`,
      });
      fallsBack(overfit(project, 'dataset.mjs'), 'network', `the script downloads its data from 127.0.0.1:${closedPort}, which could not be reached`);
    });

    it('a data file that does not exist, named as the script names it', () => {
      write(project, { 'missing-file.mjs': trainsOn(`JSON.parse(readFileSync('data/train.json', 'utf8'))`, `import * as tf from '@tensorflow/tfjs';\nimport { readFileSync } from 'node:fs';`) });
      fallsBack(overfit(project, 'missing-file.mjs'), 'missing-file', 'the script reads data/train.json, which does not exist');
    });

    it('the fallback trains as a static check of the file does: the script\'s run drew from the same seed first', () => {
      // The script draws random numbers (a model's initial weights) before it fails on its data.
      write(project, {
        'draws-then-fails.mjs': `import * as tf from '@tensorflow/tfjs';\nimport { readFileSync } from 'node:fs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }));\nmodel.add(tf.layers.dense({ units: 1 }));\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nconst rows = JSON.parse(readFileSync('data/absent-rows.json', 'utf8'));\nawait model.fit(tf.tensor2d(rows), tf.ones([rows.length, 1]));\n`,
      });
      const fellBack = fallsBack(overfit(project, 'draws-then-fails.mjs'), 'missing-file', 'the script reads data/absent-rows.json, which does not exist');
      const rebuilt = overfit(project, 'draws-then-fails.mjs', '--mode', 'static').result;
      assert.deepEqual([fellBack.steps, fellBack.initialLoss, fellBack.finalLoss], [rebuilt?.steps, rebuilt?.initialLoss, rebuilt?.finalLoss]);
    });

    it('a package the script imports that is not installed', () => {
      write(project, { 'unknown-package.mjs': trainsOn(`parse('1,2')`, `import * as tf from '@tensorflow/tfjs';\nimport { parse } from 'csv-parse-not-installed';`) });
      const result = fallsBack(overfit(project, 'unknown-package.mjs'), 'missing-package', /^the package "csv-parse-not-installed" the script imports \(unknown-package\.mjs:2\) is not installed: install the project's dependencies \(npm install\)/);
      assert.equal(JSON.stringify(result).split('csv-parse-not-installed').length - 1, 1, 'said once, in the fallback');
      // A path inside a package that is installed is a wrong import, not a missing package.
      write(project, { 'node_modules/csv-lite/package.json': '{ "name": "csv-lite", "version": "1.0.0", "main": "index.js" }', 'node_modules/csv-lite/index.js': 'exports.parse = () => [];', 'subpath.mjs': trainsOn(`parse('1,2')`, `import * as tf from '@tensorflow/tfjs';\nimport { parse } from 'csv-lite/no-such-entry';`) });
      fallsBack(overfit(project, 'subpath.mjs'), 'script-failed', /^the file could not be bundled: subpath\.mjs:2: Could not resolve "csv-lite\/no-such-entry"/);
    });

    it('a require nothing resolves fails only where the code reaches it, as in Node', () => {
    const model = `const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 8, inputShape: [2], activation: 'relu' }));\nmodel.add(tf.layers.dense({ units: 1 }));\nmodel.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });\nconst xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [2, 1], [1, 2], [2, 2], [0, 2]]);\nmodel.fit(xs, xs.sum(1, true), { epochs: 5 });\n`;
    write(project, {
      // An optional package in a try, and a helper required in a function the script never calls.
      'optional-requires.cjs': `const tf = require('@tensorflow/tfjs');\nlet canvas;\ntry { canvas = require('canvas-not-installed'); } catch { canvas = undefined; }\nfunction later() { return require('./no-such-helper'); }\n${model}`,
      'required-package.cjs': `const tf = require('@tensorflow/tfjs');\nconst table = require('table-not-installed');\n${model}`,
      'required-file.cjs': `const tf = require('@tensorflow/tfjs');\nconst helpers = require('./no-such-helper');\n${model}`,
      'node_modules/csv-lite/package.json': '{ "name": "csv-lite", "version": "1.0.0", "main": "index.js" }',
      'node_modules/csv-lite/index.js': 'exports.parse = () => [];',
      'required-subpath.cjs': `const tf = require('@tensorflow/tfjs');\nconst csv = require('csv-lite/no-such-entry');\n${model}`,
    });
    const optional = overfit(project, 'optional-requires.cjs');
    assert.equal(optional.result?.mode, 'execute', optional.stdout + optional.stderr);
    assert.equal(optional.result.data.source, 'captured');
    fallsBack(overfit(project, 'required-package.cjs'), 'missing-package', /^the package "table-not-installed" the script imports \(required-package\.cjs:2\) is not installed: install the project's dependencies \(npm install\)/);
    fallsBack(overfit(project, 'required-file.cjs'), 'missing-file', 'the script requires ./no-such-helper, which does not exist');
    fallsBack(overfit(project, 'required-subpath.cjs'), 'script-failed', /Cannot find module 'csv-lite\/no-such-entry'/);
  });

  it('a CommonJS package imported by name gets its names, as a bundler gives them, where Node sees none', () => {
    write(project, {
      // A UMD-style package: Node's import finds no named export in its code.
      'node_modules/umd-lite/package.json': '{ "name": "umd-lite", "version": "1.0.0", "main": "index.js" }',
      'node_modules/umd-lite/index.js': '(function (root, factory) { module.exports = factory(); })(this, function () { return { reversed: (rows) => rows.slice().reverse() }; });\n',
      'named-import.ts': trainsOn(`reversed([[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]])`, `import * as tf from '@tensorflow/tfjs';\nimport { reversed } from 'umd-lite';`),
    });
    const outcome = overfit(project, 'named-import.ts');
    assert.equal(outcome.result?.mode, 'execute', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.fallback, undefined);
    assert.equal(outcome.result.data.source, 'captured');
  });

  it('a require of a path alias of the tsconfig is bundled, and an import for side effects keeps its place before the others', () => {
    write(project, {
      'aliased/tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } } }',
      'aliased/src/lib/data.ts': 'export const rows = [[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]];\n',
      'aliased/src/train.ts': trainsOn(`require('@lib/data').rows`),
      // A CommonJS setup package that another, an ES module, needs to have run first.
      'node_modules/set-rows/package.json': '{ "name": "set-rows", "version": "1.0.0", "main": "index.js" }',
      'node_modules/set-rows/index.js': 'process.env.ROWS_READY = "1";\n',
      'node_modules/read-rows/package.json': '{ "name": "read-rows", "version": "1.0.0", "type": "module", "main": "index.js" }',
      'node_modules/read-rows/index.js': 'if (!process.env.ROWS_READY) throw new Error("set-rows did not run first");\nexport const rows = [[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]];\n',
      'ordered.mjs': trainsOn('given', `import 'set-rows';\nimport { rows as given } from 'read-rows';\nimport * as tf from '@tensorflow/tfjs';`),
    });
    for (const script of ['aliased/src/train.ts', 'ordered.mjs']) {
      const outcome = overfit(project, script);
      assert.equal(outcome.result?.mode, 'execute', `${script}: ${outcome.stdout}${outcome.stderr}`);
      assert.equal(outcome.result.data.source, 'captured', script);
    }
  });

  it('a page module that imports other tfjs packages from a CDN gets the check\'s tfjs for them too', () => {
    write(project, { 'page-data.mjs': trainsOn('[[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]]', `import * as tf from 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4/+esm';\nimport * as tfd from 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-data@4/+esm';`) });
    const outcome = overfit(project, 'page-data.mjs');
    assert.equal(outcome.result?.mode, 'execute', outcome.stdout + outcome.stderr);
    assert.equal(outcome.result.data.source, 'captured');
  });

  it('a script that reads its data file from the command line and throws without it', () => {
      write(project, { 'argument.mjs': trainsOn(`JSON.parse(readFileSync(process.argv[2].trim(), 'utf8'))`, `import * as tf from '@tensorflow/tfjs';\nimport { readFileSync } from 'node:fs';`) });
      fallsBack(overfit(project, 'argument.mjs'), 'arguments', 'the script expects command-line arguments');
    });

    it('the arguments given after -- reach the script, which then runs to its training', () => {
      write(project, {
        'argument.mjs': trainsOn(`JSON.parse(readFileSync(process.argv[2].trim(), 'utf8'))`, `import * as tf from '@tensorflow/tfjs';\nimport { readFileSync } from 'node:fs';`),
        'rows.json': '[[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]]',
      });
      const outcome = overfit(project, 'argument.mjs', '--', 'rows.json');
      assert.equal(outcome.result?.mode, 'execute', outcome.stdout + outcome.stderr);
      assert.equal(outcome.result.fallback, undefined);
      assert.equal(outcome.result.data.source, 'captured');
      assert.equal(outcome.result.data.batchSize, 8);
    });

    it('a script given too few arguments', () => {
      write(project, {
        'two-arguments.cjs': `const tf = require('@tensorflow/tfjs');\nif (process.argv.length < 4) {\n  console.error('usage: node two-arguments.cjs <epochs> <rate>');\n  process.exit(1);\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [2], units: 1 }));\nmodel.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });\nmodel.fit(tf.ones([4, 2]), tf.ones([4, 1]));\n`,
      });
      fallsBack(overfit(project, 'two-arguments.cjs', '--', '5'), 'arguments', 'the script expects other command-line arguments than the 1 it was given');
    });

    it('a script that prints its usage and exits without arguments', () => {
      write(project, {
        'usage.cjs': `const tf = require('@tensorflow/tfjs');\nif (process.argv.length < 3) {\n  console.error('usage: node usage.cjs <epochs>');\n  process.exit(1);\n}\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [2], units: 1 }));\nmodel.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });\nmodel.fit(tf.ones([4, 2]), tf.ones([4, 1]));\n`,
      });
      fallsBack(overfit(project, 'usage.cjs'), 'arguments', 'the script expects command-line arguments');
    });

    it('says so at the top of the text report', () => {
      const run = cp.spawnSync(process.execPath, [CLI, 'overfit', 'missing-file.mjs', '--steps', '50'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.equal(run.status, 3, run.stderr);
      const [header, fallback] = run.stdout.split('\n');
      assert.match(header!, /^INCONCLUSIVE {2}model/);
      assert.equal(fallback, 'Static mode, not your data: execute mode fell back to rebuilding the model from the code because the script reads data/train.json, which does not exist.');
    });

    it('without a static build to fall back to, the sentence is the error', () => {
      write(project, { 'no-fallback.mjs': `import * as tf from '@tensorflow/tfjs';\nconst { activation } = await (await fetch('http://127.0.0.1:${closedPort}/config.json')).json();\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ inputShape: [2], units: 1, activation }));\n` });
      const outcome = overfit(project, 'no-fallback.mjs');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, new RegExp(`^tfjs-doctor: the overfit check could not run: the script downloads its data from 127\\.0\\.0\\.1:${closedPort}, which could not be reached`));
      assert.equal((JSON.parse(outcome.stdout) as { verdict: string }).verdict, 'error');
    });
  });
});

/** Each look at the command line of a script given `given`, and whether it counts as one for arguments. */
function assertLooks(looks: readonly [string, (argv: string[]) => unknown, boolean][], given: readonly string[]): void {
  for (const [name, look, counts] of looks) {
    const watch = watchArguments('/project/train.js', given);
    try {
      assert.deepEqual(process.argv.slice(1), ['/project/train.js', ...given]);
      look(process.argv);
      assert.equal(watch.readMissingArguments(), counts, name);
    } finally {
      watch.restore();
    }
  }
}

describe('what a script\'s failure is', () => {
  const folder = path.resolve('/home/user/project');
  const problem = (error: unknown, readMissingArguments = false) => scriptProblem(error, { folder, readMissingArguments });

  it('a network failure, with the host from the error, its cause or its message', () => {
    assert.equal(problem(Object.assign(new Error('getaddrinfo ENOTFOUND storage.googleapis.com'), { code: 'ENOTFOUND', hostname: 'storage.googleapis.com' }))?.message, 'the script downloads its data from storage.googleapis.com, which could not be reached');
    assert.equal(problem(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.2:8080'), { code: 'ECONNREFUSED', address: '10.0.0.2', port: 8080 }) }))?.message, 'the script downloads its data from 10.0.0.2:8080, which could not be reached');
    assert.equal(problem(new Error('could not load https://example.com/mnist.bin: fetch failed'))?.message, 'the script downloads its data from example.com, which could not be reached');
    assert.equal(problem(new TypeError('fetch failed'))?.message, 'the script downloads its data from a server that could not be reached');
  });

  it('a missing file, shown from the script\'s folder when it is inside it', () => {
    const missing = (file: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${file}'`), { code: 'ENOENT', path: file, syscall: 'open' });
    assert.equal(problem(missing(path.join(folder, 'data', 'train.csv')))?.message, `the script reads ${path.join('data', 'train.csv')}, which does not exist`);
    assert.equal(problem(missing('/srv/data.csv'))?.message, 'the script reads /srv/data.csv, which does not exist');
  });

  it('a browser script: a ReferenceError for a global of web pages, not for any other name', () => {
    assert.deepEqual(problem(new ReferenceError('document is not defined')), {
      kind: 'browser',
      message: 'the script is written for a browser: it uses `document`, which Node, where the check runs it, does not have',
    });
    assert.equal(problem(new ReferenceError('self is not defined'))?.kind, 'browser');
    assert.equal(problem(new ReferenceError('documentation is not defined')), undefined);
    assert.equal(problem(new ReferenceError('model is not defined')), undefined);
  });

  it('a package installed without its install script: its native code is not built, said with the package', () => {
    const unbuilt = Object.assign(new Error(`Cannot find module '../build/Release/canvas.node'\nRequire stack:\n- /p/node_modules/canvas/lib/bindings.js\n- /p/node_modules/canvas/index.js\n- /p/train.js`), { code: 'MODULE_NOT_FOUND' });
    assert.deepEqual(problem(unbuilt), { kind: 'missing-package', message: 'the package "canvas" the script uses has no built native code: its install script did not run (npm rebuild canvas, or npm install with install scripts allowed, builds it)' });
    const scoped = Object.assign(new Error(`Cannot find module './binding.node'\nRequire stack:\n- /p/node_modules/@scope/addon/node_modules/@scope/inner/load.js`), { code: 'MODULE_NOT_FOUND' });
    assert.match(problem(scoped)?.message ?? '', /^the package "@scope\/inner" /);
    // A missing JavaScript module is no native build.
    assert.equal(problem(Object.assign(new Error(`Cannot find module './lib/util'\nRequire stack:\n- /p/node_modules/x/index.js`), { code: 'MODULE_NOT_FOUND' })), undefined);
  });

  it('arguments only when the script looked for them; anything else is the script\'s own error', () => {
    assert.equal(problem(new TypeError("Cannot read properties of undefined (reading 'trim')"), true)?.kind, 'arguments');
    assert.equal(problem(new TypeError("Cannot read properties of undefined (reading 'trim')")), undefined);
    assert.equal(problem(new Error('Cannot find module ./model'), false), undefined);
  });

  it('looking for arguments: an index past the file, length and slice(2), not a look for one flag', () => {
    const looks: [string, (argv: string[]) => unknown, boolean][] = [
      ['argv[2]', (argv) => argv[2], true],
      ['argv.length', (argv) => argv.length, true],
      ['argv.slice(2)', (argv) => argv.slice(2), true],
      ['destructuring', (argv) => { const [, , first] = argv; return first; }, true],
      ['argv[1]', (argv) => argv[1], false],
      ["argv.includes('--verbose')", (argv) => argv.includes('--verbose'), false],
    ];
    assertLooks(looks, []);
  });

  it('given arguments: the script reads them; a look past them, or at how many there are, counts', () => {
    const looks: [string, (argv: string[]) => unknown, boolean][] = [
      ['argv[2]', (argv) => argv[2], false],
      ['argv[3]', (argv) => argv[3], true],
      ['argv.length', (argv) => argv.length, true],
      ['argv.slice(2)', (argv) => argv.slice(2), true],
    ];
    assertLooks(looks, ['multihot']);
  });
});

describe('the write overlay', () => {
  it('keeps the project as it was, and shows the script what it wrote, moved and removed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-overlay-'));
    const project = path.join(root, 'project');
    const scratch = path.join(root, 'scratch');
    write(project, { 'package.json': '{}', 'data/a.csv': 'a', 'data/b.csv': 'b' });
    const before = snapshot(project);
    assert.equal(projectRoot(path.join(project, 'src', 'train.js')), project);
    const overlay = overlayWrites(scratch, [os.tmpdir()], project);
    try {
      const file = (name: string) => path.join(project, name);
      fs.writeFileSync(file('out/model.json'.replace('out/', '')), '{}');
      fs.mkdirSync(file('out'), { recursive: true });
      fs.writeFileSync(file('out/weights.bin'), 'w');
      fs.appendFileSync(file('data/a.csv'), '+');
      fs.unlinkSync(file('data/b.csv'));
      fs.renameSync(file('package.json'), file('package.old.json'));
      await fs.promises.writeFile(file('log.txt'), 'log');
      await new Promise<void>((resolve, reject) => fs.writeFile(file('callback.txt'), 'cb', (error) => (error ? reject(error) : resolve())));
      assert.equal(fs.readFileSync(file('data/a.csv'), 'utf8'), 'a+');
      assert.equal(fs.existsSync(file('data/b.csv')), false);
      assert.throws(() => fs.readFileSync(file('data/b.csv')), /ENOENT/);
      assert.equal(await fs.promises.readFile(file('log.txt'), 'utf8'), 'log');
      assert.deepEqual(fs.readdirSync(file('data')).sort(), ['a.csv']);
      assert.deepEqual((await fs.promises.readdir(project)).sort(), ['callback.txt', 'data', 'log.txt', 'model.json', 'out', 'package.old.json']);
      assert.equal(fs.statSync(file('out/weights.bin')).size, 1);
      // The temporary folder is written as it is.
      const temporary = path.join(os.tmpdir(), `tfjs-doctor-overlay-test-${process.pid}.txt`);
      fs.writeFileSync(temporary, 'kept');
      overlay.restore();
      assert.equal(fs.readFileSync(temporary, 'utf8'), 'kept');
      fs.rmSync(temporary);
    } finally {
      overlay.restore();
    }
    assert.deepEqual(snapshot(project), before);
    assert.ok(fs.existsSync(path.join(scratch)), 'the writes went to the overlay');
    fs.rmSync(root, { recursive: true, force: true });
  });
});
