// test-process: own (talks to a language server in a child process)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, type CodeLens, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { COMMANDS, OVERFIT_TARGETS_REQUEST } from '../shared/protocol';
import { locationKey, targetAt } from '../overfit/src/model-location';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, documentEdits, uriOf } from './support/lsp-client';

const MODEL = `import * as tf from '@tensorflow/tfjs';

export function createModel(classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu', useBias: false }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  return model;
}
`;

/** train.ts changed so that the model in model.ts is trained correctly. */
const fixedTrain = (): string => TRAIN.replace('createModel(1)', 'createModel(3)').replace("'binaryCrossentropy'", "'categoricalCrossentropy'");

/** Two factories whose models are both called cnn: the first has a bug, the second has none. */
const TWINS = `import * as tf from '@tensorflow/tfjs';

export function buildBroken() {
  const cnn = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'softmax' })] });
  cnn.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return cnn;
}

export function buildFine() {
  // The same name, another model.
  const cnn = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' })] });
  cnn.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  return cnn;
}
`;

const TRAIN = `import { createModel } from './model';

export async function train(xs: any, ys: any) {
  const model = createModel(1);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(xs, ys, { epochs: 5 });
}
`;

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), [...edits]);
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

describe('language server over stdio', () => {
  let dir: string;
  let client: LspClient;
  let modelUri: string;
  let trainUri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-'));
    fs.writeFileSync(path.join(dir, 'model.ts'), MODEL);
    fs.writeFileSync(path.join(dir, 'train.ts'), TRAIN);
    fs.writeFileSync(path.join(dir, 'plain.ts'), 'export const sum = (a: number, b: number) => a + b;\n');
    modelUri = uriOf(path.join(dir, 'model.ts'));
    trainUri = uriOf(path.join(dir, 'train.ts'));
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for a model whose loss is chosen in a file that imports it', async () => {
    const published = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    await client.open(modelUri, MODEL);
    const diagnostics = await published;
    assert.deepEqual(codes(diagnostics), ['missing-bias', 'softmax-with-binary-crossentropy']);
    const softmax = diagnostics.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    assert.equal(softmax.source, 'tfjs-doctor');
    assert.equal(softmax.severity, 1);
    assert.deepEqual(softmax.range, { start: { line: 5, character: 58 }, end: { line: 5, character: 67 } });
    assert.match(softmax.codeDescription!.href, /rules\/softmax-with-binary-crossentropy\.md$/);
    assert.ok(fs.existsSync(new URL(softmax.codeDescription!.href)), 'the documentation link points at a file that exists');
    assert.equal(softmax.relatedInformation?.[0]?.location.uri, trainUri);
    assert.deepEqual(softmax.relatedInformation?.[0]?.location.range.start, { line: 4, character: 43 });
  });

  it('offers the fix, the disable comment and the documentation as code actions', async () => {
    const current = await currentDiagnostics(client, modelUri);
    const softmax = current.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    const actions = await client.codeActions({
      textDocument: { uri: modelUri },
      range: softmax.range,
      context: { diagnostics: [softmax] },
    });
    assert.deepEqual(
      actions.map((action) => action.title),
      [
        "Use a 'sigmoid' output activation",
        'Disable softmax-with-binary-crossentropy for this line',
        'Disable softmax-with-binary-crossentropy for the entire file',
        'Show documentation for softmax-with-binary-crossentropy',
      ],
    );
    assert.equal(actions[0]!.isPreferred, true);
    assert.deepEqual(actions[3]!.command?.arguments, ['softmax-with-binary-crossentropy']);
    const disable = documentEdits(actions[1]!.edit, modelUri)!.edits;
    assert.equal(applyTextEdits(MODEL, disable).split('\n')[5], '  // tfjs-doctor-disable-next-line softmax-with-binary-crossentropy');

    // Applying the fix makes the finding go away.
    const fixed = applyTextEdits(MODEL, documentEdits(actions[0]!.edit, modelUri)!.edits);
    assert.match(fixed, /activation: 'sigmoid'/);
    const version = await client.change(modelUri, fixed);
    const after = await client.diagnosticsForVersion(modelUri, version);
    assert.deepEqual(codes(after), ['missing-bias']);
  });

  it('fixes every safe problem of a file with source.fixAll.tfjs-doctor', async () => {
    const version = await client.change(modelUri, MODEL);
    const diagnostics = await client.diagnosticsForVersion(modelUri, version);
    const actions = await client.codeActions({
      textDocument: { uri: modelUri },
      range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } },
      context: { diagnostics, only: ['source.fixAll.tfjs-doctor'] },
    });
    assert.deepEqual(actions.map((action) => action.kind), ['source.fixAll.tfjs-doctor']);
    const edits = documentEdits(actions[0]!.edit, modelUri)!;
    assert.equal(edits.version, version, 'the edits are for the version that was checked');
    const fixed = applyTextEdits(MODEL, edits.edits);
    assert.match(fixed, /activation: 'sigmoid'/);
    assert.doesNotMatch(fixed, /useBias/);
  });

  it('puts a "Run overfit check" lens above each model, and gives the overfit check its models', async () => {
    await currentDiagnostics(client, modelUri);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: modelUri } })) as CodeLens[];
    assert.deepEqual(
      lenses.map((lens) => ({ line: lens.range.start.line, title: lens.command?.title, command: lens.command?.command, args: lens.command?.arguments })),
      [{ line: 3, title: 'Run overfit check', command: 'tfjsDoctor.runOverfitCheck', args: [modelUri, { name: 'model', file: path.join(dir, 'model.ts'), line: 4 }] }],
    );
    const targets = await client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: trainUri });
    assert.deepEqual(targets.targets.map((target) => target.name), ['model']);
    const target = targets.targets[0]!;
    assert.equal(target.spec?.layers.length, 2);
    assert.deepEqual(target.spec?.compile, { optimizer: 'adam', loss: 'binaryCrossentropy' });
    // The model is built in model.ts: its findings there explain a failure of the check run from train.ts.
    assert.deepEqual(targets.causes[locationKey(target)]!.map((cause) => cause.id).sort(), ['missing-bias', 'softmax-with-binary-crossentropy']);
  });

  it('puts one "Run training with tfjs-doctor" lens in a file that trains: beside its first model, else above its first training call', async () => {
    const trainingLenses = async (uri: string) =>
      ((await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[])
        .filter((lens) => lens.command?.command === 'tfjsDoctor.runTraining')
        .map((lens) => ({ line: lens.range.start.line, title: lens.command?.title, args: lens.command?.arguments }));
    // model.ts builds the model and trains nothing.
    assert.deepEqual(await trainingLenses(modelUri), []);
    const trainChecked = client.diagnostics(trainUri);
    await client.open(trainUri, TRAIN);
    await trainChecked;
    assert.deepEqual(await trainingLenses(trainUri), [{ line: 5, title: 'Run training with tfjs-doctor', args: [trainUri] }]);
    const both = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4] }));
