/**
 * "Run training with tfjs-doctor": runs the user's script to its end in the overfit check's child
 * process with its training watched, draws the curves in the training panel as they come, and after
 * the run (or a stop) shows the learning-curve doctor's findings, whose fixes edit the code through
 * the language server. A training run runs the workspace's code: only in a trusted workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { diagnoseTraining } from '../../overfit/src/training/doctor/index';
import { runTraining } from '../../overfit/src/training/run';
import type { TrainingFinding, TrainingFix, TrainingRecord } from '../../overfit/src/training/types';
import type { ModelTarget } from '../../overfit/src/types';
import { OVERFIT_TARGETS_REQUEST, SCRIPT_LANGUAGE_IDS, TRAINING_FIX_REQUEST, type TrainingFixResult } from '../../shared/protocol';
import type { TrainingPanelState, TrainingWebviewMessage } from '../../shared/training-messages';
import { TrainingPanel } from './training-panel';
import { TRAINING_SETTING_KEYS, buildTrainingRequest, resolveTrainingSettings, type TrainingSettingScopes } from './training-request';
import { panelFile, revealLine } from './panel-files';
import { scriptArgumentsOf, setScriptArguments } from './script-arguments-command';

function settingScopes(uri: vscode.Uri): TrainingSettingScopes {
  const config = vscode.workspace.getConfiguration('tfjsDoctor.training', uri);
  return Object.fromEntries(TRAINING_SETTING_KEYS.map((key) => [key, config.inspect(key)]));
}

/** What a run gives its caller (the command's result): the record and the doctor's findings. */
export interface TrainingRunResult {
  readonly record: TrainingRecord;
  readonly findings: readonly TrainingFinding[];
}

