/** Command-line options: unknown to the linter, at their defaults in the overfit check's static build. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../rules/index';
import type { ModelTarget } from '../../overfit/src/types';
import { Workspace } from './analysis/workspace';
import { fileModels } from './overfit-request';

const ROOT = path.resolve('/virtual/command-line');

function workspaceOf(text: string, name: string): { workspace: Workspace; file: string } {
  const file = path.join(ROOT, name);
  const workspace = new Workspace({ fileSystem: { readFile: (other) => (other === file ? text : undefined) } });
  return { workspace, file };
}

function targetsOf(text: string, name = 'train.js'): ModelTarget[] {
  const { workspace, file } = workspaceOf(text, name);
  return fileModels(workspace, file, {}, {}).targets;
}

/** The configs of the layers of the file's only model, as the static build makes them. */
function layerConfigs(text: string, name?: string): unknown[] | undefined {
  const targets = targetsOf(text, name);
  assert.equal(targets.length, 1, 'one model');
  return targets[0]!.spec?.layers.map((layer) => layer.config);
}

/** A model whose hidden layer the option `kind` picks, and whose width the option `units` gives. */
const model = (kind: string, units: string) => `
const model = tf.sequential();
switch (${kind}) {
  case 'wide':
    model.add(tf.layers.dense({ units: ${units}, inputShape: [4], activation: 'relu' }));
    break;
  case 'deep':
    model.add(tf.layers.dense({ units: 4, inputShape: [4], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 4, activation: 'relu' }));
    break;
}
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;

describe('command-line options', () => {
  it('argparse 1.x: the options hold their declared defaults in the static build, converted by their type, with a note that names them', () => {
    const text = `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser({ description: 'Trains a model' });
parser.addArgument('--kind', { type: 'string', choices: ['wide', 'deep'], defaultValue: 'wide' });
parser.addArgument(['-u', '--units'], { type: 'int', defaultValue: '12' });
parser.addArgument('--gpu', { action: 'storeTrue' });
const args = parser.parseArgs();
if (args.gpu) require('@tensorflow/tfjs-node-gpu');
${model('args.kind', 'args.units')}`;
    const [target] = targetsOf(text);
    assert.deepEqual(
      target!.spec?.layers.map((layer) => layer.config),
      [{ units: 12, inputShape: [4], activation: 'relu' }, { units: 1 }],
    );
    assert.equal(
      target!.spec?.notes?.[0],
      'The script reads command-line options: the check built the model as the script runs without arguments, each option at the default the code gives it (--gpu false (line 6), --kind "wide" (line 4), --units 12 (line 5)).',
    );
  });

  it('argparse 2.x: add_argument with several flags, dest, dashes read as underscores, and set_defaults', () => {
    const text = `const { ArgumentParser } = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new ArgumentParser();
parser.add_argument('-k', '--model-kind', { default: 'deep' });
parser.add_argument('--width', { dest: 'units', type: 'int', default: 7 });
parser.set_defaults({ model_kind: 'wide' });
const args = parser.parse_args();
${model('args.model_kind', 'args.units')}`;
    assert.deepEqual(layerConfigs(text), [{ units: 7, inputShape: [4], activation: 'relu' }, { units: 1 }]);
  });

  it('yargs, commander, minimist and util.parseArgs give their defaults under the names the code reads', () => {
    const yargs = `import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import * as tf from '@tensorflow/tfjs-node';
const argv = yargs(hideBin(process.argv)).option('model-kind', { alias: 'k', type: 'string', default: 'wide' }).options({ units: { type: 'number', default: 5 } }).help().argv;
${model('argv.modelKind', 'argv.units')}`;
    assert.deepEqual(layerConfigs(yargs, 'yargs.mjs'), [{ units: 5, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    const commander = `const { program } = require('commander');
const tf = require('@tensorflow/tfjs-node');
program.option('-k, --model-kind <kind>', 'the kind of model', 'wide').option('-u, --units <n>', 'hidden units', parseInt, 6).option('--no-shuffle');
program.parse();
const options = program.opts();
${model('options.modelKind', 'options.units')}`;
    assert.deepEqual(layerConfigs(commander), [{ units: 6, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    const minimist = `const argv = require('minimist')(process.argv.slice(2), { default: { kind: 'wide', units: 3 }, boolean: ['gpu'] });
