/**
 * The training panel: a webview of its own beside the overfit panel's (a training run and an
 * overfit check can be watched side by side). One panel, reused, showing the latest run.
 */
import * as vscode from 'vscode';
import type { TrainingCall, TrainingEvent } from '../../overfit/src/training/types';
import type { BackendName } from '../../overfit/src/types';
import { applyTrainingEvent, readTrainingWebviewMessage, type TrainingHostMessage, type TrainingPanelState, type TrainingWebviewMessage } from '../../shared/training-messages';
import { WebviewHost } from './webview-host';

export const TRAINING_PANEL_VIEW_TYPE = 'tfjsDoctor.training';

/** How often streamed events are passed on to the page: a run may log hundreds of batches a second. */
const EVENT_FLUSH_MS = 100;

export class TrainingPanel implements vscode.Disposable {
  private readonly host: WebviewHost<TrainingWebviewMessage, TrainingHostMessage>;
  private state: TrainingPanelState | undefined;
  /** The calls of the running run, grown in place by its events. */
  private calls: TrainingCall[] = [];
  private pending: TrainingEvent[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(extensionUri: vscode.Uri, onMessage: (message: TrainingWebviewMessage) => void) {
    this.host = new WebviewHost(extensionUri, {
      viewType: TRAINING_PANEL_VIEW_TYPE,
      script: 'training-webview.js',
      pageTitle: 'Training run',
      // The page keeps the curves of a long run: hidden and shown again, it need not start over.
      retainContextWhenHidden: true,
      read: readTrainingWebviewMessage,
      onReady: () => {
        // The page starts from the state with every event so far.
        this.pending = [];
        if (this.state) this.host.post({ type: 'state', state: this.current(), now: Date.now() });
      },
      onMessage,
    });
  }

  /** Opens the panel (or brings it forward) beside the editor. */
  show(title: string): void {
    this.host.show(title);
  }

  /** Opens the panel afresh with the latest state. */
  reopen(): boolean {
    if (!this.state) return false;
    this.host.close();
    this.host.show(this.state.title);
    return true;
  }

  /** A new state: a new run (its calls start empty), or the end of the current one (with its record's calls). */
  setState(state: TrainingPanelState): void {
    this.state = state;
    this.calls = [...state.calls];
    this.pending = [];
    this.host.retitle(state.title);
    this.host.post({ type: 'state', state: this.current(), now: Date.now() });
  }

  /** The script starts on this backend: the state says so, keeping the calls so far. */
  started(backend: BackendName, notes: readonly string[]): void {
    if (this.state?.status !== 'running') return;
    // The state carries every event so far: none is sent again after it.
    this.pending = [];
    this.state = { ...this.state, backend, ...(notes.length > 0 ? { notes } : {}) };
    this.host.post({ type: 'state', state: this.current(), now: Date.now() });
  }

  /** An event of the running run: kept in the state, and passed on to the page in batches. */
  event(event: TrainingEvent): void {
    if (this.state?.status !== 'running') return;
    applyTrainingEvent(this.calls, event);
    if (!this.host.ready) return;
    this.pending.push(event);
    this.flushTimer ??= setTimeout(() => this.flush(), EVENT_FLUSH_MS);
  }

  /** Passes on the events not yet sent (a state sent since carries them, and empties the queue). */
  private flush(): void {
    this.flushTimer = undefined;
    if (this.pending.length === 0 || !this.host.ready) return;
    const events = this.pending;
    this.pending = [];
    this.host.post({ type: 'events', events });
  }

  /** The state with the calls as the events have made them. */
  private current(): TrainingPanelState {
    return { ...this.state!, calls: this.calls };
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.host.dispose();
  }
}
