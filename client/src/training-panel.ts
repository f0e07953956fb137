/**
 * The training panel: a webview of its own beside the overfit panel's (a training run and an
 * overfit check can be watched side by side). One panel, reused, showing the latest run.
 */
import * as vscode from 'vscode';
import { panelPage } from './panel-page';
import type { TrainingCall, TrainingEvent } from '../../overfit/src/training/types';
import type { BackendName } from '../../overfit/src/types';
import { applyTrainingEvent, readTrainingWebviewMessage, type TrainingHostMessage, type TrainingPanelState, type TrainingWebviewMessage } from '../../shared/training-messages';

export const TRAINING_PANEL_VIEW_TYPE = 'tfjsDoctor.training';

/** How often streamed events are passed on to the page: a run may log hundreds of batches a second. */
const EVENT_FLUSH_MS = 100;

export class TrainingPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: TrainingPanelState | undefined;
  /** The calls of the running run, grown in place by its events. */
  private calls: TrainingCall[] = [];
  private ready = false;
  private pending: TrainingEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: TrainingWebviewMessage) => void,
  ) {}

  /** Opens the panel (or brings it forward) beside the editor. */
  show(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(TRAINING_PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      // The page keeps the curves of a long run: hidden and shown again, it need not start over.
      retainContextWhenHidden: true,
      localResourceRoots: [dist],
    });
    this.panel = panel;
    this.ready = false;
    panel.webview.html = panelPage(panel.webview, dist, 'training-webview.js', 'Training run');
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    }, undefined, this.disposables);
    panel.webview.onDidReceiveMessage((received: unknown) => {
      const message = readTrainingWebviewMessage(received);
      if (!message) return;
      if (message.type === 'ready') {
        this.ready = true;
        // The page starts from the state with every event so far.
        this.pending = [];
        if (this.state) this.post({ type: 'state', state: this.current(), now: Date.now() });
        return;
      }
      this.onMessage(message);
    }, undefined, this.disposables);
  }

  /** Opens the panel afresh with the latest state. */
  reopen(): boolean {
    if (!this.state) return false;
    this.panel?.dispose();
    this.show(this.state.title);
    return true;
  }

  /** A new state: a new run (its calls start empty), or the end of the current one (with its record's calls). */
  setState(state: TrainingPanelState): void {
    this.state = state;
    this.calls = [...state.calls];
    this.pending = [];
    if (this.panel) {
      this.panel.title = state.title;
      if (this.ready) this.post({ type: 'state', state: this.current(), now: Date.now() });
    }
  }

  /** The script starts on this backend: the state says so, keeping the calls so far. */
  started(backend: BackendName, notes: readonly string[]): void {
    if (this.state?.status !== 'running') return;
    // The state carries every event so far: none is sent again after it.
    this.pending = [];
    this.state = { ...this.state, backend, ...(notes.length > 0 ? { notes } : {}) };
    if (this.panel && this.ready) this.post({ type: 'state', state: this.current(), now: Date.now() });
  }

  /** An event of the running run: kept in the state, and passed on to the page in batches. */
  event(event: TrainingEvent): void {
    if (this.state?.status !== 'running') return;
    applyTrainingEvent(this.calls, event);
    if (!this.panel || !this.ready) return;
    this.pending.push(event);
    this.flushTimer ??= setTimeout(() => this.flush(), EVENT_FLUSH_MS);
  }

  /** Passes on the events not yet sent (a state sent since carries them, and empties the queue). */
  private flush(): void {
    this.flushTimer = undefined;
    if (this.pending.length === 0 || !this.ready) return;
    const events = this.pending;
    this.pending = [];
    this.post({ type: 'events', events });
  }

  /** The state with the calls as the events have made them. */
  private current(): TrainingPanelState {
    return { ...this.state!, calls: this.calls };
  }

  private post(message: TrainingHostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
