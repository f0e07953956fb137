import * as vscode from 'vscode';

/** Where the walkthrough's example lives: the extension's own storage, never the user's files. */
function exampleUri(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, 'example', 'spam-filter.js');
}

/**
 * Opens the walkthrough's example model. Each time it starts again from the shipped copy, with its
 * mistake, unless the open copy has unsaved edits, which are kept.
 */
export async function openExample(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
  const target = exampleUri(context);
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === target.toString());
  if (!open?.isDirty) {
    const shipped = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'walkthrough', 'example-model.js'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
    await vscode.workspace.fs.writeFile(target, shipped);
  }
  const document = open ?? (await vscode.workspace.openTextDocument(target));
  // Opened from the walkthrough (or any page that is not a text editor), the example goes beside
  // it, and not as a preview, which would take the page's place.
  const fromPage = vscode.window.tabGroups.activeTabGroup.activeTab !== undefined && !(vscode.window.tabGroups.activeTabGroup.activeTab.input instanceof vscode.TabInputText);
  return vscode.window.showTextDocument(document, { preview: false, ...(fromPage ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
}
