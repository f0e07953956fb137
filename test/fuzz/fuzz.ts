/** A fuzz run: makes inputs from the seed, feeds them to the language server and the command line, and reports. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliDriver, chooseVariant, describeVariant, type CliVariant } from './cli-driver';
import { loadCorpus } from './corpus';
import { signature, type Failure } from './failure';
import { generateInput } from './generate';
import type { FuzzInput } from './input';
import { LspFuzzer } from './lsp-driver';
import { minimize } from './minimize';
import { MAX_FILE_BYTES } from './mutators/mutator';
import { descendants, type ProcessInfo } from './processes';
import { Random, inputSeed } from './prng';
import { Report, type DistinctFailure, type Figures } from './report';

export interface FuzzOptions {
  readonly seed: number;
  /** How many inputs to make, at most. */
  readonly inputs: number;
  /** Stop making inputs after this many minutes. */
  readonly minutes?: number;
  /** Inputs given instead of made from the seed (replay). */
  readonly replay?: readonly FuzzInput[];
  /** Inputs per command line run. */
  readonly batchSize: number;
  readonly cli: boolean;
  readonly lsp: boolean;
  /** Start input i with mutator i, so that a short run uses every mutator. */
  readonly coverFirst: boolean;
  /** The largest file an input may have, in bytes. */
  readonly maxFileBytes: number;
  readonly cliTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly diagnosticsTimeoutMs: number;
  readonly maxBursts: number;
  /** Where replay files of failing inputs go. */
  readonly outDir: string;
  readonly log: (line: string) => void;
  /** Prints the messages exchanged with the language server. */
  readonly trace?: (line: string) => void;
  /** Print a progress line every this many seconds (0: never). */
  readonly progressSeconds: number;
}

export const DEFAULT_OPTIONS: Omit<FuzzOptions, 'seed' | 'inputs' | 'outDir' | 'log'> = {
  batchSize: 10,
  cli: true,
  lsp: true,
  coverFirst: true,
  maxFileBytes: MAX_FILE_BYTES,
  cliTimeoutMs: 20_000,
  requestTimeoutMs: 10_000,
  diagnosticsTimeoutMs: 20_000,
  maxBursts: 12,
  progressSeconds: 30,
};

export interface FuzzResult {
  readonly figures: Figures;
  readonly distinct: readonly DistinctFailure[];
}

/** The generator stream that picks each batch's command line variant. */
const CLI_STREAM = 2;

/** What the fuzzer itself throws is a failure of the run, not the end of it. */
async function guarded<T>(work: () => Promise<T>): Promise<T | Failure> {
  try {
    return await work();
  } catch (error) {
    return { kind: 'crash', target: 'harness', check: 'exception', message: `the fuzzer failed: ${error instanceof Error ? error.message : String(error)}`, ...(error instanceof Error && error.stack ? { detail: error.stack } : {}) };
  }
}

const isFailure = (value: unknown): value is Failure => typeof value === 'object' && value !== null && 'kind' in value && 'check' in value;

/** Every variant, for replaying one input. */
const ALL_VARIANTS: readonly CliVariant[] = [
  { format: 'json', fix: false },
  { format: 'sarif', fix: false },
  { format: 'stylish', fix: false },
  { format: 'json', fix: true },
];

/** Resident memory that more than doubles, by more than this, from early in a run to its end is a leak. */
const GROWTH_LIMIT_MB = 150;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Server memory must level off: compares the inputs at 10-20 % of the run with the last 10 %. */
function memoryGrowth(samples: readonly number[]): Failure[] {
  if (samples.length < 50) return [];
  const early = median(samples.slice(Math.floor(samples.length * 0.1), Math.floor(samples.length * 0.2)));
  const late = median(samples.slice(Math.floor(samples.length * 0.9)));
  if (late - early <= Math.max(GROWTH_LIMIT_MB, early)) return [];
  return [{ kind: 'invalid', target: 'memory', check: 'rss-growth', message: `language server memory grew from ${Math.round(early)} MB to ${Math.round(late)} MB over the run` }];
}