const second = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
await model.fit(tf.zeros([8, 4]), tf.zeros([8, 1]), { epochs: 2 });
`;
    const bothUri = uriOf(path.join(dir, 'both.ts'));
    fs.writeFileSync(path.join(dir, 'both.ts'), both);
    const checked = client.diagnostics(bothUri);
    await client.open(bothUri, both);
    await checked;
    assert.deepEqual(await trainingLenses(bothUri), [{ line: 2, title: 'Run training with tfjs-doctor', args: [bothUri] }]);
    await client.close(bothUri);
    await client.close(trainUri);
  });

  it('names each model of a lens by its place: two factories with a model of the same name stay apart', async () => {
    const twinUri = uriOf(path.join(dir, 'twins.ts'));
    fs.writeFileSync(path.join(dir, 'twins.ts'), TWINS);
    const published = client.diagnostics(twinUri, (diagnostics) => diagnostics.length > 0);
    await client.open(twinUri, TWINS);
    assert.deepEqual(codes(await published), ['softmax-with-binary-crossentropy']);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: twinUri } })) as CodeLens[];
    const identities = lenses.map((lens) => lens.command?.arguments?.[1] as { name: string; file: string; line: number });
    assert.deepEqual(identities, [
      { name: 'cnn', file: path.join(dir, 'twins.ts'), line: 4 },
      { name: 'cnn', file: path.join(dir, 'twins.ts'), line: 11 },
    ]);
    const targets = await client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: twinUri });
    // Each lens finds its own model, and each model its own findings.
    const [first, second] = identities.map((identity) => targetAt(targets.targets, identity));
    assert.deepEqual(first?.spec?.layers.map((layer) => layer.config), [{ units: 3, inputShape: [4], activation: 'softmax' }]);
    assert.deepEqual(second?.spec?.layers.map((layer) => layer.config), [{ units: 1, inputShape: [4], activation: 'sigmoid' }]);
    assert.deepEqual(targets.causes[locationKey(first!)]!.map((cause) => cause.id), ['softmax-with-binary-crossentropy']);
    assert.deepEqual(targets.causes[locationKey(second!)], []);
  });

  /** Writes the file, opens it, waits for its analysis and asks for its lenses. */
  async function openForLenses(name: string, text: string): Promise<{ uri: string; lenses: CodeLens[] }> {
    const uri = uriOf(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name), text);
    const checked = client.diagnostics(uri);
    await client.open(uri, text);
    await checked;
    return { uri, lenses: (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[] };
  }

  it('puts the lens on the line where the statement that creates the model starts', async () => {
    const text = `import * as tf from '@tensorflow/tfjs';

