// test-process: own (talks to a language server in a child process)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { CancellationTokenSource, CodeActionRequest, CodeLensRequest, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { LEARNING_RATE_EDIT_REQUEST, OVERFIT_TARGETS_REQUEST, TRAINING_FIX_REQUEST } from '../shared/protocol';
import { LspClient, uriOf } from './support/lsp-client';

const MODEL = `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

const TRAIN = `import * as tf from '@tensorflow/tfjs';
import { model } from './model';

const xs = tf.randomNormal([64, 4]);
const ys = tf.randomUniform([64, 1]);
await model.fit(xs, ys, { epochs: 5 });
`;

/** The error a request was answered with. */
async function errorOf(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  const outcome = await request.then(
    (result) => ({ answered: true as const, result }),
    (error: unknown) => ({ answered: false as const, error }),
  );
  if (outcome.answered) assert.fail(`expected an error, got ${JSON.stringify(outcome.result)}`);
  assert.ok(outcome.error instanceof ResponseError, `a response error: ${String(outcome.error)}`);
  return outcome.error;
}

describe('language server protocol errors', () => {
  let dir: string;
  let outside: string;
  let modelUri: string;
  let client: LspClient;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-protocol-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-outside-'));
    fs.writeFileSync(path.join(dir, 'model.ts'), MODEL);
    fs.writeFileSync(path.join(dir, 'closed.ts'), MODEL);
    fs.writeFileSync(path.join(dir, 'notes.md'), '# notes\n');
    fs.writeFileSync(path.join(dir, 'train.ts'), TRAIN);
    fs.writeFileSync(path.join(outside, 'train.ts'), TRAIN);
    fs.writeFileSync(path.join(outside, 'model.ts'), MODEL);
    fs.symlinkSync(path.join(outside, 'model.ts'), path.join(dir, 'linked.ts'));
    modelUri = uriOf(path.join(dir, 'model.ts'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    client = new LspClient();
    await client.initialize(dir);
    const checked = client.diagnostics(modelUri, (diagnostics) => diagnostics.length > 0);
    await client.open(modelUri, MODEL);
    await checked;
  }

  afterEach(async () => client.stop());

  for (const [name, frame] of [
    ['a Content-Length that is not a number', 'Content-Length: twelve\r\n\r\n{"jsonrpc":"2.0"}'],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0"}'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}'],
    ['a header line without a colon', 'Content-Length 17\r\n\r\n{"jsonrpc":"2.0"}'],
  ]) {
    it(`exits, saying why on stderr, on a message with ${name}`, async () => {
      await start();
      client.writeRaw(frame);
      assert.equal(await client.exited(10_000), 1, 'the server exited with an error');
      assert.ok(
        client.logs.some((line) => line.includes('tfjs-doctor language server: exiting, the input from the editor is not a readable LSP message')),
        client.logs.join('\n'),
      );
    });
  }

  it('answers cancelled requests with RequestCancelled', async () => {
    await start();
    // The handlers wait for the settings the server asks for: cancel them meanwhile.
    const release = client.holdConfiguration();
    await client.changeSettings({});
    await client.change(modelUri, MODEL.replace('units: 1,', 'units: 1, '));
    const cancellations = [new CancellationTokenSource(), new CancellationTokenSource(), new CancellationTokenSource()];
    const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
    const requests = [
      client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: modelUri }, range, context: { diagnostics: [], only: ['source.fixAll.tfjs-doctor'] } }, cancellations[0]!.token),
      client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: modelUri } }, cancellations[1]!.token),
      client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: modelUri }, cancellations[2]!.token),
    ].map(errorOf);
    for (const cancellation of cancellations) cancellation.cancel();
    release();
    for (const error of await Promise.all(requests)) assert.equal(error.code, LSPErrorCodes.RequestCancelled, error.message);
  });

  it('answers tfjsDoctor/overfitTargets with bad parameters with InvalidParams', async () => {
    await start();
    for (const params of [{}, { uri: 42 }, { uri: 'not a uri' }, { path: modelUri }]) {
      const error = await errorOf(client.connection.sendRequest(OVERFIT_TARGETS_REQUEST.method, params));
      assert.equal(error.code, ErrorCodes.InvalidParams, `${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, /^tfjsDoctor\/overfitTargets/, 'the message names the request, not a JavaScript error');
    }
  });

  it('analyses for tfjsDoctor/overfitTargets only open documents and source files of the workspace', async () => {
    await start();
    const targetsOf = (file: string) => client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: uriOf(file) });
    for (const file of [path.join(outside, 'model.ts'), path.join(dir, 'linked.ts'), path.join(dir, '..', path.basename(outside), 'model.ts'), '/etc/hostname', path.join(dir, 'notes.md')]) {
      const error = await errorOf(targetsOf(file));
      assert.equal(error.code, ErrorCodes.InvalidParams, `${file}: ${error.message}`);
    }
    // A file of the workspace that is not open, and a file outside it that the user opened.
    assert.deepEqual((await targetsOf(path.join(dir, 'closed.ts'))).targets.map((target) => target.name), ['model']);
    const outsideUri = uriOf(path.join(outside, 'model.ts'));
    await client.open(outsideUri, MODEL);
    assert.deepEqual((await client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: outsideUri })).targets.map((target) => target.name), ['model']);
  });

  it('answers tfjsDoctor/learningRateEdit with the edit of the optimizer, and bad parameters with InvalidParams', async () => {
    await start();
    for (const params of [{}, { uri: modelUri, line: 3 }, { uri: modelUri, line: 0, learningRate: 0.01 }, { uri: modelUri, line: 3, learningRate: -1 }, { uri: modelUri, line: 3, learningRate: '0.01' }, { uri: 'nope', line: 3, learningRate: 0.01 }]) {
      const error = await errorOf(client.connection.sendRequest(LEARNING_RATE_EDIT_REQUEST.method, params));
      assert.equal(error.code, ErrorCodes.InvalidParams, `${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, /^tfjsDoctor\/learningRateEdit/);
    }
    const outsideError = await errorOf(client.connection.sendRequest(LEARNING_RATE_EDIT_REQUEST, { uri: uriOf(path.join(outside, 'model.ts')), line: 3, learningRate: 0.01 }));
    assert.equal(outsideError.code, ErrorCodes.InvalidParams);
    const answer = await client.connection.sendRequest(LEARNING_RATE_EDIT_REQUEST, { uri: modelUri, line: 3, learningRate: 0.003 });
    assert.deepEqual(answer, {
      description: "Replace 'adam' with tf.train.adam(0.003)",
      edits: [{ uri: modelUri, range: { start: { line: 4, character: 27 }, end: { line: 4, character: 33 } }, newText: 'tf.train.adam(0.003)' }],
    });
    const none = await client.connection.sendRequest(LEARNING_RATE_EDIT_REQUEST, { uri: modelUri, line: 2, learningRate: 0.003 });
    assert.ok('reason' in none && /No model is created at line 2/.test(none.reason));
  });

  it('answers tfjsDoctor/trainingFix with a versioned edit of an open document, and refuses files it may not edit', async () => {
    await start();
    const train = path.join(dir, 'train.ts');
    const setEpochs = (file: string) => ({ fix: { kind: 'set-epochs', at: { file, line: 6 }, epochs: 40 } });
    for (const params of [{}, { fix: { kind: 'set-epochs', at: { file: train, line: 0 }, epochs: 4 } }, { fix: { kind: 'paint', at: { file: train, line: 6 } } }, setEpochs(path.join(outside, 'train.ts')), setEpochs(path.join(dir, 'notes.md'))]) {
      const error = await errorOf(client.connection.sendRequest(TRAINING_FIX_REQUEST.method, params));
      assert.equal(error.code, ErrorCodes.InvalidParams, `${JSON.stringify(params)}: ${error.message}`);
      assert.match(error.message, /^tfjsDoctor\/trainingFix/);
    }
    // A file of the workspace that is not open: an edit for whatever version the editor opens.
    const closed = await client.connection.sendRequest(TRAINING_FIX_REQUEST, setEpochs(train) as never);
    assert.ok(closed.kind === 'edit', JSON.stringify(closed));
    assert.deepEqual(closed.edit.documentChanges?.map((change) => ('textDocument' in change ? change.textDocument : undefined)), [{ uri: uriOf(train), version: null }]);
    // The open document's text (not the file's) is what the edit is for, with its version.
    const edited = TRAIN.replace('{ epochs: 5 }', '{ epochs: 5, batchSize: 8 }');
    await client.open(uriOf(train), TRAIN);
    const version = await client.change(uriOf(train), edited);
    const open = await client.connection.sendRequest(TRAINING_FIX_REQUEST, setEpochs(train) as never);
    assert.ok(open.kind === 'edit', JSON.stringify(open));
    assert.deepEqual(open.edit.documentChanges, [
      { textDocument: { uri: uriOf(train), version }, edits: [{ range: { start: { line: 5, character: 34 }, end: { line: 5, character: 35 } }, newText: '40' }] },
    ]);
    const nothing = await client.connection.sendRequest(TRAINING_FIX_REQUEST, { fix: { kind: 'shuffle-before-split', at: { file: train, line: 6 } } });
    assert.deepEqual(nothing, { kind: 'unplaced', reason: 'the fit call has no validationSplit' });
  });
});