/** The processes this one started that are still there after `ms`. */
async function survivors(ms: number): Promise<ProcessInfo[]> {
  const deadline = performance.now() + ms;
  for (;;) {
    const left = descendants(process.pid);
    if (left.length === 0 || performance.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const deadline = options.minutes === undefined ? Number.POSITIVE_INFINITY : started + options.minutes * 60_000;
  const corpus = loadCorpus();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-fuzz-'));
  // The processes under test may run as another user (see unprivileged()).
  fs.chmodSync(work, 0o755);
  const report = new Report(options.outDir, options.log);
  const cli = new CliDriver(path.join(work, 'cli'), options.cliTimeoutMs);
  const lsp = new LspFuzzer(path.join(work, 'lsp'), corpus, options);
  const replaying = options.replay !== undefined;
  const total = options.replay?.length ?? options.inputs;
  let made = 0;
  let files = 0;
  let lastProgress = started;
  options.log(`fuzzing with seed ${options.seed}: ${replaying ? `replaying ${total} inputs` : `${Number.isFinite(total) ? total : 'unlimited'} inputs`}${options.minutes !== undefined ? `, at most ${options.minutes} minutes` : ''}; replay files go to ${options.outDir}`);
  try {
    for (let first = 0; first < total && performance.now() < deadline; first += options.batchSize) {
      const batch: FuzzInput[] = [];
      for (let index = first; index < Math.min(total, first + options.batchSize); index++) {
        batch.push(options.replay?.[index] ?? generateInput(options.seed, index, corpus, { coverFirst: options.coverFirst, maxFileBytes: options.maxFileBytes }));
      }
      made += batch.length;
      files += batch.reduce((sum, input) => sum + input.files.length, 0);
      // The server and the command line run side by side, one process each.
      const lspPart = async (): Promise<void> => {
        for (const input of options.lsp ? batch : []) {
          const failures = await guarded(() => lsp.runInput(input));
          report.record([input], isFailure(failures) ? [failures] : failures);
        }
      };
      const cliPart = async (): Promise<void> => {
        if (!options.cli) return;
        const variants = replaying ? ALL_VARIANTS : [chooseVariant(new Random(inputSeed(options.seed, first, CLI_STREAM)))];
        for (const variant of variants) {
          const outcomes = await guarded(() => cli.checkBatch(batch, variant));
          for (const outcome of isFailure(outcomes) ? [{ inputs: batch, failures: [outcomes] }] : outcomes) {
            report.record(outcome.inputs, outcome.failures.map((failure) => ({ ...failure, detail: `${describeVariant(variant)}\n${failure.detail ?? ''}` })));
          }
        }
      };
      await Promise.all([lspPart(), cliPart()]);
      if (options.progressSeconds > 0 && performance.now() - lastProgress > options.progressSeconds * 1000) {
        lastProgress = performance.now();
        options.log(`... ${made} inputs in ${Math.round((lastProgress - started) / 1000)} s: ${report.crashes} crashes, ${report.hangs} hangs, ${report.invalidOutputs} invalid outputs; server ${Math.round(lsp.residentAfterInput.at(-1) ?? 0)} MB`);
      }
    }
  } finally {
    await lsp.stop();
  }
  const surviving = await survivors(3000);
  const wholeRun: FuzzInput = { seed: options.seed, index: -1, mutations: ['(the whole run)'], files: [] };
  report.record([wholeRun], [
    ...memoryGrowth(lsp.residentAfterInput),
    ...surviving.map((info): Failure => ({ kind: 'invalid', target: 'processes', check: 'surviving-process', message: `process ${info.pid} still running after the run: ${info.command}` })),
  ]);
  for (const info of surviving) {
    try {
      process.kill(info.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
  const figures: Figures = {
    seed: options.seed,
    inputs: made,
    files,
    seconds: (performance.now() - started) / 1000,
    cliRuns: cli.runs,
    lspEvents: lsp.events,
    lspRequests: lsp.requests,
    serverRestarts: lsp.restarts,
    crashes: report.crashes,
    hangs: report.hangs,
    invalidOutputs: report.invalidOutputs,
    peakCliRssMb: cli.peakRssMb,
    peakServerRssMb: lsp.peakResidentMb,
    serverRssFirstMb: lsp.residentAfterInput[0],
    serverRssLastMb: lsp.residentAfterInput.at(-1),
    survivingProcesses: surviving,
  };
  options.log(report.summary(figures));
  return { figures, distinct: report.distinctFailures() };
}

/**
 * Shrinks a failing input (minimize.ts) for the failure whose signature contains `target`: the
 * command line checks (with the variant that first shows it) or the language server's storm.
 */
export async function minimizeFailure(input: FuzzInput, target: string, options: FuzzOptions, maxTries: number): Promise<FuzzInput | undefined> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-fuzz-'));
  fs.chmodSync(work, 0o755);
  const cli = new CliDriver(path.join(work, 'cli'), options.cliTimeoutMs);
  const lsp = new LspFuzzer(path.join(work, 'lsp'), loadCorpus(), options);
  let variants = ALL_VARIANTS;
  const matches = (failures: readonly Failure[]): boolean => failures.some((failure) => signature(failure).includes(target));
  const reproduces = async (candidate: FuzzInput): Promise<boolean> => {
    if (!target.startsWith('cli')) return matches(await lsp.runInput(candidate));
    for (const variant of variants) {
      if (matches((await cli.checkBatch([candidate], variant)).flatMap((outcome) => outcome.failures))) {
        variants = [variant];
        return true;
      }
    }
    return false;
  };
  try {
    if (!(await reproduces(input))) {
      options.log(`minimize: the input does not fail with ${JSON.stringify(target)}`);
      return undefined;
    }
    return await minimize(input, reproduces, { maxTries, log: options.log });
  } finally {
    await lsp.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
