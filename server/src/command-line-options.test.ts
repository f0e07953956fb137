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
      'The script reads command-line options: the check built the model as the script runs without arguments, each option at the default the code gives it (`gpu` false (line 6), `kind` "wide" (line 4), `units` 12 (line 5)).',
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
    // Names .alias() adds, one by one or as an object of lists.
    const aliased = `import yargs from 'yargs';
import * as tf from '@tensorflow/tfjs-node';
const argv = yargs(process.argv.slice(2)).option('model-kind', { default: 'wide' }).option('units', { default: 5 }).alias('units', 'u').alias({ 'model-kind': ['kind-of-model'] }).argv;
${model('argv.kindOfModel', 'argv.u')}`;
    assert.deepEqual(layerConfigs(aliased, 'yargs.mjs'), [{ units: 5, inputShape: [4], activation: 'relu' }, { units: 1 }]);
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

  it('yargs given a list parses that list, not the command line: what it sets, the defaults of the rest, known to the linter too', () => {
    const text = (list: string) => `import yargs from 'yargs';
import * as tf from '@tensorflow/tfjs-node';
const argv = yargs(${list}).option('model-kind', { alias: 'k', default: 'deep' }).option('units', { type: 'number', default: 5 }).option('verbose', { type: 'boolean' }).argv;
${model('argv.modelKind', 'argv.units')}`;
    assert.deepEqual(layerConfigs(text("['--model-kind', 'wide', '--units=12']"), 'yargs.mjs'), [{ units: 12, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    assert.deepEqual(layerConfigs(text("['-k', 'wide', '--verbose', 'extra']"), 'yargs.mjs'), [{ units: 5, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    assert.deepEqual(layerConfigs(text("'--units 7 --modelKind wide'"), 'yargs.mjs'), [{ units: 7, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    // The list is the code's: no note speaks of the command line.
    const [target] = targetsOf(text("['--model-kind', 'wide']"), 'yargs.mjs');
    assert.ok(!(target!.spec?.notes ?? []).some((note) => note.includes('command-line')), String(target!.spec?.notes));
    // Short flags run together are not taken apart: the options stay open, and the build takes the first variant it can.
    assert.equal(targetsOf(text("['-kw']"), 'yargs.mjs')[0]!.spec?.layers.length, 2);
    // `.parse(list)` parses the list too.
    const parsed = text('process.argv.slice(2)').replace('.argv;', ".parse(['--units', '9', '--model-kind', 'wide']);");
    assert.deepEqual(layerConfigs(parsed, 'yargs.mjs'), [{ units: 9, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    // To the linter, a rate the code's own list gives is known: the rule fires on it.
    const rate = `import yargs from 'yargs';
import * as tf from '@tensorflow/tfjs-node';
const argv = yargs(['--rate', '50']).option('rate', { type: 'number', default: 0.01 }).argv;
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
model.compile({ optimizer: tf.train.sgd(argv.rate), loss: 'meanSquaredError' });`;
    const { workspace, file } = workspaceOf(rate, 'rate.mjs');
    assert.ok(workspace.lintFile(file, rules, {}).some((finding) => finding.ruleId === 'learning-rate-out-of-range'));
    const { workspace: fromCommandLine, file: other } = workspaceOf(rate.replace("yargs(['--rate', '50'])", 'yargs(process.argv.slice(2))').replace('default: 0.01', 'default: 50'), 'rate.mjs');
    assert.ok(!fromCommandLine.lintFile(other, rules, {}).some((finding) => finding.ruleId === 'learning-rate-out-of-range'), 'a default the command line may replace fires nothing');
  });

  it('yargs given a list: what yargs reads differently, or the code reshapes, stays unknown', () => {
    const units = (parser: string) => {
      const text = `import yargs from 'yargs';
import * as tf from '@tensorflow/tfjs-node';
const argv = ${parser}.argv;
const model = tf.sequential();
model.add(tf.layers.dense({ units: typeof argv.units === 'number' ? argv.units : 3, inputShape: [4] }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });`;
      return (targetsOf(text, 'yargs.mjs')[0]!.spec?.layers[0]?.config as { units: unknown }).units;
    };
    assert.equal(units("yargs(['--units', '12'])"), 12);
    // A boolean flag takes no value: 12 is a positional argument, and units keeps its default.
    assert.equal(units("yargs(['--verbose', '12']).option('verbose', { boolean: true }).option('units', { default: 7 })"), 7);
    assert.equal(units("yargs(['--units', '--verbose']).option('units', { default: 7 })"), 3, 'a flag alone is true');
    // yargs reads `+12` and `1E2` as strings.
    assert.equal(units("yargs(['--units', '+12'])"), 3);
    assert.equal(units("yargs(['--units', '1E2'])"), 3);
    // A function of the code makes the value, default included; so do middleware and the environment.
    assert.deepEqual(units("yargs(['--units', '12']).option('units', { coerce: (value) => value * 2 })"), { $standIn: 8 });
    assert.deepEqual(units("yargs(['--units', '12']).coerce('units', (value) => value * 2)"), { $standIn: 8 });
    assert.deepEqual(units("yargs(['--units', '12']).env('TRAIN')"), { $standIn: 8 });
    assert.deepEqual(units("yargs(process.argv.slice(2)).option('units', { default: 12, coerce: Number })"), { $standIn: 8 });
    assert.deepEqual(units("yargs(['--optimizer.units', '12'])"), { $standIn: 8 }, 'a dotted key makes an object');
  });

  it('yargs commands given a list: the command is the first positional argument, its positionals come from the list, and a module may follow the description', () => {
    const text = (list: string, command: string) => `const yargs = require('yargs');
const tf = require('@tensorflow/tfjs-node');
function train(argv) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: typeof argv.units === 'number' ? argv.units : 3, inputShape: [4] }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
yargs(${list}).option('epochs', { type: 'number' })${command}.argv;`;
    const units = (list: string, command: string) => (targetsOf(text(list, command))[0]!.spec?.layers[0]?.config as { units: unknown }).units;
    const small = ".command('small [units]', 'Trains a small model', (y) => y.positional('units', { default: 2 }), train)";
    assert.equal(units("['--epochs', '5', 'small']", small), 2, 'after the value of --epochs, small is the command');
    assert.equal(units("['small', '16']", small), 16, 'the positional argument the list gives, not its default');
    assert.equal(units("['small', '--units', '16']", small), 16);
    const module = ".command('small', 'Trains a small model', { builder: (y) => y.option('units', { default: 5 }), handler: train })";
    assert.equal(units("['small']", module), 5);
  });

  it("yargs commands: a command's builder declares its options, its handler builds the model with them at their defaults, and the note names the command", () => {
    const text = `const yargs = require('yargs');
const tf = require('@tensorflow/tfjs-node');
function train(argv) {
${model('argv.kind', 'argv.units')}
  return model.fit(tf.zeros([8, 4]), tf.zeros([8, 1]));
}
yargs
  .option('verbose', { type: 'boolean', default: false })
  .command('train [kind]', 'Trains the model', (y) => y.positional('kind', { default: 'wide' }).option('units', { type: 'number', default: 24 }), train)
  .command({ command: 'evaluate', describe: 'Evaluates it', builder: { units: { default: 3 } }, handler: () => undefined })
  .demandCommand(1)
  .parse();`;
    const [target] = targetsOf(text);
    assert.deepEqual(target!.spec?.layers.map((layer) => layer.config), [{ units: 24, inputShape: [4], activation: 'relu' }, { units: 1 }]);
    assert.equal(
      target!.spec?.notes?.[0],
      'The script reads command-line options: the check built the model as the script runs the command `train` without other arguments, each option at the default the code gives it (`kind` "wide" (line 22), `units` 24 (line 22)).',
    );
    // A list the code gives picks its command; one that names another runs only that one.
    const evaluated = text.replace('.parse();', ".parse(['evaluate']);");
    const notRun = targetsOf(evaluated)[0]!.spec;
    assert.ok(!(notRun?.notes ?? []).some((note) => note.includes('command')), 'train runs only as a function nothing calls');
    assert.notEqual((notRun?.layers[0]?.config as { units?: unknown } | undefined)?.units, 24);
    const given = text.replace('.parse();', ".parse(['train', 'wide', '--units', '40']);");
    assert.deepEqual(targetsOf(given)[0]!.spec?.layers[0]?.config, { units: 40, inputShape: [4], activation: 'relu' });
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

  it('string methods take their position argument, and a long text splits into parts left unknown', () => {
    const text = (test: string) => `const tf = require('@tensorflow/tfjs-node');
const kind = 'lstm-gru';
const rows = Array.from({ length: 100 }, (_, i) => i).join('\\n');
const model = tf.sequential();
if (${test}) model.add(tf.layers.dense({ units: 6, inputShape: [4], activation: 'relu' }));
else model.add(tf.layers.dense({ units: 2, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
void rows;
`;
    const units = (test: string) => (layerConfigs(text(test))?.[0] as { units: number }).units;
    assert.equal(units(`kind.indexOf('lstm', 1) === -1`), 6);
    assert.equal(units(`kind.includes('lstm', 2)`), 2);
    assert.equal(units(`kind.startsWith('gru', 5)`), 6);
    assert.equal(units(`kind.endsWith('lstm', 4)`), 6);
    // A short text splits into known parts; the parts of a long one are data, not a choice: a test on
    // them is a choice the build makes (the first branch, said in a note).
    assert.equal(units(`'a,b'.split(',').length > 1000`), 2);
    assert.equal(units(`rows.split('\\n').length > 1000`), 6);
    assert.match(targetsOf(text(`rows.split('\\n').length > 1000`))[0]!.spec!.notes![0]!, /the variant it takes first/);
  });

  it('an option with no default stays unknown: the static build does not guess it', () => {
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
    assert.match(target!.spec!.notes![1]!, /8 for `units` of the dense layer \(line 11\) \(from the command-line option --units \(line 5\), known only when the script runs\)/);
  });

  it('a note names the options with no default, which stay unknown, beside the defaults', () => {
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
      'The script reads command-line options: the check built the model with the defaults the code gives them (`units` 5 (line 5)); it leaves open `kind` (line 4), which has no default it can read.',
    );
  });

  it('an option declared with no default keeps its stand-in, in either argparse; one left out by yargs too', () => {
    for (const declare of [`parser.add_argument('--units', { type: 'int' })`, `parser.addArgument('--units', { type: 'int' })`]) {
      const text = `const { ArgumentParser } = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new ArgumentParser();
${declare};
parser.add_argument('--kind', { default: 'wide' });
const args = parser.parse_args();
${model('args.kind', 'args.units')}`;
      assert.deepEqual(layerConfigs(text), [{ units: { $standIn: 8 }, inputShape: [4], activation: 'relu' }, { units: 1 }], declare);
    }
  });

  it('argparse: set_defaults wins over the option, declared before or after it', () => {
    for (const [first, second] of [
      [`parser.set_defaults({ units: 6 });`, `parser.add_argument('--units', { type: 'int', default: 3 });`],
      [`parser.add_argument('--units', { type: 'int', default: 3 });`, `parser.set_defaults({ units: 6 });`],
    ]) {
      const text = `const { ArgumentParser } = require('argparse');
const tf = require('@tensorflow/tfjs-node');
const parser = new ArgumentParser();
${first}
${second}
const args = parser.parse_args();
${model("'wide'", 'args.units')}`;
      assert.equal((layerConfigs(text)?.[0] as { units: number }).units, 6);
    }
  });

  it('the note names each option once, by the name the code reads, and reads options through a copy of the result', () => {
    const text = `const yargs = require('yargs');
const tf = require('@tensorflow/tfjs-node');
const { program } = require('commander');
program.option('--no-shuffle');
const argv = { ...yargs.option('hidden-units', { alias: ['h', 'width'], default: 6 }).argv };
${model("'wide'", 'argv.hiddenUnits')}
console.log(program.opts().shuffle);`;
    const [target] = targetsOf(text);
    assert.equal(target!.spec?.layers[0]!.config && (target!.spec.layers[0]!.config as { units: number }).units, 6);
    // Read through a copy: the note names the options the parses give (each declaration once).
    assert.match(target!.spec!.notes![0]!, /\(`hiddenUnits` 6 \(line 5\), `shuffle` true \(line 4\)\)/);
  });

  it('a factory built from a list parameter runs with its list stand-ins and the options at their defaults', () => {
    const text = `import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-node';
const { values } = parseArgs({ options: { classes: { type: 'string', default: '3' } } });
export function build(hiddenSizes, classes) {
  const model = tf.sequential();
  hiddenSizes.forEach((units, index) => model.add(tf.layers.dense(index === 0 ? { units, inputShape: [4], activation: 'relu' } : { units, activation: 'relu' })));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
export function train(hiddenSizes) {
  return build(hiddenSizes, Number(values.classes));
}`;
    const [target] = targetsOf(text, 'train.mjs');
    assert.equal((target!.spec?.layers.at(-1)!.config as { units: number }).units, 3);
    assert.equal(target!.spec?.layers.length, 3);
  });

  it('a module imported with import = require is one parser however often the code names it', () => {
    const text = `import commander = require('commander');
import * as tf from '@tensorflow/tfjs-node';
commander.program.option('--units <n>', 'hidden units', '5');
commander.program.parse();
${model("'wide'", 'Number(commander.program.opts().units)')}`;
    assert.equal((layerConfigs(text, 'train.ts')?.[0] as { units: number }).units, 5);
  });

  it('the model the script trains without arguments comes first: a check that names none checks it', () => {
    const text = `const { ArgumentParser } = require('argparse');
const tf = require('@tensorflow/tfjs-node');
function linear() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] });
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
function deep() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
const parser = new ArgumentParser();
parser.add_argument('--model', { default: 'deep' });
const args = parser.parse_args();
const model = args.model === 'linear' ? linear() : deep();
model.fit(tf.randomNormal([32, 4]), tf.randomNormal([32, 1]), { epochs: 5 });
`;
    assert.deepEqual(targetsOf(text).map((target) => target.line), [9, 4]);
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
