import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RequestType } from 'vscode-languageserver-protocol';
import { FIX_ALL_KIND, LEARNING_RATE_EDIT_REQUEST, OVERFIT_TARGETS_REQUEST, TRAINING_FIX_REQUEST } from '../../../shared/protocol';
import { packageVersion } from '../docs';
import type { Analysis } from './analysis';
import { codeActions, fixAllAction, wantsFixAll, type EditTargets } from './code-actions';
import { cancelled, invalidParams, learningRateEditParams, overfitTargetsParams, trainingFixParams } from './requests';
import { SettingsStore } from './settings';
import { createServerConnection } from './transport';
import { documentPath, isInsideFolders, pathUri } from './uris';

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
const settings = new SettingsStore(connection);
let folders: string[] = [];
/** Whether the editor takes versioned `documentChanges` in workspace edits. */
let documentChanges = false;

let analysis: Promise<Analysis> | undefined;
/**
 * The analysis, loaded on first use (the build makes it a bundle of its own, which the server loads
 * through V8's code cache). Every handler awaits the same promise, so events keep their order while
 * it loads.
 */
function loadAnalysis(): Promise<Analysis> {
  if (analysis) return analysis;
  const started = performance.now();
  analysis = import('./analysis.js').then(({ createAnalysis }) => {
    const loaded = createAnalysis(connection, documents, settings);
    connection.console.info(`Loaded the analysis in ${Math.round(performance.now() - started)} ms.`);
    return loaded;
  });
  return analysis;
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  settings.setClientSupport(capabilities.workspace?.configuration === true);
  documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
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

/** Learns which file imports which, so that a change to one re-checks the files that import it. */
async function indexWorkspace(): Promise<void> {
  const { indexWorkspace, validator } = await loadAnalysis();
  const started = performance.now();
  const count = await indexWorkspace(folders);
  connection.console.info(`Indexed the imports of ${count} source files in ${Math.round(performance.now() - started)} ms.`);
  // Files opened before the index was complete may be compiled or trained in files found since.
  validator.scheduleAll();
}

documents.onDidOpen(async ({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  const { workspace, validator } = await loadAnalysis();
  workspace.setOverlay(file, document.getText());
  validator.schedule(document.uri);
});

documents.onDidChangeContent(async ({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  const { workspace, validator } = await loadAnalysis();
  workspace.setOverlay(file, document.getText());
  if ((await settings.get(document.uri)).run !== 'onType') return;
  validator.schedule(document.uri);
  validator.scheduleDependents(file, document.uri);
});

documents.onDidSave(async ({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  if (!file) return;
  const { validator } = await loadAnalysis();
  validator.schedule(document.uri);
  validator.scheduleDependents(file, document.uri);
});

documents.onDidClose(async ({ document }) => {
  const file = documentPath(document.uri, document.languageId);
  settings.forget(document.uri);
  const { workspace, validator } = await loadAnalysis();
  validator.clear(document.uri);
  if (!file) return;
  // Which open documents read the closed one is known from the runs the workspace is about to let go.
  validator.scheduleDependents(file);
  workspace.forget(file);
});

connection.onDidChangeWatchedFiles(async ({ changes }) => {
  const { workspace, validator, isLintedFile } = await loadAnalysis();
  for (const change of changes) {
    if (!change.uri.startsWith('file:')) continue;
    const file = fileURLToPath(change.uri);
    if (!isLintedFile(file) && change.type !== FileChangeType.Deleted) continue;
    workspace.diskChanged(file);
    validator.scheduleDependents(file);
  }
});

connection.onDidChangeConfiguration(async () => {
  settings.clear();
  (await loadAnalysis()).validator.scheduleAll();
});

connection.onCodeAction(async (params, token) => {
  if (!documents.get(params.textDocument.uri)) return [];
  const { validator } = await loadAnalysis();
  if (token.isCancellationRequested) return cancelled();
  // The fixes of a check of the text the editor has now: the published ones may be of an older text.
  const check = await validator.currentCheck(params.textDocument.uri);
  const document = documents.get(params.textDocument.uri);
  if (!check || !document) return [];
  if (token.isCancellationRequested) return cancelled();
  const targets: EditTargets = { documentChanges, target: (uri) => validator.editTarget(uri) };
  const fixAll = wantsFixAll(params) ? fixAllAction(check, targets) : undefined;
  return [...codeActions(params, check, targets), ...(fixAll ? [fixAll] : [])];
});

connection.onCodeLens(async (params, token) => {
  const document = documents.get(params.textDocument.uri);
  const file = document ? documentPath(document.uri, document.languageId) : undefined;
  if (!document || !file) return [];
  const current = await settings.get(document.uri);
  const { workspace, overfitCodeLenses, trainingCodeLens, isHtmlFile } = await loadAnalysis();
  if (token.isCancellationRequested) return cancelled();
  if (!current.enable || !current.codeLens || !workspace.isRelevant(file)) return [];
  // The overfit check rebuilds a page's models from its scripts; a training run runs a module, which a page is not.
  return [...overfitCodeLenses(workspace, document, file, params), ...(isHtmlFile(file) ? [] : trainingCodeLens(workspace, document, file, params))];
});

/**
 * Registers the handler of a request of shared/protocol.ts. Its parameters arrive as the client
 * sent them, for the handler to check; its result is the request's.
 */
function onProtocolRequest<R>(type: RequestType<unknown, R, void>, handler: (params: unknown, token: CancellationToken) => Promise<R | ResponseError<void>>): void {
  connection.onRequest(type.method, handler);
}

onProtocolRequest(OVERFIT_TARGETS_REQUEST, async (raw, token) => {
  const params = overfitTargetsParams(raw);
  if (params instanceof ResponseError) return params;
  const { workspace, rules, overfitTargets, isSourceFile, isHtmlFile } = await loadAnalysis();
  // An open document, or a file of the workspace: the request analyses no other file.
  const document = documents.get(params.uri);
  const file = document ? documentPath(document.uri, document.languageId) : params.uri.startsWith('file:') ? filePathOf(params.uri) : undefined;
  if (!document && (!file || !isInsideFolders(file, folders))) {
    return invalidParams(`tfjsDoctor/overfitTargets: ${params.uri} is neither open in the editor nor a file inside a workspace folder.`);
  }
  // An open document is JavaScript, TypeScript or HTML by its language; a file on disk, by its
  // extension. A page's models are rebuilt from its inline scripts.
  if (!file || (!document && !isSourceFile(file) && !isHtmlFile(file))) return invalidParams(`tfjsDoctor/overfitTargets: ${params.uri} is not a JavaScript, TypeScript or HTML file.`);
  // Settings are kept for open documents only: they are forgotten when the document closes.
  const current = document ? await settings.get(params.uri) : await settings.read(params.uri);
  if (token.isCancellationRequested) return cancelled();
  return overfitTargets(workspace, file, rules, current);
});

onProtocolRequest(LEARNING_RATE_EDIT_REQUEST, async (raw, token) => {
  const params = learningRateEditParams(raw);
  if (params instanceof ResponseError) return params;
  const { workspace, modelLearningRateEdit, isSourceFile } = await loadAnalysis();
  const document = documents.get(params.uri);
  const file = document ? documentPath(document.uri, document.languageId) : params.uri.startsWith('file:') ? filePathOf(params.uri) : undefined;
  // Only the editor's documents and the workspace's files: the edit changes nothing else.
  if (!file || (!document && (!isInsideFolders(file, folders) || !isSourceFile(file)))) {
    return invalidParams(`tfjsDoctor/learningRateEdit: ${params.uri} is neither open in the editor nor a JavaScript or TypeScript file inside a workspace folder.`);
  }
  if (token.isCancellationRequested) return cancelled();
  return modelLearningRateEdit(workspace, file, params.line, params.learningRate, pathUri);
});

onProtocolRequest(TRAINING_FIX_REQUEST, async (raw, token) => {
  const params = trainingFixParams(raw);
  if (params instanceof ResponseError) return params;
  const { workspace, validator, trainingFixResult, isSourceFile } = await loadAnalysis();
  const file = params.fix.at.file;
  // A file open in the editor, or a module inside a workspace folder: the request edits no other file.
  const open = documents.all().some((document) => documentPath(document.uri, document.languageId) === file);
  if (!open && (!path.isAbsolute(file) || !isInsideFolders(file, folders) || !isSourceFile(file))) {
    return invalidParams(`tfjsDoctor/trainingFix: ${file} is neither open in the editor nor a module inside a workspace folder.`);
  }
  if (token.isCancellationRequested) return cancelled();
  return trainingFixResult(workspace, params.fix, (uri) => validator.editTarget(uri), documentChanges);
});

function filePathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

documents.listen(connection);
connection.listen();
connection.console.info(`tfjs-doctor ${packageVersion()} language server started (${path.basename(process.execPath)} ${process.version}).`);
