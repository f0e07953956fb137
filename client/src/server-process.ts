import * as cp from 'node:child_process';
import * as vscode from 'vscode';
import { IPCMessageReader, IPCMessageWriter, type MessageTransports } from 'vscode-languageclient/node';
import { serverEnvironment } from '../../shared/server-environment';

/** How long a stopped server may take to exit by itself before it is ended. */
const EXIT_GRACE_MS = 2_000;
/** The port a debugger attaches to when the extension itself runs under a debugger. */
const DEBUG_PORT = 6011;

/**
 * The language server's processes. The first one starts as soon as this object is made, inside
 * activate(): opening a JavaScript or TypeScript file activates other extensions too (TypeScript's
 * among them), and once activate() yields the extension host's event loop they run first, which
 * delayed the process by most of a second on a busy machine. The client gets that process when it
 * starts, and a new one on every restart.
 */
export class ServerProcesses implements vscode.Disposable {
  private readonly running = new Set<cp.ChildProcess>();
  private waiting: cp.ChildProcess | undefined;

  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.OutputChannel,
  ) {
    this.waiting = this.spawn();
  }

  /** The client's server options: connects to the waiting process, or starts one. */
  readonly connect = async (): Promise<MessageTransports> => {
    const child = this.waiting ?? this.spawn();
    this.waiting = undefined;
    // Any other process belongs to a client session that has ended (a restart).
    for (const previous of this.running) if (previous !== child) this.endLater(previous);
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child), detached: false };
  };

  dispose(): void {
    for (const child of this.running) child.kill();
  }

  private spawn(): cp.ChildProcess {
    const underDebugger = process.execArgv.some((arg) => /^--inspect(-brk)?(=|$)/.test(arg));
    const child = cp.fork(this.serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], {
      env: serverEnvironment(),
      execArgv: underDebugger ? ['--nolazy', `--inspect=${DEBUG_PORT}`] : [],
      silent: true,
    });
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    child.once('error', (error) => this.output.appendLine(`The language server process failed: ${error.message}`));
    const forward = (chunk: Buffer): void => this.output.append(chunk.toString());
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    return child;
  }

  /** A stopped server exits when the client says so; one that does not is ended. */
  private endLater(child: cp.ChildProcess): void {
    setTimeout(() => {
      if (this.running.has(child)) child.kill();
    }, EXIT_GRACE_MS).unref();
  }
}
