/** The files a panel may open for its messages, and how a line of one is shown. */
import * as vscode from 'vscode';

/**
 * The file a panel message names, if the panel may open it: a file of the run it shows, inside the
 * workspace or already open in the editor. Anything else is ignored with a line in the log, since
 * the page's messages are not trusted to name files.
 */
export function panelFile(file: string, ofRun: boolean, output: vscode.LogOutputChannel, refusal: string): vscode.Uri | undefined {
  const uri = vscode.Uri.file(file);
  const reachable = vscode.workspace.getWorkspaceFolder(uri) !== undefined || vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
  if (ofRun && reachable) return uri;
  output.warn(refusal);
  return undefined;
}

/** Opens the file in the first column with the cursor at the start of the 1-based line, in view. */
export async function revealLine(file: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(file);
  const position = new vscode.Position(Math.max(line - 1, 0), 0);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
