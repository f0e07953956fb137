/**
 * The long fuzz run, from the command line (after `tsc -p .` and the build):
 *
 *   npm run fuzz -- [--seed N] [--inputs N] [--minutes N] [--replay <file>]...
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_OPTIONS, runFuzz, type FuzzOptions } from './fuzz';
import { readReplay } from './input';

const USAGE = `Usage: npm run fuzz -- [options]

  --seed <n>          seed of the run (default: from the clock; printed either way)
  --inputs <n>        inputs to make (default: 500, or no limit with --minutes)
  --minutes <n>       stop making inputs after this many minutes
  --replay <file>     run the input of a replay file (repeatable), with every command line variant
  --out <dir>         where replay files of failing inputs go (default: <tmp>/tfjs-doctor-fuzz/seed-<n>)
  --batch <n>         inputs per command line run (default: ${DEFAULT_OPTIONS.batchSize})
  --bursts <n>        most bursts of editing per input (default: ${DEFAULT_OPTIONS.maxBursts})
  --max-file-mb <n>   largest file an input may have (default: ${DEFAULT_OPTIONS.maxFileBytes / 1_000_000})
  --timeout <s>       seconds before a command line run counts as a hang (default: ${DEFAULT_OPTIONS.cliTimeoutMs / 1000})
  --trace             print the messages sent to the language server and the diagnostics it publishes
  --no-cli            only the language server
  --no-lsp            only the command line
`;

function parse(argv: readonly string[]): FuzzOptions | string {
  let seed: number | undefined;
  let inputs: number | undefined;
  let minutes: number | undefined;
  let outDir: string | undefined;
  const replays: string[] = [];
  let trace = false;
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
  const chosenSeed = seed ?? replay[0]?.seed ?? Date.now() % 2 ** 31;
  return {
    ...options,
    seed: chosenSeed,
    inputs: inputs ?? (minutes !== undefined ? Number.POSITIVE_INFINITY : 500),
    ...(minutes !== undefined ? { minutes } : {}),
    ...(replay.length > 0 ? { replay, batchSize: 1 } : {}),
    outDir: outDir ?? path.join(os.tmpdir(), 'tfjs-doctor-fuzz', replay.length > 0 ? 'replay' : `seed-${chosenSeed}`),
    log: (line) => console.log(line),
    ...(trace ? { trace: (line: string) => console.log(`  lsp ${line}`) } : {}),
  };
}

async function main(): Promise<number> {
  let options: FuzzOptions | string;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (typeof options === 'string') {
    console.log(options);
    return 0;
  }
  const { distinct } = await runFuzz(options);
  return distinct.length === 0 ? 0 : 1;
}

void main().then((code) => {
  process.exitCode = code;
});
