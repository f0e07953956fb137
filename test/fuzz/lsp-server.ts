/**
 * The language server under test, started as test/support/lsp-client.ts starts it, with what the
 * fuzzer needs on top: time limits on every request, its stderr apart from its log messages, and
 * the version of the last diagnostics published before each answer.
 */
import * as cp from 'node:child_process';
import * as path from 'node:path';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { serverEnvironment } from '../../shared/server-environment';
import { SERVER, uriOf } from '../support/lsp-client';
import { unprivileged } from './input';
import { memoryMb } from './processes';

export type Answer<T> =
  | { readonly status: 'ok'; readonly value: T; readonly ms: number; /** Version of the diagnostics last published for the request's document before the answer. */ readonly publishedVersion: number | undefined }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'timeout' }
  | { readonly status: 'dead' };

interface Waiter {
  readonly uri: string;
  readonly version: number;
  readonly resolve: (params: PublishDiagnosticsParams | undefined) => void;
}

/** LSP's MessageType.Error. */
const LOG_ERROR = 1;

export class LspServer {
  readonly pid: number;
  /** Settings the server reads (the `tfjsDoctor` section). */
  settings: Record<string, unknown> = {};
  /** Told of every message sent and of every diagnostics received, when set (for --trace). */
  trace: ((line: string) => void) | undefined;
  private readonly process: cp.ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private waiters: Waiter[] = [];
  private stderr = '';
  private errorLogs: string[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Requests waiting for an answer, told when the process ends. */
  private readonly pending = new Set<() => void>();

  private constructor() {
    // Test-only: the server collects its garbage on a signal, so that memory is read without it.
    const collector = path.join(__dirname, '..', 'support', 'collect-garbage-on-signal.js');
    this.process = cp.spawn(process.execPath, ['--expose-gc', '--require', collector, SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: serverEnvironment({ ...process.env }),
      ...unprivileged(),
    });
    this.pid = this.process.pid ?? -1;
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.process.on('exit', (code, signal) => {
      this.exit = { code, signal };
      for (const waiter of this.waiters.splice(0)) waiter.resolve(undefined);
      for (const onExit of [...this.pending]) onExit();
    });
    // Writes to a server that died fail; the oracles report the death itself.
    this.process.stdin!.on('error', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onError(() => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.trace?.(`<- diagnostics ${params.uri} version ${params.version}: ${params.diagnostics.map((diagnostic) => String(diagnostic.code)).join(', ')}`);
      this.latest.set(params.uri, params);
      const ready = this.waiters.filter((waiter) => waiter.uri === params.uri && params.version !== undefined && params.version >= waiter.version);
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve(params);
    });
    this.connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === LOG_ERROR) this.errorLogs.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.method, () => null);
    this.connection.listen();
  }

  static async start(root: string, timeoutMs: number): Promise<LspServer> {
    const server = new LspServer();
    const rootUri = uriOf(root);
    const answer = await server.request(
      InitializeRequest.method,
      {
        // A server running as another user cannot signal this process, and would take it for dead.
        processId: unprivileged().uid === undefined ? process.pid : null,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'fuzz' }],
        capabilities: {
          workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
          textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true } },
        },
      },
      undefined,
      timeoutMs,
    );
    if (answer.status !== 'ok') {
      await server.stop();
      throw new Error(`the language server did not start: ${answer.status === 'error' ? answer.message : answer.status}`);
    }
    server.notify(InitializedNotification.method, {});
    return server;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** How the process ended, if it did. */
  get exitStatus(): string | undefined {
    return this.exit && (this.exit.signal ? `killed by ${this.exit.signal}` : `exit code ${this.exit.code}`);
  }

  notify(method: string, params: unknown): void {
    if (!this.alive) return;
    this.trace?.(`-> ${method} ${summary(params)}`);
    this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** Sends a request; `uri` names the document whose published diagnostics the answer depends on. */
  request<T>(method: string, params: unknown, uri: string | undefined, timeoutMs: number): Promise<Answer<T>> {
    if (!this.alive) return Promise.resolve({ status: 'dead' });
    this.trace?.(`-> ${method} ${summary(params)}`);
    const started = performance.now();
    return new Promise((resolve) => {
      const settle = (answer: Answer<T>): void => {
        clearTimeout(timer);
        this.pending.delete(onExit);
        resolve(answer);
      };
      const onExit = (): void => settle({ status: 'dead' });
      const timer = setTimeout(() => settle({ status: this.alive ? 'timeout' : 'dead' }), timeoutMs);
      this.pending.add(onExit);
      this.connection.sendRequest(method, params).then(
        // Messages are handled one at a time, in the order they arrive: the diagnostics seen now are the last the server sent before its answer.
        (value) => settle({ status: 'ok', value: value as T, ms: performance.now() - started, publishedVersion: uri === undefined ? undefined : this.latest.get(uri)?.version }),
        (error: unknown) => settle(this.alive ? { status: 'error', message: error instanceof Error ? error.message : String(error) } : { status: 'dead' }),
      );
    });
  }

  /** The diagnostics last published for a document. */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(uri);
  }

  /** The first diagnostics published for `version` of a document or a later one (undefined after the time limit or if the server dies). */
  diagnosticsFor(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams | undefined> {
    const current = this.latest.get(uri);
    if (current?.version !== undefined && current.version >= version) return Promise.resolve(current);
    if (!this.alive) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        uri,
        version,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Forgets what was published for a document (it was closed). */
  forget(uri: string): void {
    this.latest.delete(uri);
  }

  changeSettings(settings: Record<string, unknown>): void {
    this.trace?.(`   (settings now ${JSON.stringify(settings)})`);
    this.settings = settings;
    this.notify(DidChangeConfigurationNotification.method, { settings: {} });
  }

  /** What the server wrote to stderr and logged as errors since the last call. */
  takeOutput(): { stderr: string; errors: string[] } {
    // A collector's line that came after collectedResidentMb stopped waiting for it (on a busy
    // machine) is not output of the server under test either.
    const output = { stderr: this.stderr.replace(/collected garbage: [^\n]*\n/g, ''), errors: this.errorLogs };
    this.stderr = '';
    this.errorLogs = [];
    return output;
  }

  residentMb(): number | undefined {
    return memoryMb(this.pid, 'VmRSS');
  }

  /**
   * The resident memory once the server has collected its garbage: what it keeps, not what V8 has
   * yet to free. Undefined when the server does not answer the signal in time.
   */
  async collectedResidentMb(): Promise<number | undefined> {
    if (!this.alive) return undefined;
    const marker = 'collected garbage';
    const before = this.stderr.split(marker).length;
    this.process.kill('SIGUSR2');
    const deadline = Date.now() + 5000;
    while (this.alive && this.stderr.split(marker).length === before) {
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The collector's own line is not output of the server under test.
    this.stderr = this.stderr.replace(/collected garbage: [^\n]*\n/g, '');
    // V8 gives freed pages back to the system shortly after a full collection.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return this.residentMb();
  }

  peakResidentMb(): number | undefined {
    return memoryMb(this.pid, 'VmHWM');
  }

  /** Shuts the server down politely, then by force. */
  async stop(): Promise<void> {
    if (this.alive) {
      await this.request(ShutdownRequest.method, undefined, undefined, 2000);
      this.notify(ExitNotification.method, undefined);
      await new Promise<void>((resolve) => {
        if (!this.alive) return resolve();
        const timer = setTimeout(() => {
          this.process.kill('SIGKILL');
        }, 2000);
        this.process.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }

  /** Ends the process at once (after a hang). */
  async kill(): Promise<void> {
    if (this.alive) {
      const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
      this.process.kill('SIGKILL');
      await exited;
    }
    this.connection.dispose();
  }
}

/** A message's parameters in one line: long texts shortened. */
function summary(params: unknown): string {
  const text = JSON.stringify(params, (_, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 40)}...(${value.length} characters)` : value)) ?? '';
  return text.length > 400 ? `${text.slice(0, 400)}...` : text;
}
