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
async function screenshot(name: string): Promise<{ webviews: string[] } | undefined> {
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
  return JSON.parse(fs.readFileSync(done, 'utf8') || '{"webviews":[]}') as { webviews: string[] };
}

/** Waits until the driver sees `pattern` in a webview (the driver answers screenshot requests with their text). */
async function webviewShows(name: string, pattern: RegExp, attempts = 20): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const seen = await screenshot(name);
    if (!seen) return;
    if (seen.webviews.some((text) => pattern.test(text))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`no webview showed ${pattern}`);
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

  await test('the overfit check passes on a correct model', async () => {
    const iris = workspaceFile('correct/iris-functional.ts');
    const result = (await vscode.commands.executeCommand('tfjsDoctor.runOverfitCheck', iris.toString())) as { verdict: string; mode: string } | undefined;
    assert.ok(result, 'the check produced a result');
    assert.equal(result.verdict, 'pass');
  });
}
