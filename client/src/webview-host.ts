/**
 * One webview panel beside the editor, reused: opened or brought forward, its page loaded from
 * dist/, its messages read, and whether its page is ready to receive. The overfit and the training
 * panel each keep their own state on top of it.
 */
import * as vscode from 'vscode';
import { panelPage } from './panel-page';

export interface WebviewHostOptions<Incoming extends { readonly type: string }> {
  readonly viewType: string;
  /** The page's script, a file of dist/, and the page's title. */
  readonly script: string;
  readonly pageTitle: string;
  /** Keep the page alive while hidden (a long run's curves need not be drawn again). */
  readonly retainContextWhenHidden?: boolean;
  /** A message of the page, checked, or undefined when it is none. */
  readonly read: (received: unknown) => Incoming | undefined;
  /** The page is ready: it can now be sent its state. */
  readonly onReady: () => void;
  /** Any other message of the page. */
  readonly onMessage: (message: Incoming) => void;
}

export class WebviewHost<Incoming extends { readonly type: string }, Outgoing> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pageReady = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly options: WebviewHostOptions<Incoming>,
  ) {}

  /** Whether the panel is open and its page listens. */
  get ready(): boolean {
    return this.panel !== undefined && this.pageReady;
  }

  /** Opens the panel (or brings it forward) beside the editor. */
  show(title: string): void {
    if (this.panel) {
      this.panel.title = title;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(this.options.viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      ...(this.options.retainContextWhenHidden ? { retainContextWhenHidden: true } : {}),
      localResourceRoots: [dist],
    });
    this.panel = panel;
    this.pageReady = false;
    panel.webview.html = panelPage(panel.webview, dist, this.options.script, this.options.pageTitle);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.pageReady = false;
    }, undefined, this.disposables);
    panel.webview.onDidReceiveMessage((received: unknown) => {
      const message = this.options.read(received);
      if (!message) return;
      if (message.type === 'ready') {
        this.pageReady = true;
        this.options.onReady();
        return;
      }
      this.options.onMessage(message);
    }, undefined, this.disposables);
  }

  /** Closes the panel, to open it afresh. */
  close(): void {
    this.panel?.dispose();
  }

  /** Renames the open panel. */
  retitle(title: string): void {
    if (this.panel) this.panel.title = title;
  }

  /** Sends the page a message, when it listens. */
  post(message: Outgoing): void {
    if (this.ready) void this.panel!.webview.postMessage(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
