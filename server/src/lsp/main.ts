import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rules } from '../../../rules/index';
import { FIX_ALL_KIND, OVERFIT_TARGETS_REQUEST, type OverfitTargetsParams } from '../../../shared/protocol';
import { isSourceFile } from '../analysis/source';
import { Workspace, collectSourceFilesAsync } from '../analysis/workspace';
import { packageVersion } from '../docs';
import { codeActions, fixAllAction } from './code-actions';
import { overfitCodeLenses, overfitTargets } from './overfit';
import { SettingsStore } from './settings';
import { documentPath } from './uris';
import { Validator } from './validator';

// The transport (--stdio, --node-ipc, --socket) comes from the command line.
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace({
  onSkip: ({ file, reason }) => connection.console.info(`Skipped ${file}: ${reason}.`),
  onRuleFailure: ({ ruleId, error }) =>
    connection.console.error(`Rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
});
const settings = new SettingsStore(connection);
const validator = new Validator(connection, documents, workspace, settings, rules);
let folders: string[] = [];

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  settings.setClientSupport(capabilities.workspace?.configuration === true);
  folders = (params.workspaceFolders ?? []).flatMap((folder) => (folder.uri.startsWith('file:') ? [fileURLToPath(folder.uri)] : []));
  if (folders.length === 0 && params.rootUri?.startsWith('file:')) folders = [fileURLToPath(params.rootUri)];
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'tfjs-doctor', version: packageVersion() },
  };
});

connection.onInitialized(() => {
  void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
  void indexWorkspace();
});

/**
 * Learns which file imports which, so that a change to one re-checks the files that import it. Runs
 * in slices between requests: the first diagnostics never wait for it.
 */
async function indexWorkspace(): Promise<void> {
  const started = performance.now();
  const files = (await Promise.all(folders.map((folder) => collectSourceFilesAsync(folder)))).flat();
  workspace.addKnownFiles(files);
  await new Promise<void>((resolve) => {
    const slice = (): void => {
      if (workspace.indexPending(performance.now() + 10)) resolve();
      else setImmediate(slice);
    };
    setImmediate(slice);
  });
  connection.console.info(`Indexed the imports of ${files.length} source files in ${Math.round(performance.now() - started)} ms.`);
  // Files opened before the index was complete may be compiled or trained in files found since.
  validator.scheduleAll();
}

documents.onDidOpen(({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  workspace.setOverlay(file, document.getText());
  validator.schedule(document.uri);
});

documents.onDidChangeContent(async ({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  workspace.setOverlay(file, document.getText());
  if ((await settings.get(document.uri)).run !== 'onType') return;
  validator.schedule(document.uri);
  validator.scheduleDependents(file, document.uri);
});

documents.onDidSave(({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  validator.schedule(document.uri);
  validator.scheduleDependents(file, document.uri);
});

documents.onDidClose(({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  validator.clear(document.uri);
  settings.forget(document.uri);
  if (!file) return;
  workspace.clearOverlay(file);
  validator.scheduleDependents(file);
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  for (const change of changes) {
    if (!change.uri.startsWith('file:')) continue;
    const file = fileURLToPath(change.uri);
    if (!isSourceFile(file) && change.type !== FileChangeType.Deleted) continue;
    workspace.diskChanged(file);
    validator.scheduleDependents(file);
  }
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  validator.scheduleAll();
});

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const fixAll = fixAllAction(params, validator.diagnosticsOf(document.uri));
  return [...codeActions(params, document), ...(fixAll ? [fixAll] : [])];
});

connection.onCodeLens(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const file = document ? documentPath(document.uri, document.languageId) : undefined;
  if (!document || !file) return [];
  const current = await settings.get(document.uri);
  if (!current.enable || !current.codeLens || !workspace.isRelevant(file)) return [];
  return overfitCodeLenses(workspace, document, file, params);
});

connection.onRequest(OVERFIT_TARGETS_REQUEST, async (params: OverfitTargetsParams) => {
  const document = documents.get(params.uri);
  const file = document ? documentPath(document.uri, document.languageId) : params.uri.startsWith('file:') ? fileURLToPath(params.uri) : undefined;
  if (!file) return { targets: [], causes: {}, file: '' };
  return overfitTargets(workspace, file, rules, await settings.get(params.uri));
});

documents.listen(connection);
connection.listen();
connection.console.info(`tfjs-doctor ${packageVersion()} language server started (${path.basename(process.execPath)} ${process.version}).`);
