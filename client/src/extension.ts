import * as vscode from 'vscode';
import { CodeLensRequest, LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/node';
import { COMMANDS, LANGUAGE_IDS, SOURCE } from '../../shared/protocol';
import { openExample } from './example';
import { OverfitController } from './overfit-command';
import { ruleDocUri, showRuleDocumentation } from './rule-docs';
import { setScriptArguments } from './script-arguments-command';
import { ServerProcesses } from './server-process';
import { TrainingController } from './training-command';

/** Files on disk take HTML pages by name: editors show other templates (.ejs, .jsp) as HTML too. */
const SELECTOR: { scheme: string; language: string; pattern?: string }[] = LANGUAGE_IDS.flatMap((language) => [
  { scheme: 'file', language, ...(language === 'html' ? { pattern: '**/*.{html,htm}' } : {}) },
  { scheme: 'untitled', language },
]);

let client: LanguageClient | undefined;

/** What the extension hands to other extensions (and to its own editor tests). */
export interface TfjsDoctorApi {
  /** Milliseconds from the start of activation until the language server finished its handshake; undefined when it failed to start. */
  readonly activationToReadyMs: number | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<TfjsDoctorApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('tfjs-doctor', { log: true });
  const servers = new ServerProcesses(vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath, output);
  const status = vscode.languages.createLanguageStatusItem('tfjsDoctor.status', SELECTOR);
  status.name = 'tfjs-doctor';
  status.text = 'tfjs-doctor';
  status.command = { title: 'Show Output', command: COMMANDS.showOutput };
  context.subscriptions.push(output, servers, status);

  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    diagnosticCollectionName: SOURCE,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{js,jsx,ts,tsx,mjs,cjs,mts,cts,html,htm}') },
    middleware: {
      // The server links each rule to its page inside the extension; point at the installed copy,
      // which also works when the extension runs on a remote host.
      handleDiagnostics(uri, diagnostics, next) {
        for (const diagnostic of diagnostics) {
          const code = diagnostic.code;
          if (diagnostic.source === SOURCE && typeof code === 'object' && typeof code.value === 'string') {
            diagnostic.code = { value: code.value, target: ruleDocUri(context.extensionUri, code.value) };
          }
        }
        next(uri, diagnostics);
      },
      // A training run runs the workspace's code: its lens shows only in a trusted workspace.
      async provideCodeLenses(document, token, next) {
        const lenses = await next(document, token);
        return vscode.workspace.isTrusted ? lenses : lenses?.filter((lens) => lens.command?.command !== COMMANDS.runTraining);
      },
    },
  };
  client = new LanguageClient('tfjsDoctor', 'tfjs-doctor', servers.connect, clientOptions);
  const overfit = new OverfitController(context.extensionUri, () => client, output);
  const training = new TrainingController(context.extensionUri, () => client, output);
  context.subscriptions.push(
    client.onDidChangeState(({ newState }) => {
      status.busy = newState === State.Starting;
      status.severity = newState === State.Stopped ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
      status.detail = newState === State.Running ? 'checking models' : newState === State.Starting ? 'starting' : 'stopped';
    }),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.appendLine('Restarting the language server.');
      await client?.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: unknown) => showRuleDocumentation(context, ruleId)),
    overfit,
    vscode.commands.registerCommand(COMMANDS.runOverfitCheck, (uri?: unknown, model?: unknown) => overfit.run(uri, model)),
    vscode.commands.registerCommand(COMMANDS.cancelOverfitCheck, () => overfit.cancel()),
    vscode.commands.registerCommand(COMMANDS.showOverfitResults, () => overfit.showResults()),
    vscode.commands.registerCommand(COMMANDS.openExample, () => openExample(context)),
    training,
    vscode.commands.registerCommand(COMMANDS.runTraining, (uri?: unknown) => training.run(uri)),
    vscode.commands.registerCommand(COMMANDS.stopTraining, () => training.stop()),
    vscode.commands.registerCommand(COMMANDS.showTrainingResults, () => training.showResults()),
    vscode.commands.registerCommand(COMMANDS.setScriptArguments, (uri?: unknown) => setScriptArguments(uri)),
    // Trusted now: the editors ask again for their lenses, which now include the training run's.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const editor of vscode.window.visibleTextEditors) client?.getFeature(CodeLensRequest.method).getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
    }),
  );
  try {
    await client.start();
    const activationToReadyMs = Math.round(performance.now() - started);
    output.appendLine(`Language server ready ${activationToReadyMs} ms after activation.`);
    return { activationToReadyMs };
  } catch (error) {
    status.severity = vscode.LanguageStatusSeverity.Error;
    status.detail = 'failed to start';
    output.appendLine(`The language server failed to start: ${error instanceof Error ? error.message : String(error)}`);
    return { activationToReadyMs: undefined };
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
