import * as vscode from 'vscode';

/**
 * Runs inside the extension host for bench/editor-activation.ts: opens a model file the way the
 * scenario in TFJS_DOCTOR_BENCH_SCENARIO says, and logs what it measured as `metric:<name>:<ms>`.
 * - `startup`: straight away, while the workbench is still starting (a file restored with the window);
 * - `opened`: once the workbench has had time to finish starting (a user opening a file);
 * - `command`: as `opened`, but a command of the extension activates it before the file is opened,
 *   so the extension starts without the TypeScript extension reacting to the file at the same time.
 */

/** Long enough for the workbench on a 2-core machine to finish starting; only the `opened` scenario waits. */
const SETTLE_MS = 8_000;

export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'tfjs-doctor');
  if (!extension) throw new Error('the extension is not installed');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace is open');
  const scenario = process.env['TFJS_DOCTOR_BENCH_SCENARIO'];
  if (scenario !== 'startup') await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  if (extension.isActive) throw new Error('the extension was active before a JavaScript or TypeScript file was opened');
  if (scenario === 'command') await vscode.commands.executeCommand('tfjsDoctor.showOutputChannel');

  const file = vscode.Uri.joinPath(folder.uri, 'classifiers', 'spam-filter.ts');
  const opened = performance.now();
  const findings = new Promise<void>((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((uri) => uri.toString() === file.toString())) return;
      if (!vscode.languages.getDiagnostics(file).some((diagnostic) => diagnostic.source === 'tfjs-doctor')) return;
      subscription.dispose();
      resolve();
    });
  });
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  // Opening the file activates the extension (unless the command did); activate() hands back that activation's result.
  const api = (await extension.activate()) as { activationToReadyMs?: number } | undefined;
  if (typeof api?.activationToReadyMs !== 'number') throw new Error('the language server did not start');
  await findings;
  console.log(`metric:activation-to-ready-ms:${api.activationToReadyMs}`);
  console.log(`metric:open-to-findings-ms:${Math.round(performance.now() - opened)}`);
}
