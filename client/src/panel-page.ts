/** The page of a panel's webview: its script and styles from dist/, under a strict Content Security Policy. */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The script nonce of the page's Content Security Policy: unguessable, so from a secure source. */
function nonce(): string {
  return randomBytes(24).toString('base64');
}

/** A page that loads `script` (a file of dist/) with the chart's and the panels' styles, and nothing else. */
export function panelPage(webview: vscode.Webview, dist: vscode.Uri, script: string, title: string): string {
  const scriptNonce = nonce();
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(dist, script));
  const chartStyle = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'uPlot.min.css'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${chartStyle.toString()}">
<link rel="stylesheet" href="${style.toString()}">
<title>${title}</title>
</head>
<body>
<main id="app" aria-live="polite"></main>
<script nonce="${scriptNonce}" src="${scriptUri.toString()}"></script>
</body>
</html>`;
}