const input = tf.input({ shape: [4] });
const combined =
  tf.model({
    inputs: input,
    outputs: tf.layers.dense({ units: 1 }).apply(input) as tf.SymbolicTensor,
  });
export const pair = {
  first: tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4] })] }),
  second: tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] }),
};
export class Trainer {
  private readonly model =
    tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
}
combined.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;
    const { uri, lenses } = await openForLenses('lens.ts', text);
    // The lens names its model by the line that creates it, whichever line it is drawn on.
    const placed = lenses.map((lens) => {
      const identity = lens.command?.arguments?.[1] as { name: string; line: number } | undefined;
      return { line: lens.range.start.line, title: lens.command?.title, model: identity?.name, created: identity?.line };
    });
    const lineOf = (model: string) => placed.find((lens) => lens.model === model)?.line;
    assert.equal(placed.length, 4, JSON.stringify(placed));
    assert.equal(lineOf('combined'), 3, 'above `const combined =`, not above `tf.model(`');
    assert.equal(placed.find((lens) => lens.model === 'combined')?.created, 5, 'the model is the one `tf.model(` creates on line 5');
    const shared = placed.filter((lens) => lens.line === 8);
    assert.equal(shared.length, 2, 'both models of `export const pair = {` are above it');
    assert.deepEqual(shared.map((lens) => lens.title), shared.map((lens) => `Run overfit check: ${String(lens.model)}`));
    assert.deepEqual(placed.filter((lens) => lens.line === 13).map((lens) => lens.title), ['Run overfit check'], 'the class field starts on its own line');
    await client.close(uri);
  });

  it('puts a lens above each of several training functions nothing calls, which the check is given by their place', async () => {
    const text = `import * as tf from '@tensorflow/tfjs';

const policy = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] });
const optimizer = tf.train.adam(0.01);

export function imitate(states: tf.Tensor, labels: tf.Tensor) {
  return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, policy.apply(states, { training: true }) as tf.Tensor) as tf.Scalar);
}

export function reward(states: tf.Tensor) {
  return optimizer.minimize(() => tf.scalar((policy.predict(states) as tf.Tensor).mean().dataSync()[0]!));
}
`;
    const { uri, lenses } = await openForLenses('steps.ts', text);
    const placed = lenses
      .filter((lens) => lens.command?.command === COMMANDS.runOverfitCheck)
      .map((lens) => ({ line: lens.range.start.line, title: lens.command?.title, identity: lens.command?.arguments?.[1] as { name: string; line: number } }));
    assert.deepEqual(
      placed.map(({ line, title, identity }) => [line, title, identity.name, identity.line]),
      [
        [2, 'Run overfit check', 'policy', 3],
        [5, 'Run overfit check: imitate', 'imitate', 6],
        [9, 'Run overfit check: reward', 'reward', 10],
      ],
    );
    const targets = await client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri });
    assert.deepEqual(targets.stepCalls?.map((call) => [call.owner, call.line]), [['imitate', 6], ['reward', 10]]);
    await client.close(uri);
  });

  it('reports nothing when tfjsDoctor.enable is false', async () => {
    const cleared = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 0);
    await client.changeSettings({ enable: false });
    await cleared;
    const restored = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    await client.changeSettings({});
    await restored;
  });

  it('honours a disable comment', async () => {
    const text = MODEL.replace('  model.add(tf.layers.dense({ units: 32', '  // tfjs-doctor-disable-next-line missing-bias\n  model.add(tf.layers.dense({ units: 32');
    const version = await client.change(modelUri, text);
    const diagnostics = await client.diagnosticsForVersion(modelUri, version);
    assert.deepEqual(codes(diagnostics), ['softmax-with-binary-crossentropy']);
  });

  it('re-checks a model file when the file that compiles it changes', async () => {
    const version = await client.change(modelUri, MODEL);
    await client.diagnosticsForVersion(modelUri, version);
    const updated = client.diagnostics(modelUri, (diagnostics) => !codes(diagnostics).includes('softmax-with-binary-crossentropy'));
    await client.open(trainUri, TRAIN);
    await client.change(trainUri, fixedTrain());
    assert.deepEqual(codes(await updated), ['missing-bias']);
    const restored = client.diagnostics(modelUri, (diagnostics) => codes(diagnostics).includes('softmax-with-binary-crossentropy'));
    await client.change(trainUri, TRAIN);
    await restored;
  });

  it('applies severity settings from the editor', async () => {
    const changed = client.diagnostics(modelUri, (diagnostics) => diagnostics.some((d) => d.code === 'missing-bias' && d.severity === 3));
    await client.changeSettings({ rules: { 'missing-bias': 'info', 'softmax-with-binary-crossentropy': 'off' } });
    assert.deepEqual(codes(await changed), ['missing-bias']);
    const restored = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    await client.changeSettings({});
    await restored;
  });

  it('checks on save only when tfjsDoctor.run is onSave', async () => {
    await client.changeSettings({ run: 'onSave' });
    const before = client.publishCount(modelUri);
    const fixed = MODEL.replace("activation: 'softmax'", "activation: 'sigmoid'");
    const version = await client.change(modelUri, fixed);
    const saved = client.diagnosticsForVersion(modelUri, version);
    await client.save(modelUri);
    assert.deepEqual(codes(await saved), ['missing-bias']);
    assert.equal(client.publishCount(modelUri), before + 1, 'the change itself published nothing');
    const restored = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    await client.changeSettings({});
    await client.change(modelUri, MODEL);
    await restored;
  });

  it('re-checks open files when a file they depend on changes on disk', async () => {
    await client.close(trainUri);
    const trainPath = path.join(dir, 'train.ts');
    const updated = client.diagnostics(modelUri, (diagnostics) => codes(diagnostics).join() === 'missing-bias');
    fs.writeFileSync(trainPath, fixedTrain());
    await client.filesChangedOnDisk([trainUri]);
    await updated;
    const restored = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    fs.writeFileSync(trainPath, TRAIN);
    await client.filesChangedOnDisk([trainUri]);
    await restored;
  });

  it('stays quiet and alive on syntax errors, half-typed code and files without tfjs', async () => {
    const broken = `${MODEL}\nmodel.add(tf.layers.dense({ units: 1, activation: 'softmax' `;
    const version = await client.change(modelUri, broken);
    assert.deepEqual(await client.diagnosticsForVersion(modelUri, version), []);
    const plainUri = uriOf(path.join(dir, 'plain.ts'));
    const plain = client.diagnostics(plainUri);
    await client.open(plainUri, fs.readFileSync(path.join(dir, 'plain.ts'), 'utf8'));
    assert.deepEqual(await plain, []);
    const binaryUri = uriOf(path.join(dir, 'weights.js'));
    const binary = client.diagnostics(binaryUri);
    await client.open(binaryUri, `import * as tf from '@tensorflow/tfjs';\n\u0000\u0001\u0002`, 'javascript');
    assert.deepEqual(await binary, []);
    const recovered = await client.change(modelUri, MODEL);
    assert.equal((await client.diagnosticsForVersion(modelUri, recovered)).length, 2);
    assert.ok(client.logs.some((line) => /Skipped .*model\.ts: syntax error/.test(line)), 'the skip is logged');
  });

  it('says at the top of a document that its analysis failed, and why, until it succeeds again', async () => {
    const deepUri = uriOf(path.join(dir, 'deep.ts'));
    // The parser reads a chain of additions in a loop; the interpreter overflows the stack on the 20,000-deep tree.
    const deep = `${MODEL}export const total = ${Array(20_000).fill('1').join(' + ')};\n`;
    const published = client.diagnostics(deepUri);
    await client.open(deepUri, deep);
    const diagnostics = await published;
    assert.deepEqual(
      diagnostics.map((diagnostic) => ({ range: diagnostic.range, severity: diagnostic.severity, source: diagnostic.source, code: diagnostic.code, message: diagnostic.message })),
      [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: 2,
          source: 'tfjs-doctor',
          code: undefined,
          message: 'Not analysed: the code is nested too deeply to analyse',
        },
      ],
    );
    assert.ok(client.logs.some((line) => /Skipped .*deep\.ts: .*nested too deeply/.test(line)), 'the reason is logged, as information: the input is the cause, not the server');
    const version = await client.change(deepUri, MODEL);
    assert.deepEqual(codes(await client.diagnosticsForVersion(deepUri, version)), ['missing-bias']);
    await client.close(deepUri);
  });
});

