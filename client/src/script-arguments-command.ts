/**
 * The `tfjsDoctor.scriptArguments` setting in the editor: the arguments a script runs with, and the
 * "Set Script Arguments" command, which asks for the open file's and writes them to the settings of
 * its workspace folder (the user's settings for a file outside every folder).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SCRIPT_LANGUAGE_IDS } from '../../shared/protocol';
import { argumentLine, mergedScriptArguments, parseArgumentLine, scriptArgumentsFor, SCRIPT_ARGUMENTS_SETTING, slashed, withScriptArguments, type ScriptArgumentsMap, type ScriptPlace } from './script-arguments';

/** Where the file is, as the setting's keys name it. */
function placeOf(uri: vscode.Uri): ScriptPlace {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relative = folder ? slashed(path.relative(folder.uri.fsPath, uri.fsPath)) : undefined;
  return { absolute: uri.fsPath, ...(relative !== undefined && relative.length > 0 ? { relative } : {}) };
}

/** The arguments the settings give the script; a workspace's own values count only when it is trusted. */
export function scriptArgumentsOf(uri: vscode.Uri, trusted: boolean): readonly string[] {
  const scopes = vscode.workspace.getConfiguration('tfjsDoctor', uri).inspect(SCRIPT_ARGUMENTS_SETTING);
  return scriptArgumentsFor(mergedScriptArguments(scopes, trusted), placeOf(uri));
}

/** The file the command is for: its argument, or the file of the active (or a visible) script editor. */
function fileToSet(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument.length > 0) return vscode.Uri.parse(argument);
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((candidate) => SCRIPT_LANGUAGE_IDS.includes(candidate.document.languageId));
  return editor?.document.uri;
}

/**
 * "Set Script Arguments": asks for the file's arguments as a command line, prefilled with what the
 * settings give it now, and writes them under the file's own key. Gives the arguments written, or
 * undefined when the user cancelled or there is no file.
 */
export async function setScriptArguments(argument?: unknown): Promise<readonly string[] | undefined> {
  const uri = fileToSet(argument);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('tfjs-doctor: open the script to give arguments to, then run "Set Script Arguments" again.');
    return undefined;
  }
  const place = placeOf(uri);
  const name = path.basename(uri.fsPath);
  const current = scriptArgumentsOf(uri, true);
  const line = await vscode.window.showInputBox({
    title: `Arguments of ${name}`,
    prompt: `The check and training runs run it as: node ${name} <arguments>. Quote an argument with spaces; leave empty for none.`,
    value: argumentLine(current),
    placeHolder: '--epochs 1 data/train.csv',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseArgumentLine(text);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (line === undefined) return undefined;
  const parsed = parseArgumentLine(line);
  if ('error' in parsed) return undefined;

  // The folder's settings when the file is in one, so that the arguments travel with the project.
  const config = vscode.workspace.getConfiguration('tfjsDoctor', uri);
  const scopes = config.inspect<ScriptArgumentsMap>(SCRIPT_ARGUMENTS_SETTING);
  const inFolder = place.relative !== undefined;
  const target = inFolder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
  const existing = mergedScriptArguments(inFolder ? { workspaceFolderValue: scopes?.workspaceFolderValue } : { globalValue: scopes?.globalValue }, true);
  const key = place.relative ?? slashed(place.absolute);
  try {
    await config.update(SCRIPT_ARGUMENTS_SETTING, withScriptArguments(existing, key, parsed.args), target);
  } catch (error) {
    void vscode.window.showErrorMessage(`tfjs-doctor: the arguments could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const shown = parsed.args.length > 0 ? `node ${name} ${argumentLine(parsed.args)}` : `node ${name} (no arguments)`;
  void vscode.window.setStatusBarMessage(`tfjs-doctor: ${name} now runs as ${shown}.`, 5000);
  if (!vscode.workspace.isTrusted) void vscode.window.showInformationMessage('tfjs-doctor: the arguments are saved; the script runs with them once the workspace is trusted (Restricted Mode runs none of its code).');
  return parsed.args;
}
