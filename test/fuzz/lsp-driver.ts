/**
 * Feeds inputs to one long-lived language server: each input's files are written to the workspace
 * and go through an editing storm (lsp-storm.ts); then the server must be alive, quiet on stderr,
 * free of logged errors and within its memory limit. A server that crashed or hung is replaced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Corpus } from './corpus';
import { MEMORY_LIMIT_MB, describeError, hasStackTrace, oneLine, type Failure } from './failure';
import { inputFolder, writeInput, type FuzzInput } from './input';
import { LspServer } from './lsp-server';
import { Storm, type LspOptions } from './lsp-storm';
import { Random, inputSeed } from './prng';

export type { LspOptions } from './lsp-storm';

/** The generator stream of an input's storm (the input itself is stream 0). */
const STORM_STREAM = 1;

export class LspFuzzer {
  /** Server restarts after a crash or hang. */
  restarts = 0;
  /** Resident memory of the server after each input, in MB. */
  readonly residentAfterInput: number[] = [];
  private peakMb = 0;
  private server: LspServer | undefined;
  requests = 0;
  events = 0;

  constructor(
    private readonly root: string,
    private readonly corpus: Corpus,
    private readonly options: LspOptions,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  }

  get peakResidentMb(): number {
    return Math.max(this.peakMb, this.server?.peakResidentMb() ?? 0);
  }

  private async ensureServer(): Promise<LspServer> {
    if (this.server?.alive) return this.server;
    if (this.server) {
      this.peakMb = Math.max(this.peakMb, this.server.peakResidentMb() ?? 0);
      await this.server.kill();
      this.restarts++;
    }
    this.server = await LspServer.start(this.root, this.options.requestTimeoutMs * 3);
    this.server.trace = this.options.trace;
    return this.server;
  }

  async runInput(input: FuzzInput): Promise<Failure[]> {
    let server: LspServer;
    try {
      server = await this.ensureServer();
    } catch (error) {
      return [{ kind: 'crash', target: 'lsp', check: 'server-start', message: error instanceof Error ? error.message : String(error) }];
    }
    server.takeOutput();
    const peakBefore = server.peakResidentMb() ?? 0;
    const dir = path.join(this.root, inputFolder(input));
    fs.rmSync(dir, { recursive: true, force: true });
    writeInput(input, dir);
    const storm = new Storm(server, new Random(inputSeed(input.seed, input.index, STORM_STREAM)), this.corpus, this.options, dir, input.files);
    let failures: Failure[];
    try {
      failures = await storm.run();
    } catch (error) {
      // The storm broke off with documents open: the next input gets a fresh server.
      await server.kill();
      throw error;
    } finally {
      this.requests += storm.requests;
      this.events += storm.events;
      fs.rmSync(dir, { recursive: true, force: true });
      storm.forgetFiles();
    }
    failures.push(...serverHealth(server));
    const peakAfter = server.peakResidentMb() ?? 0;
    if (peakAfter > MEMORY_LIMIT_MB && peakAfter > peakBefore) {
      failures.push({ kind: 'invalid', target: 'lsp', check: 'peak-memory', message: `the server's resident memory reached ${Math.round(peakAfter)} MB, over ${MEMORY_LIMIT_MB} MB` });
    }
    const resident = await server.collectedResidentMb();
    if (resident !== undefined) this.residentAfterInput.push(resident);
    this.peakMb = Math.max(this.peakMb, server.peakResidentMb() ?? 0);
    // After a hang the server may still be busy with this input: start the next one afresh.
    if (failures.some((failure) => failure.kind === 'hang' || failure.kind === 'crash') && server.alive) await server.kill();
    return failures;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.peakMb = Math.max(this.peakMb, this.server.peakResidentMb() ?? 0);
    await this.server.stop();
  }
}

/** Death, stack traces on stderr and errors the server logged while it handled an input. */
function serverHealth(server: LspServer): Failure[] {
  const failures: Failure[] = [];
  if (!server.alive) failures.push({ kind: 'crash', target: 'lsp', check: 'server-exit', message: `the server ended: ${server.exitStatus}` });
  const { stderr, errors } = server.takeOutput();
  if (hasStackTrace(stderr)) failures.push({ kind: 'crash', target: 'lsp', check: 'stderr-stack', message: `stack trace on stderr: ${oneLine(describeError(stderr), 200)}`, detail: stderr.slice(0, 4000) });
  else if (stderr.trim().length > 0) failures.push({ kind: 'invalid', target: 'lsp', check: 'stderr', message: `wrote to stderr: ${oneLine(stderr, 200)}` });
  for (const error of errors) failures.push({ kind: 'crash', target: 'lsp', check: 'logged-error', message: `logged an error: ${oneLine(describeError(error), 200)}`, detail: error.slice(0, 4000) });
  return failures;
}
