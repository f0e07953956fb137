/** Counts what a run found, keeps one replay file per failing input, and prints the figures. */
import * as path from 'node:path';
import { signature, type Failure } from './failure';
import { inputFolder, writeReplay, type FuzzFile, type FuzzInput } from './input';
import type { ProcessInfo } from './processes';

export interface Figures {
  readonly seed: number;
  readonly inputs: number;
  readonly files: number;
  readonly seconds: number;
  readonly cliRuns: number;
  readonly lspEvents: number;
  readonly lspRequests: number;
  readonly serverRestarts: number;
  readonly crashes: number;
  readonly hangs: number;
  readonly invalidOutputs: number;
  readonly peakCliRssMb: number;
  readonly peakServerRssMb: number;
  /** Server memory after the first and the last input. */
  readonly serverRssFirstMb: number | undefined;
  readonly serverRssLastMb: number | undefined;
  readonly survivingProcesses: readonly ProcessInfo[];
}

export interface DistinctFailure {
  readonly signature: string;
  readonly failure: Failure;
  /** How many inputs failed this way. */
  count: number;
  /** The replay file of the first (smallest, when it is not the first) input that failed this way. */
  replay: string;
  replaySize: number;
}

/** Several inputs that fail only together, as one input whose files are in each input's folder. */
export function mergeInputs(inputs: readonly FuzzInput[]): FuzzInput {
  if (inputs.length === 1) return inputs[0]!;
  return {
    seed: inputs[0]!.seed,
    index: inputs[0]!.index,
    mutations: inputs.flatMap((input) => input.mutations.map((mutation) => `${inputFolder(input)}: ${mutation}`)),
    files: inputs.flatMap((input) => input.files.map((file): FuzzFile => ({ ...file, path: `${inputFolder(input)}/${file.path}` }))),
  };
}

function inputSize(input: FuzzInput): number {
  return input.files.reduce((sum, file) => sum + (file.kind === 'text' ? file.text.length : file.kind === 'bytes' ? file.base64.length : 1), 0);
}

export class Report {
  crashes = 0;
  hangs = 0;
  invalidOutputs = 0;
  private readonly distinct = new Map<string, DistinctFailure>();

  constructor(
    private readonly outDir: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Records the failures of one input (or of inputs that fail together); returns the replay file, if any. */
  record(inputs: readonly FuzzInput[], failures: readonly Failure[]): string | undefined {
    const unique = new Map<string, Failure>();
    for (const failure of failures) if (!unique.has(signature(failure))) unique.set(signature(failure), failure);
    if (unique.size === 0) return undefined;
    const input = mergeInputs(inputs);
    const name = inputs.length === 1 ? `seed-${input.seed}-input-${input.index}.json` : `seed-${input.seed}-inputs-${inputs.map((each) => each.index).join('-')}.json`;
    const replay = path.join(this.outDir, name);
    writeReplay(replay, { input, failures: [...unique].map(([key, failure]) => ({ signature: key, message: failure.message })) });
    for (const [key, failure] of unique) {
      if (failure.kind === 'crash') this.crashes++;
      else if (failure.kind === 'hang') this.hangs++;
      else this.invalidOutputs++;
      const known = this.distinct.get(key);
      if (known) {
        known.count++;
        if (inputSize(input) < known.replaySize) Object.assign(known, { replay, replaySize: inputSize(input) });
      } else {
        this.distinct.set(key, { signature: key, failure, count: 1, replay, replaySize: inputSize(input) });
      }
      this.log(`FAIL seed ${input.seed} input ${inputs.map((each) => each.index).join('+')}: ${failure.target} ${failure.kind} (${failure.check}): ${failure.message}`);
    }
    this.log(`     mutations: ${input.mutations.join('; ')}`);
    this.log(`     replay: npm run fuzz -- --replay ${replay}`);
    return replay;
  }

  distinctFailures(): DistinctFailure[] {
    return [...this.distinct.values()].sort((a, b) => a.signature.localeCompare(b.signature));
  }

  summary(figures: Figures): string {
    const mb = (value: number | undefined): string => (value === undefined ? '?' : `${Math.round(value)} MB`);
    const lines = [
      `seed ${figures.seed}: ${figures.inputs} inputs (${figures.files} files) in ${figures.seconds.toFixed(1)} s`,
      `  command line: ${figures.cliRuns} runs; language server: ${figures.lspEvents} events, ${figures.lspRequests} requests, ${figures.serverRestarts} restarts`,
      `  crashes: ${figures.crashes}, hangs: ${figures.hangs}, invalid outputs: ${figures.invalidOutputs} (${this.distinct.size} distinct)`,
      `  peak memory (RSS): command line ${mb(figures.peakCliRssMb)}, language server ${mb(figures.peakServerRssMb)} (after the first input ${mb(figures.serverRssFirstMb)}, after the last ${mb(figures.serverRssLastMb)})`,
      `  surviving processes: ${figures.survivingProcesses.length}${figures.survivingProcesses.map((info) => `\n    ${info.pid} ${info.command}`).join('')}`,
    ];
    for (const failure of this.distinctFailures()) {
      lines.push(`  ${failure.count} x ${failure.signature}`, `      e.g. ${failure.failure.message}`, `      replay: npm run fuzz -- --replay ${failure.replay}`);
    }
    return lines.join('\n');
  }
}