describe('language server start-up', () => {
  it('keeps a code cache of the analysis and the compiler, and starts from it the next time', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-cache-'));
    const cache = path.join(dir, 'cache');
    fs.writeFileSync(path.join(dir, 'model.ts'), MODEL);
    const uri = uriOf(path.join(dir, 'model.ts'));
    const cacheFiles = (): Map<string, number> =>
      new Map(fs.existsSync(cache) ? fs.readdirSync(cache).filter((name) => name.endsWith('.v8cache')).map((name) => [name, fs.statSync(path.join(cache, name)).mtimeMs]) : []);
    try {
      const first = new LspClient({ env: { TFJS_DOCTOR_CACHE_DIR: cache } });
      await first.initialize(dir);
      const checked = first.diagnostics(uri);
      await first.open(uri, MODEL);
      assert.equal((await checked).length, 1);
      // The caches are written once the first file has been checked: wait for them, not for a time.
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`caches written: ${[...cacheFiles().keys()].join(', ')}`)), 20_000);
        const poll = setInterval(() => {
          if (cacheFiles().size < 2) return;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }, 50);
      });
      await first.stop();
      const written = cacheFiles();
      assert.deepEqual([...written.keys()].map((name) => name.split('-')[0]).sort(), ['analysis.js', 'typescript.js']);

      const second = new LspClient({ env: { TFJS_DOCTOR_CACHE_DIR: cache } });
      await second.initialize(dir);
      const rechecked = second.diagnostics(uri);
      await second.open(uri, MODEL);
      assert.equal((await rechecked).length, 1);
      await second.stop();
      // A cache V8 accepted is not written again.
      assert.deepEqual(cacheFiles(), written);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The diagnostics the server publishes after a no-op change, i.e. the current ones. */
async function currentDiagnostics(client: LspClient, uri: string): Promise<Diagnostic[]> {
  const version = await client.change(uri, MODEL);
  return client.diagnosticsForVersion(uri, version);
}
