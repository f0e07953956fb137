import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The editor suite: runs inside a real VS Code extension host (code-server here, or
 * @vscode/test-electron where VS Code can be downloaded) with the sample workspace open.
 */

const SOURCE = 'tfjs-doctor';

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the sample workspace is not open');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Resolves with the tfjs-doctor diagnostics of `uri` once `accept` holds (waits on events, not on time). */
function diagnosticsOf(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
  return new Promise((resolve, reject) => {
    if (accept(current())) return resolve(current());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for diagnostics of ${uri.toString()}; have ${JSON.stringify(current().map((d) => d.code))}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!accept(current())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(current());
    });
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/**
 * Asks the driver for a screenshot of what the user sees now and waits until it is taken. The
 * driver (test/editor/code-server.ts) names a folder in TFJS_DOCTOR_SCREENSHOTS and answers each
 * request by writing `<name>.done` there; without a driver this does nothing.
 */
async function screenshot(name: string): Promise<{ webviews: string[]; workbench?: string } | undefined> {
  const folder = process.env['TFJS_DOCTOR_SCREENSHOTS'];
  if (!folder) return undefined;
  const done = path.join(folder, `${name}.done`);
  const answered = new Promise<void>((resolve) => {
    const watcher = fs.watch(folder, () => {
      if (fs.existsSync(done)) {
        watcher.close();
        resolve();
      }
    });
    if (fs.existsSync(done)) {
      watcher.close();
      resolve();
    }
  });
  console.log(`screenshot:${name}`);
  await answered;
  return JSON.parse(fs.readFileSync(done, 'utf8') || '{"webviews":[]}') as { webviews: string[]; workbench?: string };
}

/** Waits until the driver sees `pattern` in a webview (the driver answers screenshot requests with their text). */
async function webviewShows(name: string, pattern: RegExp, attempts = 40, reopen = 'tfjsDoctor.showOverfitResults'): Promise<void> {
  let last: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const seen = await screenshot(name);
    if (!seen) return;
    if (seen.webviews.some((text) => pattern.test(text))) return;
    last = seen.webviews;
    // code-server's webview sometimes never loads its page (the panel stays blank); reopening the
    // panel, as a user would with "Show Overfit Check Results", gives it a new one.
    if (attempt % 12 === 0 && last.length === 0) await vscode.commands.executeCommand(reopen);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`no webview showed ${pattern}; they showed ${JSON.stringify(last)}`);
}

/**
 * Asks the driver to click the enabled button of a webview whose text contains `label`, as the user
 * would, and says whether it found one. Without a driver, nothing is clicked.
 */
async function clickInWebview(name: string, label: string, attempts = 10): Promise<boolean> {
  const folder = process.env['TFJS_DOCTOR_SCREENSHOTS'];
  if (!folder) return false;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const done = path.join(folder, `${name}-${attempt}.done`);
    console.log(`click:${name}-${attempt}:${label}`);
    while (!fs.existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 50));
    if ((JSON.parse(fs.readFileSync(done, 'utf8') || '{}') as { clicked?: boolean }).clicked === true) return true;
    // A webview of code-server may still be laying out its page: the user would click again.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/**
 * Asks the driver to type `text` into the workbench's input box once one shows, and press Enter, as
 * the user would answer a command that asks for text. Says whether it did; without a driver, nothing is typed.
 */
async function typeInInputBox(name: string, text: string): Promise<boolean> {
  const folder = process.env['TFJS_DOCTOR_SCREENSHOTS'];
  if (!folder) return false;
  const done = path.join(folder, `${name}.done`);
  console.log(`type:${name}:${text}`);
  while (!fs.existsSync(done)) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 50));
  return (JSON.parse(fs.readFileSync(done, 'utf8') || '{}') as { typed?: boolean }).typed === true;
}