export class TrainingController implements vscode.Disposable {
  private readonly panel: TrainingPanel;
  private running: AbortController | undefined;
  private last: vscode.Uri | undefined;
  /** The files of the run the panel shows: the only ones its messages may open or edit. */
  private runFiles = new Set<string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.panel = new TrainingPanel(extensionUri, (message) => void this.onMessage(message));
  }

  async run(uriArgument?: unknown): Promise<TrainingRunResult | undefined> {
    const uri =
      typeof uriArgument === 'string' ? vscode.Uri.parse(uriArgument) : uriArgument instanceof vscode.Uri ? uriArgument : editorToRun()?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('tfjs-doctor: open the JavaScript or TypeScript file that trains your model, then run the training.');
      return undefined;
    }
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
    const targets = await this.targets(uri);
    const request = buildTrainingRequest({
      file: uri.fsPath,
      trusted: vscode.workspace.isTrusted,
      targets,
      ...(document?.isDirty ? { unsavedText: document.getText() } : {}),
      scriptArguments: scriptArgumentsOf(uri, vscode.workspace.isTrusted),
    });
    if ('refused' in request) {
      void vscode.window.showWarningMessage(`tfjs-doctor: ${request.refused}`);
      return undefined;
    }
    this.last = uri;
    this.running?.abort();
    const abort = new AbortController();
    this.setRunning(abort);
    const settings = resolveTrainingSettings(settingScopes(uri), true);
    const title = `Training run: ${path.basename(uri.fsPath)}`;
    let state: TrainingPanelState = { status: 'running', title, file: uri.fsPath, startedAt: Date.now(), calls: [] };
    this.runFiles = new Set([uri.fsPath]);
    this.panel.show(title);
    this.panel.setState(state);
    const given = request.scriptArguments ? `, with the arguments ${JSON.stringify(request.scriptArguments)}` : '';
    this.output.info(`Training run of ${uri.fsPath} (time limit ${settings.timeLimit} s${given}).`);

    const outcome = await runTraining(request, {
      workerPath: vscode.Uri.joinPath(this.extensionUri, 'dist', 'overfit-worker.js').fsPath,
      timeLimitMs: settings.timeLimit * 1000,
      memoryLimitMb: settings.memoryLimit,
      cwd: path.dirname(uri.fsPath),
      signal: abort.signal,
      onOutput: (text) => this.output.info(`[script] ${text.trimEnd()}`),
      onStarted: (backend, notes) => {
        if (this.running !== abort) return;
        state = { ...state, backend, ...(notes.length > 0 ? { notes } : {}) };
        this.panel.started(backend, notes);
      },
      onEvent: (event) => {
        // A replaced run's worker may still have events in flight: they must not reach the newer run's panel.
        if (this.running === abort) this.panel.event(event);
      },
    });
    // A newer run replaced this one: the panel is the newer run's.
    if (this.running !== abort && this.running !== undefined) return undefined;
    this.setRunning(undefined);
    if (outcome.kind === 'failed') {
      this.output.warn(`The training run could not run: ${outcome.message}`);
      this.panel.setState({ ...state, status: 'failed', error: outcome.message });
      return undefined;
    }
    const record = outcome.record;
    const findings = this.diagnose(record);
    for (const call of record.calls) for (const place of [call.at, call.modelAt]) if (place) this.runFiles.add(place.file);
    for (const finding of findings) for (const place of [finding.at, finding.fix?.at]) if (place) this.runFiles.add(place.file);
    this.output.info(`Training run: ${record.end} after ${(record.ms / 1000).toFixed(1)} s, ${record.calls.length} training call(s), ${findings.length} finding(s).`);
    this.panel.setState({
      ...state,
      status: record.end === 'stopped' || record.end === 'time-limit' ? 'stopped' : 'done',
      backend: record.backend,
      calls: record.calls,
      end: record.end,
      ms: record.ms,
      findings,
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(outcome.wantedArguments ? { wantsArguments: true } : {}),
    });
    return { record, findings };
  }

  /** The doctor's findings; none, with the error in the log, should a check fail on this record. */
  private diagnose(record: TrainingRecord): readonly TrainingFinding[] {
    try {
      return diagnoseTraining(record);
    } catch (error) {
      this.output.error(`The learning-curve doctor failed on this run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return [];
    }
  }

  /** Stops the running training; the panel keeps and diagnoses what was measured. */
  stop(): void {
    this.running?.abort();
  }

  showResults(): void {
    if (!this.panel.reopen()) void vscode.window.showInformationMessage('tfjs-doctor: no training run yet. Use "Run training with tfjs-doctor" in a file that trains a model.');
  }

  /** The file's models, to name the trained ones by their variables; none when the server cannot tell. */
  private async targets(uri: vscode.Uri): Promise<readonly ModelTarget[]> {
    try {
      return (await this.client()?.sendRequest(OVERFIT_TARGETS_REQUEST, { uri: uri.toString() }))?.targets ?? [];
    } catch (error) {
      this.output.warn(`The models of ${uri.fsPath} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  }

  private setRunning(running: AbortController | undefined): void {
    this.running = running;
    void vscode.commands.executeCommand('setContext', 'tfjsDoctor.trainingRunning', running !== undefined);
  }

  private async onMessage(message: TrainingWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'rerun':
        if (this.last) await this.run(this.last);
        return;
      case 'set-arguments':
        // The script runs again once the arguments are saved, not when the question was dismissed.
        if (this.last && (await setScriptArguments(this.last)) !== undefined) await this.run(this.last);
        return;
      case 'stop':
        this.stop();
        return;
      case 'goto': {
        const file = this.fileToOpen(message.file);
        if (file) await revealLine(file, message.line);
        return;
      }
      case 'fix': {
        const file = this.fileToOpen(message.fix.at.file);
        if (file) await this.fix(file, message.fix);
        return;
      }
      case 'ready':
        return;
    }
  }

  private fileToOpen(file: string): vscode.Uri | undefined {
    return panelFile(file, this.runFiles.has(file), this.output, `The training panel asked to open ${file}, which is not a file of the run it shows; ignored.`);
  }

  /**
   * Asks the language server for the fix's edit of the file as the editor has it now, and applies
   * it (one undo reverts it). A fix that cannot be placed leaves the cursor on its line, saying why.
   */
  async fix(file: vscode.Uri, fix: TrainingFix): Promise<boolean> {
    // Open first: the server then edits the editor's text, and names its version.
    await revealLine(file, fix.at.line);
    const client = this.client();
    if (!client) {
      void vscode.window.showErrorMessage('tfjs-doctor: the language server is not running, so the fix cannot be placed.');
      return false;
    }
    let result: TrainingFixResult;
    try {
      result = await client.sendRequest(TRAINING_FIX_REQUEST, { fix });
    } catch (error) {
      this.output.warn(`The fix could not be placed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    if (result.kind === 'unplaced') {
      void vscode.window.showWarningMessage(`tfjs-doctor: the fix cannot be made automatically: ${result.reason}.`);
      return false;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (await vscode.workspace.applyEdit(edit)) {
      this.output.info(`Applied "${result.title}" to ${file.fsPath}.`);
      return true;
    }
    void vscode.window.showWarningMessage('tfjs-doctor: the file changed while the fix was made; try the fix again.');
    return false;
  }

  dispose(): void {
    this.running?.abort();
    this.panel.dispose();
  }
}

/** The active editor, or, when a panel has the focus, a visible JavaScript or TypeScript editor. */
function editorToRun(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((editor) => SCRIPT_LANGUAGE_IDS.includes(editor.document.languageId));
}
