/** Form fields of the page a script runs in: unknown to the linter, at the page's values in the overfit check's static build. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../rules/index';
import type { ModelTarget } from '../../overfit/src/types';
import { Workspace } from './analysis/workspace';
import { fileModels } from './overfit-request';

const ROOT = path.resolve('/virtual/page-fields');

/** A workspace of `files` (paths relative to ROOT), every one of them known, as a folder's files are. */
function workspaceOf(files: Record<string, string>): Workspace {
  const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => texts.get(file) } });
  workspace.addKnownFiles(texts.keys());
  return workspace;
}

function targetsOf(files: Record<string, string>, name = 'index.js'): ModelTarget[] {
  return fileModels(workspaceOf(files), path.join(ROOT, name), {}, {}).targets;
}

/** A script that takes its hidden layer's width and its learning rate from the page. */
const SCRIPT = `import * as tf from '@tensorflow/tfjs';
const unitsSelect = document.getElementById('units');
const getUnits = () => +unitsSelect.value;
export function train(xs, ys) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: getUnits(), inputShape: [4], activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  const rate = Number(document.querySelector('#rate').value);
  model.compile({ optimizer: tf.train.sgd(rate), loss: 'categoricalCrossentropy' });
  return model.fit(xs, ys, { epochs: 50 });
}
`;

const PAGE = `<!doctype html>
<select id="units">
  <option value="10">10</option>
  <option value="100" selected>100</option>
</select>
<input id="rate" type="number" value="0.05">
<script type="module" src="index.js"></script>
`;