/** Resolves once `accept` holds for the document's text (waits on its changes, not on time). */
function textOf(document: vscode.TextDocument, accept: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (accept(document.getText())) return resolve(document.getText());
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for the text of ${document.uri.toString()}; it is ${JSON.stringify(document.getText().slice(0, 2000))}`));
    }, timeoutMs);
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== document || !accept(document.getText())) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(document.getText());
    });
  });
}

/** What "Run training with tfjs-doctor" gives back. */
interface TrainingRunResult {
  readonly record: { readonly end: string; readonly calls: readonly { readonly kind: string; readonly epochs: readonly unknown[]; readonly batches: readonly unknown[] }[] };
  readonly findings: readonly { readonly id: string; readonly fix?: { readonly kind: string; readonly epochs?: number; readonly at: { readonly line: number } } }[];
}

/** Waits until the driver sees `pattern` in the workbench itself (not in a webview). */
async function workbenchShows(name: string, pattern: RegExp, attempts = 40): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const seen = await screenshot(name);
    if (!seen) return;
    last = seen.workbench ?? '';
    if (pattern.test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`the workbench never showed ${pattern}; it showed ${JSON.stringify(last.slice(0, 2000))}`);
}

async function test(name: string, body: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await body();
    console.log(`ok - ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`not ok - ${name}`);
    throw error;
  }
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'tfjs-doctor');
  assert.ok(extension, 'the extension is installed');

  const spamFilter = workspaceFile('classifiers/spam-filter.ts');
  if (process.env['TFJS_DOCTOR_RESTRICTED']) return runRestricted(spamFilter);

  await test('the extension activates and its language server becomes ready', async () => {
    // The extension measures itself: from the start of activate() to the end of the server handshake.
    const api = (await extension.activate()) as { activationToReadyMs?: number } | undefined;
    assert.equal(extension.isActive, true);
    assert.equal(typeof api?.activationToReadyMs, 'number', 'the language server started');
    console.log(`metric:activation-to-ready-ms:${api!.activationToReadyMs}`);
  });

  await test('opening a model file shows its findings with rule ids and documentation links', async () => {
    const document = await vscode.workspace.openTextDocument(spamFilter);
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsOf(spamFilter, (list) => list.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['softmax-with-binary-crossentropy']);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic!.range), "'softmax'");
    const target = (diagnostic!.code as { target: vscode.Uri }).target;
    assert.equal(path.basename(target.path), 'softmax-with-binary-crossentropy.md');
    await vscode.workspace.fs.stat(target);
    const editor = vscode.window.activeTextEditor!;
    editor.selection = new vscode.Selection(diagnostic!.range.start, diagnostic!.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('diagnostics');
  });

  await test('the quick fix applies and the finding goes away', async () => {
    const document = await vscode.workspace.openTextDocument(spamFilter);
    const [diagnostic] = await diagnosticsOf(spamFilter, (list) => list.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', spamFilter, diagnostic!.range);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes("Use a 'sigmoid' output activation"), titles.join(' | '));
    assert.ok(titles.includes('Disable softmax-with-binary-crossentropy for this line'));
    assert.ok(titles.includes('Show documentation for softmax-with-binary-crossentropy'));
    const fix = actions.find((action) => action.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await diagnosticsOf(spamFilter, (list) => list.length === 0);
    assert.match(document.getText(), /activation: 'sigmoid'/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsOf(spamFilter, (list) => list.length === 1);
  });

  await test('"Disable for this line" inserts the comment and silences the finding', async () => {
    const document = await vscode.workspace.openTextDocument(spamFilter);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await diagnosticsOf(spamFilter, (list) => list.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', spamFilter, diagnostic!.range);
    const disable = actions.find((action) => action.title === 'Disable softmax-with-binary-crossentropy for this line')!;
    assert.ok(await vscode.workspace.applyEdit(disable.edit!));
    await diagnosticsOf(spamFilter, (list) => list.length === 0);
    assert.match(document.getText(), /\/\/ tfjs-doctor-disable-next-line softmax-with-binary-crossentropy/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsOf(spamFilter, (list) => list.length === 1);
  });

  await test('a severity set in the settings changes what the editor shows', async () => {
    const config = vscode.workspace.getConfiguration('tfjsDoctor');
    await config.update('rules', { 'softmax-with-binary-crossentropy': 'warning' }, vscode.ConfigurationTarget.Workspace);
    try {
      const [warning] = await diagnosticsOf(spamFilter, (list) => list.length === 1 && list[0]!.severity === vscode.DiagnosticSeverity.Warning);
      assert.equal(codeOf(warning!), 'softmax-with-binary-crossentropy');
      await config.update('rules', { 'softmax-with-binary-crossentropy': 'off' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsOf(spamFilter, (list) => list.length === 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsOf(spamFilter, (list) => list.length === 1 && list[0]!.severity === vscode.DiagnosticSeverity.Error);
  });

  await test('findings follow the text as it is typed, and a syntax error breaks nothing', async () => {
    const document = await vscode.workspace.openTextDocument(spamFilter);
    const editor = await vscode.window.showTextDocument(document);
    const softmax = document.getText().indexOf("'softmax'");
    const range = new vscode.Range(document.positionAt(softmax), document.positionAt(softmax + "'softmax'".length));
    await editor.edit((edit) => edit.replace(range, "'sigmoid'"));
    await diagnosticsOf(spamFilter, (list) => list.length === 0);
    // Half-typed code: the file stops parsing; the server keeps running and reports nothing for it.
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\nmodel.add(tf.layers.dense({ units: '));
    await diagnosticsOf(spamFilter, (list) => list.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsOf(spamFilter, (list) => list.length === 1);
    const broken = workspaceFile('broken/half-typed.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(broken));
    const houses = workspaceFile('regression/house-prices.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(houses));
    await diagnosticsOf(houses, (list) => list.length === 1);
    assert.deepEqual(vscode.languages.getDiagnostics(broken).filter((diagnostic) => diagnostic.source === SOURCE), []);
  });

  await test('the documentation command opens the rule page', async () => {
    await vscode.commands.executeCommand('tfjsDoctor.showRuleDocumentation', 'missing-bias');
  });

  await test('the language status and restart command work', async () => {
    await vscode.commands.executeCommand('tfjsDoctor.restartServer');
    const document = await vscode.workspace.openTextDocument(workspaceFile('regression/house-prices.ts'));
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsOf(document.uri, (list) => list.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['activation-on-regression-output']);
  });

  await test('a code lens above the model runs the overfit check, which fails and names the static finding', async () => {
    const document = await vscode.workspace.openTextDocument(spamFilter);
    await vscode.window.showTextDocument(document);
    await diagnosticsOf(spamFilter, (list) => list.length > 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spamFilter);
    const lens = lenses.find((candidate) => candidate.command?.command === 'tfjsDoctor.runOverfitCheck');
    assert.ok(lens, `a "Run overfit check" lens; got ${JSON.stringify(lenses.map((candidate) => candidate.command?.title))}`);
    const result = (await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []))) as
      | { verdict: string; backend: string; causes: { id: string; line?: number }[] }
      | undefined;
    assert.ok(result, 'the check produced a result');
    assert.equal(result.verdict, 'fail');
    assert.ok(['tensorflow', 'wasm', 'cpu'].includes(result.backend));
    assert.equal(result.causes[0]!.id, 'softmax-with-binary-crossentropy');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await webviewShows('overfit-panel', /FAIL[\s\S]*softmax-with-binary-crossentropy[\s\S]*Go to line/);
  });

  await test("an HTML page's lens checks the model of its inline scripts, rebuilt from the code, and the panel says why", async () => {
    const page = workspaceFile('pages/spam-filter.html');
    const document = await vscode.workspace.openTextDocument(page);
    await vscode.window.showTextDocument(document);
    await diagnosticsOf(page, (list) => list.length > 0);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', page);
    assert.deepEqual(
      lenses.map((candidate) => candidate.command?.command),
      ['tfjsDoctor.runOverfitCheck'],
      'the overfit lens only: a training run runs script files',
    );
    const lens = lenses[0]!;
    const result = (await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []))) as
      | { verdict: string; mode: string; fallback?: { reason: string }; data: { source: string }; causes: { id: string }[] }
      | undefined;
    assert.ok(result, 'the check produced a result');
    assert.equal(result.verdict, 'fail');
    assert.equal(result.mode, 'static');
    assert.equal(result.fallback, undefined, 'no mode runs a page: its check is a static one');
    assert.equal(result.data.source, 'code');
    assert.equal(result.causes[0]!.id, 'softmax-with-binary-crossentropy');
    await webviewShows('overfit-panel', /FAIL[\s\S]*spam-filter\.html is an HTML page/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  await test('from the command palette: a second run replaces the first, and Cancel stops it', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceFile('correct/lstm-forecaster.ts'));
    await vscode.window.showTextDocument(document);
    // The palette command works on the active editor.
    const first = vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck') as Thenable<unknown>;
    // The panel names the phase: starting, running the script, rebuilding the model, training step n/N.
    await webviewShows('overfit-running', /Starting|Running the script|Rebuilding the model|Training step/);
    const second = vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck') as Thenable<unknown>;
    assert.equal(await first, undefined, 'the first run was replaced');
    await webviewShows('overfit-second-running', /Starting|Running the script|Rebuilding the model|Training step/);
    await vscode.commands.executeCommand('tfjsDoctor.cancelOverfitCheck');
    assert.equal(await second, undefined, 'the second run was cancelled');
    await webviewShows('overfit-cancelled', /Cancelled/);
  });

  await test('the walkthrough opens its example, whose finding the fix removes and whose check then passes', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'tfjs-doctor.tfjs-doctor#gettingStarted', false);
    await workbenchShows('walkthrough', /Get started with tfjs-doctor[\s\S]*Open an example model/);
    const editor = (await vscode.commands.executeCommand('tfjsDoctor.openExample')) as vscode.TextEditor;
    // The example opens beside the walkthrough, which keeps its tab (titled "Welcome" until the
    // walkthrough's own title replaces it).
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    assert.ok(tabs.some((label) => /^(Welcome|Walkthrough: tfjs-doctor)$/.test(label)), `the walkthrough's tab is still open: ${tabs.join(', ')}`);
    const example = editor.document.uri;
    assert.equal(example.scheme, 'file');
    assert.ok(!vscode.workspace.getWorkspaceFolder(example), 'the example lives outside the user\'s workspace');
    const [finding] = await diagnosticsOf(example, (list) => list.length > 0);
    assert.equal(codeOf(finding!), 'softmax-with-binary-crossentropy');
    const before = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', example.toString())) as { verdict: string; data: { source: string } } | undefined;
    assert.equal(before?.verdict, 'fail');
    assert.equal(before?.data.source, 'captured', 'the check trained on the batch the example passes to fit');
    await vscode.window.showTextDocument(editor.document);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', example, finding!.range)) ?? [];
    const fix = actions.find((action) => action.isPreferred && action.edit);
    assert.ok(fix?.edit, 'the finding has a preferred fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsOf(example, (list) => list.length === 0);
    await editor.document.save();
    const after = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', example.toString())) as { verdict: string } | undefined;
    assert.equal(after?.verdict, 'pass');
    // Opened again, the example starts over with its mistake.
    await vscode.commands.executeCommand('tfjsDoctor.openExample');
    await diagnosticsOf(example, (list) => list.length === 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  await test('the training lens beside the overfit lens runs the script, whose curves stream into the training panel until Stop, which keeps them', async () => {
    const longRun = workspaceFile('training/long-run.mjs');
    const document = await vscode.workspace.openTextDocument(longRun);
    await vscode.window.showTextDocument(document);
    await diagnosticsOf(longRun, () => true);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', longRun);
    const training = lenses.find((lens) => lens.command?.command === 'tfjsDoctor.runTraining');
    const overfit = lenses.find((lens) => lens.command?.command === 'tfjsDoctor.runOverfitCheck');
    assert.ok(training && overfit, `both lenses; got ${JSON.stringify(lenses.map((lens) => lens.command?.title))}`);
    assert.equal(training.command!.title, 'Run training with tfjs-doctor');
    assert.equal(training.range.start.line, overfit.range.start.line, 'beside the overfit lens');
    const run = vscode.commands.executeCommand(training.command!.command, ...(training.command!.arguments ?? [])) as Thenable<TrainingRunResult | undefined>;
    // The status line follows the epochs as they come, and the loss curve is drawn.
    await webviewShows('training-running', /Training run: long-run\.mjs[\s\S]*fit of model[\s\S]*epoch [2-9]\d*\/100000[\s\S]*Loss per epoch/, 80, 'tfjsDoctor.showTrainingResults');
    assert.ok(await clickInWebview('training-stop', 'Stop'), 'the panel has a Stop button');
    const result = await run;
    assert.ok(result, 'the stopped run gives its record');
    assert.equal(result.record.end, 'stopped');
    assert.equal(result.record.calls[0]?.kind, 'fit');
    assert.ok(result.record.calls[0]!.epochs.length >= 2, `the epochs measured before the stop are kept: ${result.record.calls[0]!.epochs.length}`);
    await webviewShows('training-stopped', /Stopped; what was measured until then is kept[\s\S]*Loss per epoch/, 40, 'tfjsDoctor.showTrainingResults');
  });

  await test('a finding of the learning-curve doctor has a Fix button that edits the code', async () => {
    // The doctor's own example of a run stopped too early.
    const stillImproving = workspaceFile('training-runs/still-improving.mjs');
    const document = await vscode.workspace.openTextDocument(stillImproving);
    await vscode.window.showTextDocument(document);
    const result = (await vscode.commands.executeCommand('tfjsDoctor.runTraining', stillImproving.toString())) as TrainingRunResult | undefined;
    assert.equal(result?.record.end, 'finished');
    // Twenty epochs of a loss still falling: the doctor proposes more (still-improving, with a set-epochs fix).
    const finding = result.findings.find((candidate) => candidate.id === 'still-improving');
    assert.ok(finding?.fix?.kind === 'set-epochs' && finding.fix.epochs, `a still-improving finding with a set-epochs fix; got ${JSON.stringify(result.findings)}`);
    assert.ok(finding.fix.epochs > 20);
    await webviewShows('training-finding', new RegExp(`${finding.id}[\\s\\S]*Fix: Set epochs to ${finding.fix.epochs}`), 40, 'tfjsDoctor.showTrainingResults');
    assert.ok(await clickInWebview('training-fix', `Fix: Set epochs to ${finding.fix.epochs}`), 'the panel has the Fix button');
    const fixed = await textOf(document, (text) => text.includes(`epochs: ${finding.fix!.epochs},`));
    assert.equal(fixed, fs.readFileSync(stillImproving.fsPath, 'utf8').replace('epochs: 20,', `epochs: ${finding.fix.epochs},`), 'only the epochs of the fit call changed');
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  await test('a script that needs arguments: the panel asks for them, saves them in the settings, and the check runs the script with them', async () => {
    const script = workspaceFile('arguments/needs-data.mjs');
    fs.mkdirSync(path.dirname(script.fsPath), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(script.fsPath), 'rows.json'), '[[0, 1], [1, 0], [1, 1], [0, 0], [2, 1], [1, 2], [2, 2], [0, 2]]');
    fs.writeFileSync(
      script.fsPath,
      [
        "import * as tf from '@tensorflow/tfjs';",
        "import { readFileSync } from 'node:fs';",
        "const rows = JSON.parse(readFileSync(process.argv[2].trim(), 'utf8'));",
        'const model = tf.sequential();',
        "model.add(tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }));",
        'model.add(tf.layers.dense({ units: 1 }));',
        "model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });",
        'const xs = tf.tensor2d(rows);',
        'await model.fit(xs, xs.sum(1, true), { epochs: 5 });',
        '',
      ].join('\n'),
    );
    type Checked = { mode: string; fallback?: { reason: string }; data: { source: string } } | undefined;
    const without = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', script.toString())) as Checked;
    assert.equal(without?.fallback?.reason, 'arguments', JSON.stringify(without));
    await webviewShows('arguments-wanted', /fell back[\s\S]*command-line arguments[\s\S]*Set script arguments/);
    assert.ok(await clickInWebview('arguments-set', 'Set script arguments'), 'the panel has the button');
    assert.ok(await typeInInputBox('arguments-typed', 'rows.json'), 'the command asked for the arguments');
    // Saved under the file's path in the folder's settings; the panel's check runs again with them.
    const config = () => vscode.workspace.getConfiguration('tfjsDoctor', script);
    const saved = () => config().inspect('scriptArguments')?.workspaceFolderValue;
    for (let attempt = 0; attempt < 100 && saved() === undefined; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(saved(), { 'arguments/needs-data.mjs': ['rows.json'] });
    await webviewShows('arguments-given', /taken from the script/);
    const given = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', script.toString())) as Checked;
    assert.equal(given?.mode, 'execute');
    assert.equal(given.fallback, undefined);
    assert.equal(given.data.source, 'captured');
    await config().update('scriptArguments', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  await test('the overfit check passes on a correct model', async () => {
    const iris = workspaceFile('correct/iris-functional.ts');
    const result = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', iris.toString())) as { verdict: string; mode: string } | undefined;
    assert.ok(result, 'the check produced a result');
    assert.equal(result.verdict, 'pass');
  });
}

/** The workspace opened untrusted: the linter works, and the overfit check runs no code of it. */
async function runRestricted(spamFilter: vscode.Uri): Promise<void> {
  await test('in Restricted Mode the linter works', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(spamFilter));
    const diagnostics = await diagnosticsOf(spamFilter, (list) => list.length > 0);
    assert.deepEqual(diagnostics.map(codeOf), ['softmax-with-binary-crossentropy']);
  });

  await test('in Restricted Mode there is no training lens, and the training command runs nothing', async () => {
    const longRun = workspaceFile('training/long-run.mjs');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(longRun));
    await diagnosticsOf(longRun, () => true);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', longRun);
    const commands = lenses.map((lens) => lens.command?.command);
    assert.ok(commands.includes('tfjsDoctor.runOverfitCheck'), 'the overfit lens stays');
    assert.ok(!commands.includes('tfjsDoctor.runTraining'), `no training lens: ${JSON.stringify(commands)}`);
    assert.equal(await vscode.commands.executeCommand('tfjsDoctor.runTraining', longRun.toString()), undefined);
  });

  await test('in Restricted Mode the overfit check rebuilds the model from the code and says why', async () => {
    await vscode.workspace.getConfiguration('tfjsDoctor.overfit').update('mode', 'execute', vscode.ConfigurationTarget.Global);
    const result = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', spamFilter.toString())) as { verdict: string; mode: string } | undefined;
    assert.ok(result, 'the check produced a result');
    assert.equal(result.mode, 'static');
    assert.equal(result.verdict, 'fail');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await webviewShows('restricted-overfit', /Restricted mode: the model was rebuilt from the code/);
  });
}
