import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  FileChangeType,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  TextEdit,
  createProtocolConnection,
  type CodeActionParams,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { serverEnvironment } from '../../shared/server-environment';

/** The bundled server, as the extension starts it. */
export const SERVER = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

interface Waiter {
  readonly uri: string;
  readonly accept: (params: PublishDiagnosticsParams) => boolean;
  readonly resolve: (params: PublishDiagnosticsParams) => void;
}

export interface LspClientOptions {
  /** Adds to the environment the extension gives the server. */
  readonly env?: NodeJS.ProcessEnv;
  /** Node options for the server process (tests only: the extension starts it without any). */
  readonly execArgv?: readonly string[];
}

export interface InitializeOptions {
  /** Whether the editor accepts versioned `documentChanges` in workspace edits (VS Code does). */
  readonly documentChanges?: boolean;
}

/**
 * A minimal editor for tests: starts the bundled language server over stdio, answers its
 * configuration requests from `settings`, and lets tests wait for published diagnostics.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};
  private readonly process: cp.ChildProcess;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly counts = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  private configurationHeld: Promise<void> | undefined;

  constructor(options: LspClientOptions = {}) {
    this.process = cp.spawn(process.execPath, [...(options.execArgv ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: serverEnvironment({ ...process.env, ...options.env }),
    });
    this.process.stderr!.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      this.counts.set(params.uri, (this.counts.get(params.uri) ?? 0) + 1);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.accept(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await this.configurationHeld;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest(RegistrationRequest.method, () => null);
    this.connection.listen();
  }

  async initialize(rootPath?: string, options: InitializeOptions = {}): Promise<void> {
    const rootUri = rootPath ? uriOf(rootPath) : null;
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'test' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: options.documentChanges ?? true },
        },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, languageId = 'typescript'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChangedOnDisk(uris: readonly string[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: uris.map((uri) => ({ uri, type: FileChangeType.Changed as FileChangeType })) });
  }

  /** How many times diagnostics were published for `uri`. */
  publishCount(uri: string): number {
    return this.counts.get(uri) ?? 0;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
  }

  /**
   * Keeps the server waiting for the settings it asks for until the returned function is called:
   * its handlers that need settings wait meanwhile.
   */
  holdConfiguration(): () => void {
    let release!: () => void;
    this.configurationHeld = new Promise((resolve) => (release = resolve));
    return () => {
      this.configurationHeld = undefined;
      release();
    };
  }

  /** The next diagnostics published for `uri` that satisfy `accept` (or the latest, if they already do). */
  diagnostics(uri: string, accept: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const test = (params: PublishDiagnosticsParams): boolean => accept(params.diagnostics, params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri}; last: ${JSON.stringify(this.latest.get(uri)?.diagnostics.map((d) => d.code))}\n${this.logs.join('\n')}`)), timeoutMs);
      this.waiters.push({
        uri,
        accept: test,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params.diagnostics);
        },
      });
    });
  }

  /** The code actions the server offers (it sends no bare commands). */
  async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const actions = (await this.connection.sendRequest(CodeActionRequest.type, params)) ?? [];
    return actions.filter((action): action is CodeAction => CodeAction.is(action));
  }

  /** Diagnostics published for a given document version. */
  diagnosticsForVersion(uri: string, version: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.diagnostics(uri, (_, params) => params.version === undefined || params.version >= version, timeoutMs);
  }

  /** Writes bytes to the server's input as they are, around the protocol connection. */
  writeRaw(bytes: string): void {
    this.process.stdin!.write(bytes);
  }

  /** The server process's exit code (or signal) once it has exited, or undefined after `timeoutMs`. */
  exited(timeoutMs: number): Promise<number | string | undefined> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) return resolve(this.process.exitCode ?? this.process.signalCode ?? undefined);
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.process.once('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(code ?? signal ?? undefined);
      });
    });
  }

  /** The server process's id. */
  get pid(): number {
    return this.process.pid!;
  }

  /** The server process's resident memory, from /proc (Linux), in MB. */
  residentMemoryMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Math.round(Number(kb) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    const exited = (): boolean => this.process.exitCode !== null || this.process.signalCode !== null;
    try {
      // A server that no longer reads its input never answers: it is ended below.
      if (!exited()) {
        const answered = await Promise.race([this.connection.sendRequest(ShutdownRequest.type).then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000))]);
        if (answered) await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // Already gone.
    }
    await new Promise<void>((resolve) => {
      if (exited()) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 2000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

/**
 * What a workspace edit does to one document: its edits, and the version they are for (a number or
 * null with versioned `documentChanges`; undefined with plain `changes`). Undefined when it leaves
 * the document alone.
 */
export function documentEdits(edit: WorkspaceEdit | undefined, uri: string): { readonly version: number | null | undefined; readonly edits: readonly TextEdit[] } | undefined {
  if (edit?.documentChanges) {
    const changes = edit.documentChanges.filter((change): change is TextDocumentEdit => TextDocumentEdit.is(change) && change.textDocument.uri === uri);
    if (changes.length === 0) return undefined;
    assert.equal(changes.length, 1, 'one entry per document');
    const edits = changes[0]!.edits.filter((entry): entry is TextEdit => TextEdit.is(entry));
    assert.equal(edits.length, changes[0]!.edits.length, 'plain text edits only');
    return { version: changes[0]!.textDocument.version, edits };
  }
  const edits = edit?.changes?.[uri];
  return edits ? { version: undefined, edits } : undefined;
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}
