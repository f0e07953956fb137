/** The overfit check's webview panel: one panel, reused, showing the latest run. */
import * as vscode from 'vscode';
import { panelPage } from './panel-page';
import { readWebviewMessage, type HostMessage, type PanelState, type WebviewMessage } from '../../shared/overfit-messages';

export const PANEL_VIEW_TYPE = 'tfjsDoctor.overfit';

export class OverfitPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: PanelState | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: WebviewMessage) => void,
  ) {}

  /** Opens the panel (or brings it forward) beside the editor. */
  show(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [dist],
    });
    this.panel = panel;
    this.ready = false;
    panel.webview.html = panelPage(panel.webview, dist, 'webview.js', 'Overfit check');
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    }, undefined, this.disposables);
    panel.webview.onDidReceiveMessage((received: unknown) => {
      const message = readWebviewMessage(received);
      if (!message) return;
      if (message.type === 'ready') {
        this.ready = true;
        if (this.state) void panel.webview.postMessage({ type: 'state', state: this.state, now: Date.now() } satisfies HostMessage);
        return;
      }
      this.onMessage(message);
    }, undefined, this.disposables);
  }

  /** Opens the panel afresh with the latest state (after it was closed, or to redraw it). */
  reopen(): boolean {
    if (!this.state) return false;
    this.panel?.dispose();
    this.show(this.state.title);
    return true;
  }

  setState(state: PanelState): void {
    this.state = state;
    if (this.panel) {
      this.panel.title = state.title;
      if (this.ready) void this.panel.webview.postMessage({ type: 'state', state, now: Date.now() } satisfies HostMessage);
    }
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
    if (this.panel && this.ready) void this.panel.webview.postMessage({ type: 'progress', phase, step, loss } satisfies HostMessage);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
