/**
 * The long fuzz run, from the command line (after `tsc -p .` and the build):
 *
 *   npm run fuzz -- [--seed N] [--inputs N] [--minutes N] [--replay <file>]...
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, minimizeFailure, runFuzz, type FuzzOptions } from './fuzz';
import { readReplay, writeReplay } from './input';

/** Most candidates --minimize tries. */
const MINIMIZE_TRIES = 400;

const USAGE = `Usage: npm run fuzz -- [options]

  --seed <n>          seed of the run (default: from the clock; printed either way)
  --inputs <n>        inputs to make (default: 500, or no limit with --minutes)
  --minutes <n>       stop making inputs after this many minutes
  --replay <file>     run the input of a replay file (repeatable), with every command line variant
  --minimize          with one --replay: shrink the input while it fails the same way; writes <file>.min.json
  --signature <text>  with --minimize: the failure to keep (part of its signature; default: the file's first)
  --out <dir>         where replay files of failing inputs go (default: <tmp>/tfjs-doctor-fuzz/seed-<n>)
  --batch <n>         inputs per command line run (default: ${DEFAULT_OPTIONS.batchSize})
  --bursts <n>        most bursts of editing per input (default: ${DEFAULT_OPTIONS.maxBursts})
  --max-file-mb <n>   largest file an input may have (default: ${DEFAULT_OPTIONS.maxFileBytes / 1_000_000})
  --timeout <s>       seconds before a command line run counts as a hang (default: ${DEFAULT_OPTIONS.cliTimeoutMs / 1000})
  --trace             print the messages sent to the language server and the diagnostics it publishes
  --no-cli            only the language server
  --no-lsp            only the command line
`;

interface Command {
  readonly options: FuzzOptions;
  /** Shrink the replayed input for this failure signature (or the replay file's first). */
  readonly minimize?: { readonly file: string; readonly target: string | undefined };
}

function parse(argv: readonly string[]): Command | string {
  let seed: number | undefined;
  let inputs: number | undefined;
  let minutes: number | undefined;
  let outDir: string | undefined;
  const replays: string[] = [];
  let trace = false;
  let minimizing = false;
  let target: string | undefined;
  const options: { -readonly [K in keyof typeof DEFAULT_OPTIONS]: (typeof DEFAULT_OPTIONS)[K] } = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    const number = (): number => {
      const text = value();
      const parsed = Number(text);
      if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${argument}: not a number: ${text}`);
      return parsed;
    };
    switch (argument) {
      case '--seed':
        seed = Math.floor(number()) >>> 0;
        break;
      case '--inputs':
        inputs = Math.floor(number());
        break;
      case '--minutes':
        minutes = number();
        break;
      case '--replay':
        replays.push(path.resolve(value()));
        break;
      case '--out':
        outDir = path.resolve(value());
        break;
      case '--batch':
        options.batchSize = Math.max(1, Math.floor(number()));
        break;
      case '--bursts':
        options.maxBursts = Math.max(1, Math.floor(number()));
        break;
      case '--max-file-mb':
        options.maxFileBytes = number() * 1_000_000;
        break;
      case '--timeout':
        options.cliTimeoutMs = number() * 1000;
        break;
      case '--minimize':
        minimizing = true;
        break;
      case '--signature':
        target = value();
        break;
      case '--trace':
        trace = true;
        break;
      case '--no-cli':
        options.cli = false;
        break;
      case '--no-lsp':
        options.lsp = false;
        break;
      case '--help':
        return USAGE;
      default:
        throw new Error(`unknown option ${argument}`);
    }
  }
  const replay = replays.map((file) => readReplay(file).input);
  if (minimizing && replays.length !== 1) throw new Error('--minimize needs exactly one --replay');
  const chosenSeed = seed ?? replay[0]?.seed ?? Date.now() % 2 ** 31;
  const fuzzOptions: FuzzOptions = {
    ...options,
    seed: chosenSeed,
    inputs: inputs ?? (minutes !== undefined ? Number.POSITIVE_INFINITY : 500),
    ...(minutes !== undefined ? { minutes } : {}),
    ...(replay.length > 0 ? { replay, batchSize: 1 } : {}),
    outDir: outDir ?? path.join(os.tmpdir(), 'tfjs-doctor-fuzz', replay.length > 0 ? 'replay' : `seed-${chosenSeed}`),
    log: (line) => console.log(line),
    ...(trace ? { trace: (line: string) => console.log(`  lsp ${line}`) } : {}),
  };
  return { options: fuzzOptions, ...(minimizing ? { minimize: { file: replays[0]!, target } } : {}) };
}

async function main(): Promise<number> {
  let command: Command | string;
  try {
    command = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (typeof command === 'string') {
    console.log(command);
    return 0;
  }
  const { options, minimize } = command;
  if (minimize) {
    const replay = readReplay(minimize.file);
    const target = minimize.target ?? replay.failures?.[0]?.signature;
    if (target === undefined) {
      console.error('fuzz: the replay file names no failure: give --signature');
      return 2;
    }
    const smaller = await minimizeFailure(replay.input, target, options, MINIMIZE_TRIES);
    if (!smaller) return 1;
    const out = minimize.file.replace(/(\.json)?$/, '.min.json');
    writeReplay(out, { input: smaller, failures: [{ signature: target, message: 'minimized for this failure' }] });
    for (const file of smaller.files) console.log(`--- ${file.path} (${file.kind})\n${file.kind === 'text' ? file.text : ''}`);
    console.log(`minimized input: ${out}\nreplay: npm run fuzz -- --replay ${out}`);
    return 0;
  }
  const { distinct } = await runFuzz(options);
  return distinct.length === 0 ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
