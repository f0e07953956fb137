// test-process: own (talks to a language server in a child process)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeLensRequest, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OVERFIT_TARGETS_REQUEST } from '../shared/protocol';
import { LspClient, documentEdits, uriOf } from './support/lsp-client';

/** A page that loads tfjs from a CDN, builds its model in one script and trains it in the next. */
const PAGE = `<!DOCTYPE html>
<html>
<head>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
</head>
<body>
  <script>
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', useBias: false }));
    model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
  </script>
  <button onclick="train()">Train</button>
  <script>
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    async function train() {
      await model.fit(tf.zeros([8, 4]), tf.ones([8, 1]), { epochs: 10 });
    }
  </script>
</body>
</html>
`;

function apply(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///page.html', 'html', 1, text), [...edits]);
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
}

/** The range of the first occurrence of `text` on the line that holds `lineMarker`. */
function rangeOf(page: string, lineMarker: string, text: string): Diagnostic['range'] {
  const lines = page.split(/\r?\n/);
  const line = lines.findIndex((candidate) => candidate.includes(lineMarker));
  const character = lines[line]!.indexOf(text);
  return { start: { line, character }, end: { line, character: character + text.length } };
}

describe('language server, with HTML pages', () => {
  let dir: string;
  let client: LspClient;
  let serial = 0;

  /** Opens a new page and waits for its first diagnostics. */
  async function openPage(text: string, expectDiagnostics = true): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = uriOf(path.join(dir, `page-${++serial}.html`));
    const published = client.diagnostics(uri, (diagnostics) => !expectDiagnostics || diagnostics.length > 0);
    await client.open(uri, text, 'html');
    return { uri, diagnostics: await published };
  }

  async function actionsFor(uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  }

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-html-'));
    client = new LspClient();
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the findings of inline scripts at their ranges in the page, related to the later script', async () => {
    const { uri, diagnostics } = await openPage(PAGE);
    assert.deepEqual(codes(diagnostics), ['missing-bias', 'softmax-with-binary-crossentropy']);
    const softmax = diagnostics.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    assert.deepEqual(softmax.range, rangeOf(PAGE, "activation: 'softmax'", "'softmax'"));
    assert.equal(softmax.relatedInformation?.[0]?.location.uri, uri);
    assert.deepEqual(softmax.relatedInformation?.[0]?.location.range, rangeOf(PAGE, 'model.compile', "'binaryCrossentropy'"));
    // The overfit check rebuilds the page's model from its scripts; a training run, which runs a module, has no lens.
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
      [[PAGE.split('\n').findIndex((line) => line.includes('const model')), 'Run overfit check']],
    );
    const targets = await client.connection.sendRequest(OVERFIT_TARGETS_REQUEST, { uri });
    assert.deepEqual(
      targets.targets.map((target) => [target.name, target.line]),
      [['model', 8]],
    );
    assert.ok(targets.targets[0]!.spec, 'its layers are known from the script');
  });

  it('fixes code inside the scripts and leaves the markup byte-identical, one fix or all', async () => {
    const { uri, diagnostics } = await openPage(PAGE);
    const softmax = diagnostics.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    const [fix] = await actionsFor(uri, softmax);
    assert.equal(fix!.title, "Use a 'sigmoid' output activation");
    assert.equal(apply(PAGE, documentEdits(fix!.edit, uri)!.edits), PAGE.replace("activation: 'softmax'", "activation: 'sigmoid'"));
    const [all] = await client.codeActions({ textDocument: { uri }, range: softmax.range, context: { diagnostics, only: ['source.fixAll.tfjs-doctor'] } });
    const fixed = apply(PAGE, documentEdits(all!.edit, uri)!.edits);
    assert.equal(fixed, PAGE.replace("activation: 'softmax'", "activation: 'sigmoid'").replace(', useBias: false', ''));
    const version = await client.change(uri, fixed);
    assert.deepEqual(await client.diagnosticsForVersion(uri, version), []);
  });

  it('disables a rule with comments inside the script: above a line, before code that starts after <script>, and for the file', async () => {
    const { uri, diagnostics } = await openPage(PAGE);
    const softmax = diagnostics.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    const actions = await actionsFor(uri, softmax);
    const line = actions.find((action) => action.title === 'Disable softmax-with-binary-crossentropy for this line')!;
    const silenced = apply(PAGE, documentEdits(line.edit, uri)!.edits);
    assert.equal(silenced, PAGE.replace("    model.add(tf.layers.dense({ units: 1", "    // tfjs-doctor-disable-next-line softmax-with-binary-crossentropy\n    model.add(tf.layers.dense({ units: 1"));
    assert.deepEqual(codes(await client.diagnosticsForVersion(uri, await client.change(uri, silenced))), ['missing-bias']);

    const file = actions.find((action) => action.title === 'Disable softmax-with-binary-crossentropy for the entire file')!;
    const fileWide = apply(PAGE, documentEdits(file.edit, uri)!.edits);
    assert.equal(fileWide, PAGE.replace('<body>\n  <script>\n', '<body>\n  <script>/* tfjs-doctor-disable softmax-with-binary-crossentropy */\n'));
    assert.deepEqual(codes(await client.diagnosticsForVersion(uri, await client.change(uri, fileWide))), ['missing-bias']);

    // The model on the line of its <script> tag: the line above is markup.
    const inline = PAGE.replace('  <script>\n    const model = tf.sequential();\n    model.add(', '  <p>Model</p><script>const model = tf.sequential(); model.add(');
    const version = await client.change(uri, inline);
    const current = await client.diagnosticsForVersion(uri, version);
    const bias = current.find((diagnostic) => diagnostic.code === 'missing-bias')!;
    const disableBias = (await actionsFor(uri, bias)).find((action) => action.title === 'Disable missing-bias for this line');
    const edited = apply(inline, documentEdits(disableBias!.edit, uri)!.edits);
    assert.equal(edited, inline.replace('<p>Model</p><script>const model', '<p>Model</p><script>/* tfjs-doctor-disable-line missing-bias */ const model'));
    assert.deepEqual(codes(await client.diagnosticsForVersion(uri, await client.change(uri, edited))), ['softmax-with-binary-crossentropy']);
  });

  it('gives the ranges of a page with \\r\\n line breaks, and keeps its line breaks in the comments it inserts', async () => {
    const crlf = PAGE.replace(/\n/g, '\r\n');
    const { uri, diagnostics } = await openPage(crlf);
    const softmax = diagnostics.find((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy')!;
    assert.deepEqual(softmax.range, rangeOf(crlf, "activation: 'softmax'", "'softmax'"));
    const line = (await actionsFor(uri, softmax)).find((action) => action.title === 'Disable softmax-with-binary-crossentropy for this line')!;
    assert.equal(apply(crlf, documentEdits(line.edit, uri)!.edits), crlf.replace("    model.add(tf.layers.dense({ units: 1", "    // tfjs-doctor-disable-next-line softmax-with-binary-crossentropy\r\n    model.add(tf.layers.dense({ units: 1"));
  });

  it('stays silent on a page whose `tf` is not tfjs, and alive on a script left open or that does not parse', async () => {
    const withoutTfjs = PAGE.replace(/ {2}<script src=[^\n]*\n/, '');
    assert.deepEqual((await openPage(withoutTfjs, false)).diagnostics, []);
    const { uri } = await openPage(PAGE);
    const open = PAGE.slice(0, PAGE.lastIndexOf('  </script>'));
    assert.deepEqual(codes(await client.diagnosticsForVersion(uri, await client.change(uri, open))), ['missing-bias', 'softmax-with-binary-crossentropy']);
    const broken = PAGE.replace("loss: 'binaryCrossentropy' });", "loss: 'binaryCrossentropy' );");
    assert.deepEqual(await client.diagnosticsForVersion(uri, await client.change(uri, broken)), []);
    assert.ok(client.logs.some((entry) => /Skipped .*page-\d+\.html: syntax error at line 14/.test(entry)), 'the syntax error is logged at its line in the page');
    assert.equal(codes(await client.diagnosticsForVersion(uri, await client.change(uri, PAGE))).length, 2);
  });

  it('leaves alone templates of other languages that the editor shows as HTML', async () => {
    const uri = uriOf(path.join(dir, 'view.ejs'));
    await client.open(uri, PAGE, 'html');
    // Diagnostics of a page opened after it have come: the template got none.
    await openPage(PAGE);
    assert.equal(client.publishCount(uri), 0);
  });
});
