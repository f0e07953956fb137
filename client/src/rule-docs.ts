import * as vscode from 'vscode';

const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The documentation page of a rule, as shipped inside the extension. */
export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'rules', `${ruleId}.md`);
}

interface RuleSchema {
  readonly properties?: Record<string, { readonly description?: string }>;
}

/** The rule ids and descriptions the manifest declares under `tfjsDoctor.rules`. */
function knownRules(context: vscode.ExtensionContext): { id: string; description: string }[] {
  const manifest = context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, RuleSchema> } } };
  const properties = manifest.contributes?.configuration?.properties?.['tfjsDoctor.rules']?.properties ?? {};
  return Object.entries(properties).map(([id, schema]) => ({ id, description: schema.description ?? '' }));
}

/** Opens a rule's page in the Markdown preview; asks which rule when none is given. */
export async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId: unknown): Promise<void> {
  let id = typeof ruleId === 'string' ? ruleId : undefined;
  if (id === undefined) {
    const picked = await vscode.window.showQuickPick(
      knownRules(context).map((rule) => ({ label: rule.id, detail: rule.description })),
      { placeHolder: 'Which rule?' },
    );
    id = picked?.label;
  }
  if (id === undefined) return;
  if (!RULE_ID.test(id)) {
    void vscode.window.showErrorMessage(`tfjs-doctor has no rule named "${id}".`);
    return;
  }
  const uri = ruleDocUri(context.extensionUri, id);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    void vscode.window.showErrorMessage(`tfjs-doctor has no documentation for "${id}".`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