const tf = require('@tensorflow/tfjs-node');
${model('argv.kind', 'argv.units')}`;
    assert.deepEqual(layerConfigs(minimist), [{ units: 3, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    const parseArgs = `import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-node';
const { values } = parseArgs({ options: { kind: { type: 'string', default: 'deep' }, units: { type: 'string', default: '9' } } });
${model('values.kind', 'Number(values.units)')}`;
    assert.deepEqual(layerConfigs(parseArgs, 'parse-args.mjs'), [{ units: 4, inputShape: [4], activation: 'relu' }, { units: 4, activation: 'relu' }, { units: 1 }]);
  });

  it('string methods on a known option decide the branch they test, as in the script', () => {
    const text = (test: string) => `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser();
parser.addArgument('--modelType', { defaultValue: 'bidirectional-lstm' });
const args = parser.parseArgs();
const model = tf.sequential();
if (${test}) model.add(tf.layers.dense({ units: 6, inputShape: [4], activation: 'relu' }));
else model.add(tf.layers.dense({ units: 2, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
    const units = (test: string) => (layerConfigs(text(test))?.[0] as { units: number }).units;
    assert.equal(units(`args.modelType.match('lstm')`), 6);
    assert.equal(units(`args.modelType.match('^lstm')`), 2);
    assert.equal(units(`args.modelType.startsWith('bidirectional')`), 6);
    assert.equal(units(`args.modelType.toUpperCase().includes('GRU')`), 2);
    assert.equal(units(`args.modelType.split('-')[1] === 'lstm'`), 6);
  });

  it('an option the command line must give stays unknown: the static build does not guess it', () => {
    const text = `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser();
parser.addArgument('kind');
parser.addArgument('--units', { type: 'int', required: true });
const args = parser.parseArgs();
${model('args.kind', 'args.units')}`;
    const [target] = targetsOf(text);
    assert.equal(target!.spec?.notes?.some((note) => note.includes('command-line options')), false);
    // The switch on the positional argument is a choice the build makes; the size a stand-in it names.
    assert.match(target!.spec!.notes![0]!, /the variant it takes first: case 'wide' of `switch \(args.kind\)` \(line 9\)/);
    assert.match(target!.spec!.notes![1]!, /8 for `units` of the dense layer \(line 11\) \(from the command-line option --units \(line 5\), which has no default\)/);
  });

  it('a note names the options the command line must give, which stay unknown, beside the defaults', () => {
    const text = `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser();
parser.addArgument('kind');
parser.addArgument('--units', { type: 'int', defaultValue: 5 });
const args = parser.parseArgs();
${model('args.kind', 'args.units')}`;
    const [target] = targetsOf(text);
    assert.deepEqual(target!.spec?.layers[0]!.config, { units: 5, inputShape: [4], activation: 'relu' });
    assert.equal(
      target!.spec?.notes?.[0],
      'The script reads command-line options: the check built the model with each option at the default the code gives it (--units 5 (line 5)); the command line must give kind (line 4), which the check leaves open.',
    );
  });

  it('a model the options do not change keeps its target, with no note on them', () => {
    const text = `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser();
parser.addArgument('--epochs', { type: 'int', defaultValue: 3 });
const args = parser.parseArgs();
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
console.log(args.epochs);
`;
    const [target] = targetsOf(text);
    assert.deepEqual(target!.spec?.notes ?? [], []);
  });

  it('the linter reads an option as unknown: no rule fires on a default the command line may replace', () => {
    const lint = (rate: string) => {
      const { workspace, file } = workspaceOf(
        `const argparse = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new argparse.ArgumentParser();
parser.addArgument('--learningRate', { type: 'float', defaultValue: 50 });
const args = parser.parseArgs();
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
model.compile({ optimizer: tf.train.sgd(${rate}), loss: 'meanSquaredError' });
`,
        'train.js',
      );
      return workspace.lintFile(file, rules, {}).map((finding) => finding.ruleId);
    };
    assert.ok(lint('50').includes('learning-rate-out-of-range'), 'the rule fires on the rate written out');
    assert.deepEqual(lint('args.learningRate'), []);
  });
});
