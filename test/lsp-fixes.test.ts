// test-process: own (talks to a language server in a child process)
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSource } from '../server/src/analysis/source';
import { LspClient, SERVER, documentEdits, uriOf } from './support/lsp-client';

const MODEL = `import * as tf from '@tensorflow/tfjs';

export function createModel(classes: number) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [8], activation: 'relu', useBias: false }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax' }));
  return model;
}
`;

const TRAIN = `import { createModel } from './model';

export async function train(xs: any, ys: any) {
  const model = createModel(1);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(xs, ys, { epochs: 5 });
}
`;

/** What the user types before the finding, on its line, after the check. */
const TYPED = '/* output */ ';
const TYPED_AT = { line: 5, character: 2 };
const typed = (text: string): string => text.replace("  model.add(tf.layers.dense({ units: classes", `  ${TYPED}model.add(tf.layers.dense({ units: classes`);

/** Both safe fixes of MODEL, made by hand: the softmax becomes a sigmoid, the useBias: false goes. */
const fixedByHand = (text: string): string => text.replace("activation: 'softmax'", "activation: 'sigmoid'").replace(', useBias: false', '');

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.ts', 'typescript', 1, text), [...edits]);
}

/** The range as the editor shows it after TYPED: moved right on the finding's line. */
function movedByTyping(range: Range): Range {
  const shift = (position: Range['start']) => (position.line === TYPED_AT.line && position.character >= TYPED_AT.character ? { ...position, character: position.character + TYPED.length } : position);
  return { start: shift(range.start), end: shift(range.end) };
}

const WHOLE_FILE: Range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };

