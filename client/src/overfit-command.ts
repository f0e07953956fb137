/**
 * "Run overfit check": asks the language server for the file's models, runs the check in a child
 * process, and shows it in the panel. User code runs only in a trusted workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { withCodeCauses } from '../../overfit/src/diagnose';
import { locationKey } from '../../overfit/src/model-location';
import { runWorker } from '../../overfit/src/runner';
import { checkTrainingFunctions } from '../../overfit/src/training-functions';
import type { OverfitResult } from '../../overfit/src/types';
import { explainFailure } from '../../shared/overfit-failure';
import type { PanelState, WebviewMessage } from '../../shared/overfit-messages';
import { LEARNING_RATE_EDIT_REQUEST, OVERFIT_TARGETS_REQUEST, SCRIPT_LANGUAGE_IDS, SOURCE, type LearningRateEditResult, type OverfitTargetsResult } from '../../shared/protocol';
import { CheckFiles } from './check-files';
import { findingAt, preferredFix } from './finding-fix';
import { OverfitPanel } from './overfit-panel';
import { OVERFIT_SETTING_KEYS, buildOverfitRequest, readModelArgument, resolveOverfitSettings, type ModelChoice, type OverfitSettingScopes } from './overfit-request';
import { panelFile, revealLine } from './panel-files';
import { scriptArgumentsOf, setScriptArguments } from './script-arguments-command';

/** The overfit settings for the file, in every scope: which of them count depends on the workspace's trust. */
function settingScopes(uri: vscode.Uri): OverfitSettingScopes {
  const config = vscode.workspace.getConfiguration('tfjsDoctor.overfit', uri);
  return Object.fromEntries(OVERFIT_SETTING_KEYS.map((key) => [key, config.inspect(key)]));
}

