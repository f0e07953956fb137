/** The overfit check's webview panel: one panel, reused, showing the latest run. */
import * as vscode from 'vscode';
import { readWebviewMessage, type HostMessage, type PanelState, type WebviewMessage } from '../../shared/overfit-messages';
import { WebviewHost } from './webview-host';

export const PANEL_VIEW_TYPE = 'tfjsDoctor.overfit';

export class OverfitPanel implements vscode.Disposable {
  private readonly host: WebviewHost<WebviewMessage, HostMessage>;
  private state: PanelState | undefined;

  constructor(extensionUri: vscode.Uri, onMessage: (message: WebviewMessage) => void) {
    this.host = new WebviewHost(extensionUri, {
      viewType: PANEL_VIEW_TYPE,
      script: 'webview.js',
      pageTitle: 'Overfit check',
      read: readWebviewMessage,
      onReady: () => {
        if (this.state) this.host.post({ type: 'state', state: this.state, now: Date.now() });
      },
      onMessage,
    });
  }

  /** Opens the panel (or brings it forward) beside the editor. */
  show(title: string): void {
    this.host.show(title);
  }

  /** Opens the panel afresh with the latest state (after it was closed, or to redraw it). */
  reopen(): boolean {
    if (!this.state) return false;
    this.host.close();
    this.host.show(this.state.title);
    return true;
  }

  setState(state: PanelState): void {
    this.state = state;
    this.host.retitle(state.title);
    this.host.post({ type: 'state', state, now: Date.now() });
  }

  /** What the running check does now, before it trains. */
  phase(phase: string): void {
    if (this.state?.status !== 'running') return;
    this.setState({ ...this.state, phase });
  }

  /** A step of the running check; kept in the state too, so a reopened panel shows the curve so far. */
  progress(phase: string, step: number, loss: number): void {
    if (this.state?.status !== 'running') return;
    if (phase === 'training') this.state = { ...this.state, phase, losses: [...this.state.losses, loss] };
    else this.state = { ...this.state, phase };
    this.host.post({ type: 'progress', phase, step, loss });
  }

  dispose(): void {
    this.host.dispose();
  }
}