describe('code actions on text that changed since it was checked', () => {
  let dir: string;
  let modelUri: string;
  let trainUri: string;
  let client: LspClient;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-fixes-'));
    fs.writeFileSync(path.join(dir, 'model.ts'), MODEL);
    fs.writeFileSync(path.join(dir, 'train.ts'), TRAIN);
    modelUri = uriOf(path.join(dir, 'model.ts'));
    trainUri = uriOf(path.join(dir, 'train.ts'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A server for one test, with the model open and checked; changes are checked on save only. */
  async function start(options: { documentChanges?: boolean; run?: 'onType' | 'onSave' } = {}): Promise<Diagnostic[]> {
    client = new LspClient();
    client.settings = { run: options.run ?? 'onSave' };
    await client.initialize(dir, { documentChanges: options.documentChanges ?? true });
    const checked = client.diagnostics(modelUri, (diagnostics) => diagnostics.length === 2);
    await client.open(modelUri, MODEL);
    return checked;
  }

  afterEach(async () => client.stop());

  function fixAll(diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return client.codeActions({ textDocument: { uri: modelUri }, range: WHOLE_FILE, context: { diagnostics, only: ['source.fixAll.tfjs-doctor'] } });
  }

  /** The edits of the one fix-all action for the model file, checked to be for `version`. */
  function fixAllEdits(actions: CodeAction[], version: number | undefined): readonly TextEdit[] {
    assert.deepEqual(actions.map((action) => action.kind), ['source.fixAll.tfjs-doctor']);
    const edits = documentEdits(actions[0]!.edit, modelUri);
    assert.ok(edits, 'the fix-all action edits the model file');
    assert.equal(edits.version, version, 'the edits name the version they were computed for');
    return edits.edits;
  }

  function assertParses(text: string): void {
    assert.equal(parseSource('model.ts', text).syntaxError, undefined, `the fixed text parses:\n${text}`);
  }

  it('fixes the current text when the change was not checked, and says for which version', async () => {
    const published = await start();
    const version = await client.change(modelUri, typed(MODEL));
    // The editor still holds the diagnostics of version 1, moved along with the typing.
    const shown = published.map((diagnostic) => ({ ...diagnostic, range: movedByTyping(diagnostic.range) }));
    const fixed = apply(typed(MODEL), fixAllEdits(await fixAll(shown), version));
    assertParses(fixed);
    assert.equal(fixed, fixedByHand(typed(MODEL)));
  });

  it('fixes the current text when a change races its check', async () => {
    const published = await start({ run: 'onType' });
    // No waiting for the check of the change: the request may arrive before it, or after.
    const version = await client.change(modelUri, typed(MODEL));
    const fixed = apply(typed(MODEL), fixAllEdits(await fixAll(published), version));
    assertParses(fixed);
    assert.equal(fixed, fixedByHand(typed(MODEL)));
  });

  it('offers the quick fix of the current text for a diagnostic the editor moved', async () => {
    const published = await start();
    const version = await client.change(modelUri, typed(MODEL));
    const softmax = published.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    const shown = { ...softmax, range: movedByTyping(softmax.range) };
    const actions = await client.codeActions({ textDocument: { uri: modelUri }, range: shown.range, context: { diagnostics: [shown] } });
    const fix = actions.find((action) => action.isPreferred);
    assert.equal(fix?.title, "Use a 'sigmoid' output activation");
    const edits = documentEdits(fix.edit, modelUri)!;
    assert.equal(edits.version, version);
    assert.equal(apply(typed(MODEL), edits.edits), typed(MODEL).replace("activation: 'softmax'", "activation: 'sigmoid'"));
    const disable = documentEdits(actions.find((action) => action.title.startsWith('Disable softmax-with-binary-crossentropy for this line'))!.edit, modelUri)!;
    assert.equal(disable.version, version);
    assert.equal(apply(typed(MODEL), disable.edits).split('\n')[5], '  // tfjs-doctor-disable-next-line softmax-with-binary-crossentropy');
  });

  it('sends plain changes, for the current text, to an editor without versioned edits', async () => {
    const published = await start({ documentChanges: false });
    await client.change(modelUri, typed(MODEL));
    const actions = await fixAll(published);
    assert.equal(actions[0]?.edit?.documentChanges, undefined);
    assert.equal(apply(typed(MODEL), fixAllEdits(actions, undefined)), fixedByHand(typed(MODEL)));
  });

  it('drops a fix that a change in another open file made wrong', async () => {
    const published = await start();
    await client.open(trainUri, TRAIN);
    // Three classes and a categorical loss: the softmax is right now, and must stay.
    await client.change(trainUri, TRAIN.replace('createModel(1)', 'createModel(3)').replace("'binaryCrossentropy'", "'categoricalCrossentropy'"));
    const fixed = apply(MODEL, fixAllEdits(await fixAll(published), 1));
    assert.equal(fixed, MODEL.replace(', useBias: false', ''));
  });
});

/** Findings inside multi-line calls and templates, after code that a bare token scanner misreads. */
const SPREAD = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu', useBias: false }));
model.add(tf.layers.dense({ units: 1 }));
const title = \`\${model.layers.length} layers\`;
const link = /https?:\\/\\//;
model.compile({
  loss: 'meanSquaredError',
  optimizer: tf.train.sgd(50),
});

function report(xs: tf.Tensor) {
  console.log(\`prediction:
  \${model.predict(xs).dataSync()[0]}\`);
}
setInterval(() => report(tf.zeros([1, 2])), 1000);
`;

describe('"Disable for this line" on findings inside multi-line code', () => {
  let dir: string;
  let client: LspClient;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-disable-'));
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes comments that silence the findings in the editor and on the command line', async () => {
    const file = path.join(dir, 'spread.ts');
    const uri = uriOf(file);
    fs.writeFileSync(file, SPREAD);
    client = new LspClient();
    client.settings = { run: 'onType' };
    await client.initialize(dir);
    const published = client.diagnostics(uri, (diagnostics) => diagnostics.some((diagnostic) => diagnostic.code === 'tensor-leak-per-call'));
    await client.open(uri, SPREAD);
    const diagnostics = await published;
    const targets = diagnostics.filter((diagnostic) => diagnostic.code === 'learning-rate-out-of-range' || (diagnostic.code === 'tensor-leak-per-call' && diagnostic.range.start.line === 14));
    assert.deepEqual(
      targets.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
      [
        ['learning-rate-out-of-range', 9],
        ['tensor-leak-per-call', 14],
      ],
    );
    const edits: TextEdit[] = [];
    for (const diagnostic of targets) {
      const actions = await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      const disable = actions.find((action) => action.title === `Disable ${String(diagnostic.code)} for this line`);
      assert.ok(disable, `a disable action for ${String(diagnostic.code)}`);
      edits.push(...documentEdits(disable.edit, uri)!.edits);
    }
    const silenced = apply(SPREAD, edits);
    assert.match(silenced, /\n {2}\/\/ tfjs-doctor-disable-next-line learning-rate-out-of-range\n {2}optimizer: tf\.train\.sgd\(50\),/);
    assert.match(silenced, /\n {2}\$\{\/\* tfjs-doctor-disable-line tensor-leak-per-call \*\/ model\.predict/);
    const remaining = (found: readonly { code?: string | number | undefined; line: number }[]) =>
      found.filter((entry) => entry.code === 'learning-rate-out-of-range' || (entry.code === 'tensor-leak-per-call' && entry.line >= 14 && entry.line <= 16));

    const version = await client.change(uri, silenced);
    const after = await client.diagnosticsForVersion(uri, version);
    assert.deepEqual(remaining(after.map((diagnostic) => ({ code: diagnostic.code, line: diagnostic.range.start.line }))), []);
    assert.ok(after.some((diagnostic) => diagnostic.code === 'missing-bias'), 'the other findings stay');

    fs.writeFileSync(file, silenced);
    const cli = cp.spawnSync(process.execPath, [path.join(path.dirname(SERVER), 'cli.js'), 'lint', file, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    const messages = (JSON.parse(cli.stdout) as { messages: { ruleId: string; line: number }[] }[])[0]!.messages;
    assert.deepEqual(remaining(messages.map((message) => ({ code: message.ruleId, line: message.line - 1 }))), []);
    assert.ok(messages.some((message) => message.ruleId === 'missing-bias'), 'the other findings stay');
  });
});