export class OverfitController implements vscode.Disposable {
  private readonly panel: OverfitPanel;
  private running: AbortController | undefined;
  private last: { uri: vscode.Uri; model: ModelChoice } | undefined;
  /** The files of the check the panel shows: the only ones its messages may open. */
  private checkFiles: CheckFiles | undefined;
  /** The result the panel shows: "Use <rate>" writes only its proposed rate, into its model. */
  private shown: OverfitResult | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.panel = new OverfitPanel(extensionUri, (message) => void this.onMessage(message));
  }

  async run(uriArgument?: unknown, modelArgument?: unknown, options: { readonly lrRange?: boolean } = {}): Promise<OverfitResult | undefined> {
    const uri =
      typeof uriArgument === 'string' ? vscode.Uri.parse(uriArgument) : uriArgument instanceof vscode.Uri ? uriArgument : editorToCheck()?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('tfjs-doctor: open a JavaScript or TypeScript file that defines a TensorFlow.js model, then run the overfit check.');
      return undefined;
    }
    const choice = readModelArgument(modelArgument);
    const model = choice.name;
    this.last = { uri, model: choice };
    this.shown = undefined;
    this.running?.abort();
    const abort = new AbortController();
    this.setRunning(abort);

    const trusted = vscode.workspace.isTrusted;
    const settings = resolveOverfitSettings(settingScopes(uri), trusted);
    const mode = settings.mode;
    const notice = trusted
      ? undefined
      : 'Restricted mode: the model was rebuilt from the code with a made-up batch, and none of your code ran. Trust the workspace to run the file and check it on its real data.';
    const name = path.basename(uri.fsPath);
    // Two models may share a name: the line tells them apart.
    const title = `Overfit check: ${model ?? name}${choice.at ? ` (line ${choice.at.line})` : ''}`;
    let state: PanelState = { status: 'running', title, losses: [], phase: 'starting', startedAt: Date.now(), ...(notice ? { notice } : {}) };
    this.panel.show(title);
    this.panel.setState(state);
    const failed = (message: string): PanelState => ({ ...state, status: 'failed', error: message, failure: explainFailure(message, { mode, trusted }) });

    const client = this.client();
    let targets: OverfitTargetsResult;
    try {
      if (!client) throw new Error('the language server is not running');
      targets = await client.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: uri.toString() });
    } catch (error) {
      this.panel.setState(failed(`the models of ${name} could not be read: ${error instanceof Error ? error.message : String(error)}`));
      return undefined;
    }
    this.checkFiles = new CheckFiles(uri.fsPath, targets.targets);
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    const built = buildOverfitRequest({
      file: uri.fsPath,
      trusted,
      settings,
      targets: targets.targets,
      ...(targets.trainingSteps ? { trainingSteps: targets.trainingSteps } : {}),
      ...(targets.stepCalls ? { stepCalls: targets.stepCalls } : {}),
      ...(targets.stepCauses ? { stepCauses: targets.stepCauses } : {}),
      ...(targets.loadedModels ? { loadedModels: targets.loadedModels } : {}),
      ...(targets.modelsElsewhere ? { modelsElsewhere: targets.modelsElsewhere } : {}),
      ...(choice.at !== undefined ? { at: choice.at } : {}),
      ...(model !== undefined ? { model } : {}),
      ...(document?.isDirty ? { unsavedText: document.getText() } : {}),
      scriptArguments: scriptArgumentsOf(uri, trusted),
    });
    const request = options.lrRange ? { ...built, lrRange: true } : built;
    const where = choice.at ? ` at line ${choice.at.line}` : '';
    const given = request.scriptArguments && request.scriptArguments.length > 0 ? `, with the arguments ${JSON.stringify(request.scriptArguments)}` : '';
    this.output.info(`Overfit check of ${model ?? 'the model'}${where} in ${uri.fsPath} (${mode} mode${given}).`);

    // The panel shows the progress and has the Cancel button: no notification repeats it.
    const outcome = await checkTrainingFunctions(request, settings.timeLimit * 1000, (each, timeLimitMs) => runWorker(each, {
      workerPath: vscode.Uri.joinPath(this.extensionUri, 'dist', 'overfit-worker.js').fsPath,
      timeLimitMs,
      memoryLimitMb: settings.memoryLimit,
      cwd: path.dirname(uri.fsPath),
      signal: abort.signal,
      onOutput: (text) => this.output.info(`[script] ${text.trimEnd()}`),
      onMessage: (message) => {
        // A stopped or replaced run's worker may still have messages in flight: they must not
        // paint over the panel's newer state.
        if (abort.signal.aborted) return;
        if (message.type === 'phase') {
          state = { ...state, phase: message.phase };
          this.panel.phase(message.phase);
        } else if (message.type === 'started') {
          state = { ...state, phase: 'training', started: { model: message.model, backend: message.backend, mode: message.mode, steps: message.steps } };
          this.panel.setState(state);
        } else if (message.type === 'progress') {
          this.panel.progress(message.phase, message.step, message.loss);
        }
      },
    }));
    // A newer run replaced this one: its panel state is the newer run's.
    if (this.running !== abort && this.running !== undefined) return undefined;
    this.setRunning(undefined);
    if (outcome.kind === 'cancelled') {
      this.panel.setState({ ...state, status: 'cancelled' });
      return undefined;
    }
    if (outcome.kind === 'failed') {
      this.output.warn(`The overfit check could not run: ${outcome.message}`);
      this.panel.setState(failed(outcome.message));
      return undefined;
    }
    // The static findings of the model that was checked: the result says where it was created.
    const checked = outcome.result.file !== undefined && outcome.result.line !== undefined ? { file: outcome.result.file, line: outcome.result.line } : choice.at;
    const staticCauses = (checked ? targets.causes[locationKey(checked)] : undefined) ?? (targets.targets.length === 1 ? Object.values(targets.causes)[0] : []);
    const result = withCodeCauses(outcome.result, staticCauses ?? []);
    this.checkFiles = new CheckFiles(uri.fsPath, targets.targets, result);
    this.output.info(`Overfit check: ${result.verdict} after ${result.steps} steps on the ${result.backend} backend (${result.ms} ms).`);
    this.shown = result;
    this.panel.setState({ ...state, status: 'done', result, losses: result.losses });
    return result;
  }

  /** Shows the latest check again in a new panel. */
  showResults(): void {
    if (!this.panel.reopen()) void vscode.window.showInformationMessage('tfjs-doctor: no overfit check has run yet. Use "Run overfit check" above a model.');
  }

  /** Stops the running check, if any. */
  cancel(): void {
    this.running?.abort();
  }

  private setRunning(running: AbortController | undefined): void {
    this.running = running;
    void vscode.commands.executeCommand('setContext', 'tfjsDoctor.overfitRunning', running !== undefined);
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'rerun':
      case 'find-rate':
        await this.rerun({ lrRange: message.type === 'find-rate' });
        return;
      case 'use-rate':
        await this.useRate(message.learningRate);
        return;
      case 'set-arguments':
        // The check runs again once the arguments are saved, not when the question was dismissed.
        if (this.last && (await setScriptArguments(this.last.uri)) !== undefined) await this.rerun();
        return;
      case 'cancel':
        this.cancel();
        return;
      case 'goto': {
        const file = this.fileToOpen(message.file);
        if (file) await revealLine(file, message.line);
        return;
      }
      case 'fix': {
        const file = this.fileToOpen(message.file);
        if (file) await this.fix(file, message.line, message.ruleId);
        return;
      }
      case 'ready':
        return;
    }
  }

  /** Runs the last check again, on the same model. */
  private async rerun(options: { readonly lrRange?: boolean } = {}): Promise<void> {
    if (this.last) await this.run(this.last.uri, this.last.model.at ? { ...this.last.model.at, name: this.last.model.name } : this.last.model.name, options);
  }

  private fileToOpen(file: string): vscode.Uri | undefined {
    return panelFile(file, this.checkFiles?.has(file) === true, this.output, `The overfit panel asked to open ${file}, which is not a file of the check it shows; ignored.`);
  }

  /**
   * Applies the preferred quick fix of the rule's finding on that line, in one go. A finding without
   * one gets the cursor on it, with a word in the status bar on why nothing changed.
   */
  private async fix(file: vscode.Uri, line: number, ruleId: string): Promise<void> {
    const editor = await revealLine(file, line);
    // A file just opened has no diagnostics until the server's first check of it arrives.
    const diagnostic = await findingWhenChecked(editor.document.uri, line, ruleId);
    if (!diagnostic) {
      void vscode.window.setStatusBarMessage(`tfjs-doctor: ${ruleId} is no longer found on line ${line}.`, 5000);
      return;
    }
    const start = diagnostic.range.start;
    editor.selection = new vscode.Selection(start, start);
    editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const preferred = preferredFix(actions, ruleId);
    if (preferred?.edit && (await vscode.workspace.applyEdit(preferred.edit))) {
      this.output.info(`Applied "${preferred.title}" to ${editor.document.uri.fsPath}:${start.line + 1}.`);
      return;
    }
    void vscode.window.setStatusBarMessage(`tfjs-doctor: ${ruleId} has no automatic fix; the cursor is on the finding.`, 5000);
  }

  /**
   * Writes the range test's proposed rate into the optimizer of the model the panel shows, with the
   * edit the language server makes from the code. Only the rate the result proposes is written.
   */
  private async useRate(learningRate: number): Promise<void> {
    const result = this.shown;
    if (!result || result.learningRateRange?.proposal !== learningRate || !result.file || !result.line) {
      this.output.warn(`The overfit panel asked to write a learning rate of ${learningRate}, which is not the proposal of the check it shows; ignored.`);
      return;
    }
    const client = this.client();
    if (!client) {
      void vscode.window.showErrorMessage('tfjs-doctor: the language server is not running, so the learning rate cannot be written into the code.');
      return;
    }
    let answer: LearningRateEditResult;
    try {
      answer = await client.sendRequest(LEARNING_RATE_EDIT_REQUEST, { uri: vscode.Uri.file(result.file).toString(), line: result.line, learningRate });
    } catch (error) {
      void vscode.window.showErrorMessage(`tfjs-doctor: the learning rate could not be written: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if ('reason' in answer) {
      void vscode.window.showWarningMessage(`tfjs-doctor: the learning rate ${learningRate} was not written. ${answer.reason}`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const change of answer.edits) {
      const range = new vscode.Range(change.range.start.line, change.range.start.character, change.range.end.line, change.range.end.character);
      edit.replace(vscode.Uri.parse(change.uri), range, change.newText);
    }
    if (await vscode.workspace.applyEdit(edit)) {
      this.output.info(`${answer.description} (${answer.edits.map((change) => `${vscode.Uri.parse(change.uri).fsPath}:${change.range.start.line + 1}`).join(', ')}).`);
      const first = answer.edits[0];
      if (first) await revealLine(vscode.Uri.parse(first.uri), first.range.start.line + 1);
      void vscode.window.setStatusBarMessage(`tfjs-doctor: ${answer.description}.`, 5000);
    } else {
      void vscode.window.showWarningMessage(`tfjs-doctor: the editor did not apply the change of the learning rate (${answer.description}).`);
    }
  }

  dispose(): void {
    this.running?.abort();
    this.panel.dispose();
  }
}

/** How long "Fix" waits for the diagnostics of a file it has just opened. */
const DIAGNOSTICS_WAIT_MS = 5000;

/** The rule's diagnostic at that line, once the file has diagnostics (or after a wait, without). */
function findingWhenChecked(uri: vscode.Uri, line: number, ruleId: string): Promise<vscode.Diagnostic | undefined> {
  const find = () => findingAt(vscode.languages.getDiagnostics(uri), line, ruleId, SOURCE);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (found: vscode.Diagnostic | undefined) => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(found);
    };
    const timer = setTimeout(() => done(find()), DIAGNOSTICS_WAIT_MS);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const found = find();
      if (found) done(found);
    });
  });
}

/** The active editor, or, when a panel or page has the focus, a visible JavaScript or TypeScript editor. */
function editorToCheck(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((editor) => SCRIPT_LANGUAGE_IDS.includes(editor.document.languageId));
}