describe('form fields of the page', () => {
  it('the static build takes each field at the value the page gives it as it loads, with a note that names them', () => {
    const [target] = targetsOf({ 'index.js': SCRIPT, 'index.html': PAGE });
    assert.deepEqual(target!.spec?.layers[0]?.config, { units: 100, inputShape: [4], activation: 'relu' });
    assert.deepEqual(target!.spec?.compile.optimizer, { $tf: 'train.sgd', args: [0.05] });
    assert.equal(
      target!.spec?.notes?.[0],
      'The code reads fields of its page: the check built the model with the values the page gives them as it loads (`#units` "100" (index.html line 2), `#rate` "0.05" (index.html line 6)).',
    );
  });

  it('without a page the fields stay open: the sizes get stand-ins, and no note speaks of a page', () => {
    const [target] = targetsOf({ 'index.js': SCRIPT });
    assert.deepEqual(target!.spec?.layers[0]?.config, { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.ok(!(target!.spec?.notes ?? []).some((note) => note.includes('fields of its page')));
    // Through the conversions the code makes (`+`, Number()), a value is still the field's, named so.
    assert.match(target!.spec?.notes?.[0] ?? '', /stand-ins: 8 for `units` of the dense layer \(line 6\) \(from the field #units of the page \(line 3\), known only when the page runs\); 0\.01 for the learning rate of tf\.train\.sgd\(\) \(from the field #rate of the page \(line 9\), known only when the page runs\)/);
  });

  it('takes the page of the nearest folder that has the field; pages of one folder that disagree leave it open', () => {
    const above = { 'src/index.js': SCRIPT, 'index.html': PAGE };
    assert.deepEqual(targetsOf(above, 'src/index.js')[0]!.spec?.layers[0]?.config, { units: 100, inputShape: [4], activation: 'relu' });
    const nearer = { ...above, 'src/demo.html': '<input id="units" value="16">' };
    assert.deepEqual(targetsOf(nearer, 'src/index.js')[0]!.spec?.layers[0]?.config, { units: 16, inputShape: [4], activation: 'relu' });
    const [target] = targetsOf({ ...nearer, 'src/other.html': '<input id="units" value="32">' }, 'src/index.js');
    assert.deepEqual(target!.spec?.layers[0]?.config, { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' }, 'not the page above: the pages beside the script decide');
    const [disagree] = targetsOf({ 'index.js': SCRIPT, 'a.html': '<input id="units" value="16"><input id="rate" value="0.1">', 'b.html': '<input id="units" value="32"><input id="rate" value="0.1">' });
    assert.deepEqual(disagree!.spec?.layers[0]?.config, { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.match(disagree!.spec?.notes?.[0] ?? '', /the pages nearest the script give `#units` different values, which the check leaves open\.$/);
  });

  it("a page's own script reads the page's fields, and a checkbox's checked and a number field's valueAsNumber count", () => {
    const page = `<input id="width" type="number" value="24"><input id="deep" type="checkbox" checked>
<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
<script>
function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: document.getElementById('width').valueAsNumber, inputShape: [2], activation: 'relu' }));
  if (document.getElementById('deep').checked) model.add(tf.layers.dense({ units: 4, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
</script>`;
    const [target] = targetsOf({ 'page.html': page }, 'page.html');
    assert.deepEqual(
      target!.spec?.layers.map((layer) => layer.config),
      [{ units: 24, inputShape: [2], activation: 'relu' }, { units: 4, activation: 'relu' }, { units: 1 }],
    );
  });

  it('a field the code sets is left open, not read at the page\'s value', () => {
    const script = SCRIPT.replace("const unitsSelect = document.getElementById('units');", "const unitsSelect = document.getElementById('units');\nunitsSelect.value = localStorage.getItem('units');");
    const [target] = targetsOf({ 'index.js': script, 'index.html': PAGE });
    assert.deepEqual(target!.spec?.layers[0]?.config, { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.match(target!.spec?.notes?.[0] ?? '', /^The code reads fields of its page: the check built the model with the values the page gives them as it loads \(`#rate` "0\.05" \(index\.html line 6\)\)\.$/);
  });

  it("a page's own script sees only its own fields, never a sibling page's", () => {
    const page = (extra: string) => `${extra}<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
<script>
function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: +document.getElementById('units').value, inputShape: [2] }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
</script>`;
    const [target] = targetsOf({ 'a.html': page(''), 'b.html': '<input id="units" value="7">' }, 'a.html');
    assert.deepEqual(target!.spec?.layers[0]?.config, { units: { $standIn: 8 }, inputShape: [2] });
    const [own] = targetsOf({ 'a.html': page('<input id="units" value="3">'), 'b.html': '<input id="units" value="7">' }, 'a.html');
    assert.deepEqual(own!.spec?.layers[0]?.config, { units: 3, inputShape: [2] });
  });

  it('the note says what each read got: a checkbox checked or not, a number, a long text cut short', () => {
    const script = `import * as tf from '@tensorflow/tfjs';
export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: document.getElementById('width').valueAsNumber, inputShape: [2], useBias: document.getElementById('bias').checked }));
  model.add(tf.layers.dense({ units: 1, activation: document.getElementById('notes').value.length > 0 ? 'linear' : 'sigmoid' }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
`;
    const page = `<input id="width" type="number" value="6"><input id="bias" type="checkbox">\n<textarea id="notes">${'x'.repeat(100)}</textarea>`;
    const [target] = targetsOf({ 'index.js': script, 'index.html': page });
    assert.deepEqual(target!.spec?.layers.map((layer) => layer.config), [{ units: 6, inputShape: [2], useBias: false }, { units: 1, activation: 'linear' }]);
    assert.equal(target!.spec?.notes?.[0], `The code reads fields of its page: the check built the model with the values the page gives them as it loads (\`#width\` 6 (index.html line 1), \`#bias\` not checked (index.html line 1), \`#notes\` "${'x'.repeat(40)}…" (index.html line 2)).`);
  });

  it('a property the element does not have is left open: valueAsNumber of a text field, checked of a select; so is a frame\'s document', () => {
    const script = (read: string) => `import * as tf from '@tensorflow/tfjs';
export function build() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: ${read}, inputShape: [2] }));
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}
`;
    const page = '<input id="units" value="5"><select id="choice"><option>4</option></select>';
    const units = (read: string) => targetsOf({ 'index.js': script(read), 'index.html': page })[0]!.spec?.layers[0]?.config;
    assert.deepEqual(units("document.getElementById('units').valueAsNumber"), { units: { $standIn: 8 }, inputShape: [2] });
    assert.deepEqual(units("document.getElementById('choice').checked ? 2 : 3"), { units: { $standIn: 8 }, inputShape: [2] });
    assert.deepEqual(units("+frame.contentWindow.document.getElementById('units').value"), { units: { $standIn: 8 }, inputShape: [2] });
    assert.deepEqual(units("+document.getElementById('units').value"), { units: 5, inputShape: [2] });
  });

  it("reads a select's options and which one the page selects: `select.options[select.selectedIndex]`", () => {
    const script = (read: string) => `import * as tf from '@tensorflow/tfjs';
const select = document.getElementById('cell');
export function build() {
  const option = ${read};
  const model = tf.sequential();
  model.add(tf.layers[option.value]({ units: 8, inputShape: [5, 3] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  return model;
}
`;
    const page = `<select id="cell">
  <option value="simpleRNN">Simple RNN</option>
  <option value="lstm" selected>LSTM</option>
  <option>gru</option>
</select>`;
    const target = (read: string, onPage = page) => targetsOf({ 'index.js': script(read), 'index.html': onPage })[0]!;
    const built = target('select.options[select.selectedIndex]');
    assert.equal(built.spec?.layers[0]?.factory, 'lstm');
    assert.equal(built.spec?.notes?.[0], 'The code reads fields of its page: the check built the model with the values the page gives them as it loads (`#cell` selectedIndex 1 ("lstm") (index.html line 1)).');
    assert.equal(target('select.options[2]').spec?.layers[0]?.factory, 'gru', 'an option without a value gives its text');
    assert.equal(target('[...select.options].find((each) => each.selected)').spec?.layers[0]?.factory, 'lstm');
    // An option's attributes as the page writes them: no value attribute is null, not the text.
    assert.equal(target("{ value: select.options[select.selectedIndex].getAttribute('value') }").spec?.layers[0]?.factory, 'lstm');
    assert.equal(target("{ value: select.options[2].getAttribute('value') === null ? 'gru' : 'lstm' }").spec?.layers[0]?.factory, 'gru');
    assert.equal(target('select.options[select.options.length - 3]').spec?.layers[0]?.factory, 'simpleRNN');
    // A list selects each option it marks; a label left empty is the option's text.
    const list = `<select id="cell" multiple><option value="simpleRNN" selected>Simple RNN</option><option value="lstm">LSTM</option><option value="gru" label="" selected>GRU</option></select>`;
    assert.equal(target('[...select.options].filter((each) => each.selected)[1]', list).spec?.layers[0]?.factory, 'gru');
    assert.equal(target("{ value: select.options[2].label === 'GRU' ? 'gru' : 'lstm' }", list).spec?.layers[0]?.factory, 'gru');
    // Changes through the options, or of one: what the page wrote is not what the code reads.
    for (const change of ['select.options[2].selected = true;', "select.options[1].value = 'gru';", 'select.options.remove(1);', 'select.options.length = 1;', 'select.options.selectedIndex = 2;']) {
      const changed = targetsOf({ 'index.js': script('select.options[select.selectedIndex]').replace('export function build', `${change}\nexport function build`), 'index.html': page })[0]!;
      assert.match(changed.specError ?? '', /a layer the extractor could not read \(line 7\)/, change);
    }
    // The code picks another option, or fills the select: what the page wrote is not what it reads.
    const picked = targetsOf({ 'index.js': script('select.options[select.selectedIndex]').replace('export function build', "select.selectedIndex = Number(localStorage.getItem('cell'));\nexport function build"), 'index.html': page })[0]!;
    assert.match(picked.specError ?? '', /a layer the extractor could not read \(line 7\)/);
    const filled = targetsOf({ 'index.js': script('select.options[select.selectedIndex]').replace('export function build', "select.appendChild(document.createElement('option'));\nexport function build"), 'index.html': page })[0]!;
    assert.match(filled.specError ?? '', /a layer the extractor could not read \(line 7\)/);
  });

  it('arithmetic on a field keeps its name in the note: `el.value * 1`, `units | 0`', () => {
    const script = SCRIPT.replace("const getUnits = () => +unitsSelect.value;", "const getUnits = () => (unitsSelect.value * 1) | 0;").replace("Number(document.querySelector('#rate').value)", "document.querySelector('#rate').value / 1");
    const [target] = targetsOf({ 'index.js': script });
    assert.match(target!.spec?.notes?.[0] ?? '', /8 for `units` of the dense layer \(line 6\) \(from the field #units of the page \(line 3\), known only when the page runs\); 0\.01 for the learning rate of tf\.train\.sgd\(\) \(from the field #rate of the page \(line 9\), known only when the page runs\)/);
  });

  it('a script runs in the pages that load it by `<script src>`, itself or through a module that imports it, before the pages of its folder', () => {
    const units = (files: Record<string, string>, file = 'src/index.js') => targetsOf(files, file)[0]!.spec?.layers[0]?.config;
    const loads = (value: string, src: string) => `<input id="units" value="${value}"><input id="rate" value="0.1"><script type="module" src="${src}"></script>`;
    // A page in another folder, which the folders above the script would never reach.
    assert.deepEqual(units({ 'src/index.js': SCRIPT, 'public/index.html': loads('12', '../src/index.js?v=2') }), { units: 12, inputShape: [4], activation: 'relu' });
    // Two pages beside the script: the one that loads it decides, not both.
    const beside = { 'index.js': SCRIPT, 'about.js': '', 'app.html': loads('12', './index.js'), 'about.html': loads('64', 'about.js') };
    assert.deepEqual(units(beside, 'index.js'), { units: 12, inputShape: [4], activation: 'relu' });
    // Through the module the page loads.
    const imported = { 'src/model.js': SCRIPT, 'src/main.js': "import { train } from './model.js';\ntrain();\n", 'src/other.js': '', 'index.html': loads('20', '/src/main.js'), 'src/other.html': loads('64', 'other.js') };
    assert.deepEqual(units(imported, 'src/model.js'), { units: 20, inputShape: [4], activation: 'relu' });
    // Two pages that load it and disagree leave the field open; a page with a base address is not read by its addresses.
    assert.deepEqual(units({ ...beside, 'about.html': loads('64', 'index.js') }, 'index.js'), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units({ 'src/index.js': SCRIPT, 'public/index.html': `<base href="/app/">${loads('12', '../src/index.js')}` }), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    // A page whose inline module imports it loads it too; so may a page with a base address, or one that loads a bundle.
    const inline = (value: string) => `<input id="units" value="${value}"><input id="rate" value="0.1"><script type="module">import { train } from './index.js'; train();</script>`;
    assert.deepEqual(units({ ...beside, 'about.html': inline('64') }, 'index.js'), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units({ ...beside, 'about.html': inline('12') }, 'index.js'), { units: 12, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units({ ...beside, 'about.html': `<base href="/">${loads('64', 'about.js')}` }, 'index.js'), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units({ ...beside, 'about.html': loads('64', 'dist/bundle.js') }, 'index.js'), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units({ ...beside, 'about.html': loads('64', 'https://cdn.example.com/lib.js') }, 'index.js'), { units: 12, inputShape: [4], activation: 'relu' }, 'a script of another host is none of the project');
    // A check that starts from a page runs the modules it loads in that page.
    const both = { 'index.js': SCRIPT, 'app.html': inline('12'), 'about.html': loads('64', 'index.js') };
    assert.deepEqual(units(both, 'index.js'), { units: { $standIn: 8 }, inputShape: [4], activation: 'relu' });
    assert.deepEqual(units(both, 'app.html'), { units: 12, inputShape: [4], activation: 'relu' });
  });

  it('a page edited in the editor gives its new value to the next check', () => {
    const workspace = workspaceOf({ 'index.js': SCRIPT, 'index.html': PAGE });
    const file = path.join(ROOT, 'index.js');
    const units = () => fileModels(workspace, file, {}, {}).targets[0]!.spec?.layers[0]?.config;
    assert.deepEqual(units(), { units: 100, inputShape: [4], activation: 'relu' });
    workspace.setOverlay(path.join(ROOT, 'index.html'), PAGE.replace('<option value="100" selected>', '<option value="100">').replace('<option value="10">', '<option value="10" selected>'));
    assert.deepEqual(units(), { units: 10, inputShape: [4], activation: 'relu' });
  });

  it('the linter reads a field as unknown: no rule fires on a value the user may change', () => {
    const lint = (rate: string) => {
      const workspace = workspaceOf({ 'index.js': SCRIPT.replace('tf.train.sgd(rate)', `tf.train.sgd(${rate})`), 'index.html': PAGE.replace('0.05', '50') });
      return workspace.lintFile(path.join(ROOT, 'index.js'), rules, {}).map((finding) => finding.ruleId);
    };
    assert.ok(lint('50').includes('learning-rate-out-of-range'), 'the rule fires on the rate written out');
    assert.deepEqual(lint('rate'), []);
  });
});

/** The classes a model tells apart, one per button of its page: the pattern of a webcam classifier's page. */
const CLASSES_SCRIPT = `const buttons = document.querySelectorAll('button.dataCollector');
const CLASS_NAMES = [];
buttons.forEach((button) => CLASS_NAMES.push(button.getAttribute('data-name')));
export function buildHead() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [1024], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: CLASS_NAMES.length, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: CLASS_NAMES.length === 2 ? 'binaryCrossentropy' : 'categoricalCrossentropy' });
  return model;
}
`;

const CLASSES_PAGE = `<!doctype html>
<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs"></script>
<button id="train">Train</button>
<button class="dataCollector" data-name="Cat">Cat</button>
<button class="dataCollector wide" data-name="Dog">Dog</button>
<button class="dataCollector" data-name="Bird">Bird</button>
<template><button class="dataCollector" data-name="Never shown"></button></template>
<script type="module" src="index.js"></script>
`;

describe('elements of the page', () => {
  it('the static build finds the elements a selector finds as the page loads, reads their attributes, and says so', () => {
    const [target] = targetsOf({ 'index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE });
    assert.deepEqual(target!.spec?.layers[1]?.config, { units: 3, activation: 'softmax' });
    assert.equal(target!.spec?.compile.loss, 'categoricalCrossentropy');
    assert.equal(
      target!.spec?.notes?.[0],
      'The code looks up elements of its page: the check built the model with the elements the page has as it loads, before any script adds or removes some (`button.dataCollector`: 3 elements (index.html lines 4–6)).',
    );
    const [two] = targetsOf({ 'index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE.replace(/<button class="dataCollector" data-name="Bird">Bird<\/button>\n/, '') });
    assert.equal(two!.spec?.compile.loss, 'binaryCrossentropy');
  });

  it('dataset and id read the page too; an attribute the page does not write is null, and hasAttribute says so', () => {
    const script = (list: string, name: string) => CLASSES_SCRIPT.replace("document.querySelectorAll('button.dataCollector')", list).replace("button.getAttribute('data-name')", name);
    const units = (list: string, name: string) => targetsOf({ 'index.js': script(list, name), 'index.html': CLASSES_PAGE })[0]!.spec?.layers[1]?.config;
    assert.deepEqual(units("document.querySelectorAll('.dataCollector')", 'button.dataset.name'), { units: 3, activation: 'softmax' });
    assert.deepEqual(units("document.querySelectorAll('button')", 'button.id'), { units: 4, activation: 'softmax' });
    const named = (expression: string) => CLASSES_SCRIPT.replace("CLASS_NAMES.length, activation: 'softmax'", `${expression}, activation: 'softmax'`);
    const onPage = (expression: string) => targetsOf({ 'index.js': named(expression), 'index.html': CLASSES_PAGE.replace('data-name="Dog"', 'data-name="Dog" data-units="7" __proto__="x"') })[0]!.spec?.layers[1]?.config;
    assert.deepEqual(onPage("buttons[1].getAttribute('title') === null ? 5 : 6"), { units: 5, activation: 'softmax' });
    assert.deepEqual(onPage("buttons[1].hasAttribute('__proto__') ? Number(buttons[1].dataset.units) : 6"), { units: 7, activation: 'softmax' });
  });

  it("leaves open the live collections of getElementsBy…, which show the code's changes, and what the code writes of an element", () => {
    const script = (list: string) => CLASSES_SCRIPT.replace("document.querySelectorAll('button.dataCollector')", list).replace('buttons.forEach(', 'Array.from(buttons).forEach(');
    assert.match(targetsOf({ 'index.js': script("document.getElementsByClassName('dataCollector')"), 'index.html': CLASSES_PAGE })[0]!.specError ?? '', /only known when the script runs/);
    // Read at the page's value, the first name is Cat (6 units); left open, the size gets a stand-in.
    const firstName = CLASSES_SCRIPT.replace("CLASS_NAMES.length, activation: 'softmax'", "CLASS_NAMES[0] === 'Fish' ? 5 : 6, activation: 'softmax'");
    assert.deepEqual(targetsOf({ 'index.js': firstName, 'index.html': CLASSES_PAGE })[0]!.spec?.layers[1]?.config, { units: 6, activation: 'softmax' });
    const renamed = firstName.replace('buttons.forEach(', "buttons[0].setAttribute('data-name', 'Fish');\nbuttons.forEach(");
    assert.deepEqual(targetsOf({ 'index.js': renamed, 'index.html': CLASSES_PAGE })[0]!.spec?.layers[1]?.config, { units: { $standIn: 8 }, activation: 'softmax' }, 'not the name the page wrote');
  });

  it('a script file reads the pages that load it, or those of the nearest folder that has one; pages that disagree, or find nothing, leave the list open', () => {
    const units = (files: Record<string, string>) => targetsOf(files, 'src/index.js')[0]!.spec?.layers[1]?.config;
    assert.deepEqual(units({ 'src/index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE }), { units: 3, activation: 'softmax' });
    const twoButtons = CLASSES_PAGE.replace(/<button class="dataCollector" data-name="Bird">Bird<\/button>\n/, '');
    assert.deepEqual(units({ 'src/index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE, 'index.js': '', 'src/demo.html': twoButtons }), { units: 2, activation: 'softmax' });
    // A page that loads a script the project does not have (a bundle) may run this one.
    assert.equal(units({ 'src/index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE, 'src/demo.html': twoButtons }), undefined);
    assert.equal(units({ 'src/index.js': CLASSES_SCRIPT, 'index.html': CLASSES_PAGE, 'src/demo.html': '<p>No buttons here</p>' }), undefined, 'not the page above: the page beside the script has none');
    assert.equal(units({ 'src/index.js': CLASSES_SCRIPT, 'src/a.html': CLASSES_PAGE, 'src/b.html': twoButtons }), undefined);
    assert.equal(units({ 'src/index.js': CLASSES_SCRIPT, 'src/a.html': CLASSES_PAGE, 'src/b.html': '<p>No buttons here</p><script type="module" src="index.js"></script>' }), undefined);
    assert.deepEqual(units({ 'src/index.js': CLASSES_SCRIPT, 'src/a.html': CLASSES_PAGE, 'src/b.html': '<p>No buttons here</p>' }), { units: 3, activation: 'softmax' }, 'a page that does not load the script does not count');
  });

  it('leaves a list open when the selector finds nothing, cannot be matched from the page alone, or comes after the code changed the page', () => {
    const open = (script: string, page = CLASSES_PAGE) => targetsOf({ 'index.js': script, 'index.html': page })[0]!.specError;
    assert.match(open(CLASSES_SCRIPT, CLASSES_PAGE.replace(/dataCollector/g, 'collector')) ?? '', /only known when the script runs/);
    assert.match(open(CLASSES_SCRIPT.replace("'button.dataCollector'", "'#classes button'")) ?? '', /only known when the script runs/);
    assert.match(open(CLASSES_SCRIPT.replace("'button.dataCollector'", "'button.dataCollector:not(.wide)'")) ?? '', /only known when the script runs/);
    const adds = `document.body.appendChild(document.createElement('button'));\n${CLASSES_SCRIPT}`;
    assert.match(open(adds) ?? '', /only known when the script runs/);
  });

  it('a list with a combinator is read from the page as a browser builds it (`#classes button`)', () => {
    const page = CLASSES_PAGE.replace('<button class="dataCollector" data-name="Cat">', '<div id="classes">\n<button class="dataCollector" data-name="Cat">').replace('<template>', '</div>\n<template>');
    const script = CLASSES_SCRIPT.replace("'button.dataCollector'", "'#classes > button'");
    const [target] = targetsOf({ 'index.js': script, 'index.html': page });
    assert.deepEqual(target!.spec?.layers[1]?.config, { units: 3, activation: 'softmax' });
    assert.match(target!.spec?.notes?.[0] ?? '', /\(`#classes > button`: 3 elements \(index\.html lines 5–7\)\)\.$/);
  });

  it('the linter reads a list as unknown: what it reports does not depend on how many elements the page has', () => {
    const lint = (files: Record<string, string>) => workspaceOf(files).lintFile(path.join(ROOT, 'index.js'), rules, {}).map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`);
    const onePage = CLASSES_PAGE.replace(/<button class="dataCollector( wide)?" data-name="(Dog|Bird)">\w+<\/button>\n/g, '');
    assert.equal((onePage.match(/dataCollector/g) ?? []).length, 2, 'one button, and the one in a template');
    assert.deepEqual(lint({ 'index.js': CLASSES_SCRIPT, 'index.html': onePage }), lint({ 'index.js': CLASSES_SCRIPT }));
  });
});
