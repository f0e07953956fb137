import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../../../rules/core/rule';
import type { RuleSettings } from '../analysis/linter';

/**
 * A mistake in how the command was called: exit code 2. `help` is the usage text shown after the
 * message (the help of the command that was called); without it, the message is the whole answer.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help?: string,
  ) {
    super(message);
  }
}

export type LintFormat = 'stylish' | 'json' | 'sarif';
export type Level = 'error' | 'warning' | 'info';

export interface LintOptions {
  readonly command: 'lint';
  readonly paths: readonly string[];
  readonly format: LintFormat;
  readonly rules: RuleSettings;
  readonly level: Level;
  readonly outputFile?: string;
  readonly maxWarnings?: number;
  readonly fix: boolean;
  /** Glob patterns of files and folders to leave out, relative to the current folder. */
  readonly ignorePatterns: readonly string[];
}

export interface RulesOptions {
  readonly command: 'rules';
  readonly format: 'text' | 'json';
}

export interface OverfitOptions {
  readonly command: 'overfit';
  readonly file: string;
  readonly model?: string;
  readonly mode: 'static' | 'execute';
  /** Absent: a budget that fits the model's optimizer and learning rate. */
  readonly steps?: number;
  readonly batchSize: number;
  readonly format: 'text' | 'json';
  readonly timeLimitSeconds: number;
  readonly memoryLimitMb: number;
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
  /** Seed of the initial weights and the synthetic data. */
  readonly seed: number;
  /** Also run the learning-rate range test and propose a rate. */
  readonly lrRange: boolean;
  /** What follows `--`: the arguments execute mode runs the script with. */
  readonly scriptArguments: readonly string[];
}

export interface TrainOptions {
  readonly command: 'train';
  readonly file: string;
  readonly format: 'text' | 'json';
  readonly timeLimitSeconds: number;
  readonly memoryLimitMb: number;
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
  /** Seeds Math.random for a repeatable run; absent, the script draws as it would alone. */
  readonly seed?: number;
  /** The script runs as `node <file> <scriptArguments>`. */
  readonly scriptArguments: readonly string[];
}

export type Command = LintOptions | RulesOptions | OverfitOptions | TrainOptions | { readonly command: 'help'; readonly topic?: string } | { readonly command: 'version' };

export const USAGE = `Usage: tfjs-doctor <command> [options]

Commands:
  lint [paths...]     Check JavaScript, TypeScript and HTML files for TensorFlow.js training problems
  overfit <file>      Train the file's model on one batch and explain why it cannot learn it
  train <file>        Run the file's training to its end and read its learning curves
  rules               List every rule
  help [command]      Show help

Run "tfjs-doctor help <command>" (lint, overfit, train) for the options of a command.`;

export const LINT_USAGE = `Usage: tfjs-doctor lint [paths...] [options]

Checks files and folders (recursively; node_modules, dist and hidden folders are skipped) with the
extensions .js .jsx .ts .tsx .mjs .cjs .mts .cts, and the inline <script> code of .html and .htm
pages. Without paths, the current folder is checked.

Options:
  -f, --format <name>      stylish (default), json or sarif
  --rule <id>=<severity>   Set a rule's severity: off, hint, info, warning or error (repeatable)
  --level <level>          Lowest severity to report: error, warning (default) or info (includes hints)
  -o, --output-file <file> Write the report to a file instead of standard output
  --max-warnings <n>       Exit with code 1 when there are more than n warnings
  --fix                    Apply the safe fixes to the files
  --ignore-pattern <glob>  Leave out files and folders matching the pattern, relative to the current
                           folder, as .gitignore patterns are written (repeatable): "docs/",
                           "**/*.min.js", "public/bundle.js"

Exit codes: 0 no errors, 1 errors found (a file that could not be analysed is one) or too many
warnings, 2 the command could not run.`;

export const OVERFIT_USAGE = `Usage: tfjs-doctor overfit <file> [options] [-- <arguments of the script>]

Trains a model of the file on a single batch until it learns it. A model that cannot learn one batch
has a bug; the check says which, with evidence from the gradients, the activations and control runs.

Options:
  --model <name>           The model to check: its variable or export name, its number in the file,
                           or where it is created (:12 for line 12, or lib/model.js:12)
  --mode <mode>            execute (default): run the file, take the model and the batch from its
                           first fit call, falling back to static when that gives no model;
                           static: rebuild the model from the code and make up a batch
  --steps <n>              Training steps before the check judges the run, up to five times more
                           while the loss still falls steadily (default: what the optimizer needs at
                           its learning rate, from 300 for adam(0.01) or sgd(0.1) to 2000)
  --batch-size <n>         Most samples in the batch (default 32)
  --format <name>          text (default) or json
  --time-limit <seconds>   Stop the check after this long (default 120)
  --memory-limit <mb>      Memory limit of the process that runs the check (default 4096)
  --backend <name>         tensorflow, wasm or cpu (default: the fastest that loads)
  --seed <n>               Seed of the initial weights and made-up data (default 1); the same seed
                           gives the same run, and a failing check is also run from seeds n+1, n+2
  --lr-range               Also run the learning-rate range test: from the model's initial weights,
                           raise the rate from 1e-7 to 10 over 100 steps, plot the smoothed loss and
                           propose a rate (a tenth of the one where the loss is lowest)
  -- <arguments>           Execute mode runs the script as node <file> <arguments> (none by default;
                           a script that looks for arguments it was not given falls back to static)

Execute mode runs the file's code: use it only on code you trust.

Exit codes: 0 the model learned the batch, 1 it did not, 2 the check could not run (a usage error,
a file or model that is not there, a script that failed with no static fallback), 3 inconclusive
(the run cannot tell: too few steps for the optimizer, a batch too small, or execute mode fell
back to static mode).
With --format json every outcome prints one JSON object, errors as { "verdict": "error", "error" };
with --lr-range it holds "learningRateRange": the curve ("points": rate, loss, smoothed loss), the
"lowest" and "steepest" points, and the "proposal", or "inconclusive" saying why there is none. The
range test does not change the exit code.`;

export const TRAIN_USAGE = `Usage: tfjs-doctor train <file> [options] [-- <arguments of the script>]

Runs the file to its end, as node would, and watches every training call it makes (fit, fitDataset,
trainOnBatch, custom loops with optimizer.minimize or tf.variableGrads): the loss and metrics of
each epoch, a sample of the batch losses, and per-layer gradients, updates and dead units a few
times per call. The learning-curve doctor then reads the curves (too few epochs, overfitting,
divergence, a learning rate too high, ...) and points at the line to change.

Options:
  --format <name>          text (default) or json: { "record": ..., "findings": [...] }
  --time-limit <seconds>   Stop the run after this long and report what it measured (default 600)
  --memory-limit <mb>      Memory limit of the process that runs the script (default 4096)
  --backend <name>         tensorflow, wasm or cpu (default: the fastest that loads)
  --seed <n>               Seed Math.random, and so the initial weights and shuffles, for a
                           repeatable run (default: unseeded, as the script runs alone)
  -- <arguments>           Run the script as node <file> <arguments> (none by default)

The file's code runs: use it only on code you trust. Its writes go to a temporary folder.

Exit codes: 0 no error-level finding, 1 an error-level finding or a script that threw while
training, 2 the run could not happen (a usage error, a file that is not there, a script that
trains nothing or fails before training).
With --format json every outcome prints one JSON object; errors carry an "error" field.`;

export const RULES_USAGE = `Usage: tfjs-doctor rules [--format text|json]

Lists every rule with its category, default severity and fix kind.`;

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function parseRuleSettings(entries: readonly string[], knownRules: ReadonlySet<string>): RuleSettings {
  const settings: Record<string, SeveritySetting> = {};
  for (const entry of entries) {
    const match = /^([^=]+)=(.+)$/.exec(entry);
    if (!match) throw new UsageError(`--rule expects <id>=<severity>, got "${entry}"`);
    const id = match[1]!.trim();
    if (!knownRules.has(id)) throw new UsageError(`unknown rule "${id}" (see "tfjs-doctor rules")`);
    const severity = match[2]!.trim() === 'warn' ? 'warning' : match[2]!.trim();
    settings[id] = oneOf(severity, SEVERITY_SETTINGS, `the severity of ${id}`);
  }
  return settings;
}

/** The help of each command, by the name `tfjs-doctor help <topic>` takes. */
export const HELP_TOPICS: Readonly<Record<string, string>> = { lint: LINT_USAGE, overfit: OVERFIT_USAGE, train: TRAIN_USAGE, rules: RULES_USAGE, help: USAGE };

export function parseCommand(argv: readonly string[], knownRules: ReadonlySet<string>): Command {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return parseHelp(rest);
    case '--version':
    case '-v':
    case 'version':
      return { command: 'version' };
    case 'lint':
      return withHelp(LINT_USAGE, () => parseLint(rest, knownRules));
    case 'rules':
      return withHelp(RULES_USAGE, () => parseRules(rest));
    case 'overfit':
      return withHelp(OVERFIT_USAGE, () => parseOverfit(rest));
    case 'train':
      return withHelp(TRAIN_USAGE, () => parseTrain(rest));
  }
  throw new UsageError(`unknown command "${command}"`, USAGE);
}

function parseHelp(args: readonly string[]): Command {
  const [topic] = args;
  if (topic === undefined) return { command: 'help' };
  if (!Object.hasOwn(HELP_TOPICS, topic)) {
    throw new UsageError(`no help on "${topic}": the commands are ${Object.keys(HELP_TOPICS).filter((name) => name !== 'help').join(', ')}`);
  }
  return { command: 'help', topic };
}

/** Parses a command's arguments; a mistake in them is shown with that command's help. */
function withHelp(help: string, parseArguments: () => Command): Command {
  try {
    return parseArguments();
  } catch (error) {
    if (error instanceof UsageError && error.help === undefined) throw new UsageError(error.message, help);
    throw error;
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify.*$/s, '') : String(error));
  }
}

function parseLint(args: readonly string[], knownRules: ReadonlySet<string>): Command {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    rule: { type: 'string', multiple: true, default: [] },
    level: { type: 'string', default: 'warning' },
    'output-file': { type: 'string', short: 'o' },
    'max-warnings': { type: 'string' },
    fix: { type: 'boolean', default: false },
    'ignore-pattern': { type: 'string', multiple: true, default: [] },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { command: 'help', topic: 'lint' };
  const maxWarningsText = values['max-warnings'] as string | undefined;
  let maxWarnings: number | undefined;
  if (maxWarningsText !== undefined) {
    maxWarnings = Number(maxWarningsText);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings expects a whole number, got "${maxWarningsText}"`);
  }
  const level = values.level === 'hint' ? 'info' : (values.level as string);
  const outputFile = values['output-file'] as string | undefined;
  return {
    command: 'lint',
    paths: positionals.length > 0 ? positionals : ['.'],
    format: oneOf(values.format as string, ['stylish', 'json', 'sarif'] as const, '--format'),
    rules: parseRuleSettings(values.rule as string[], knownRules),
    level: oneOf(level, ['error', 'warning', 'info'] as const, '--level'),
    fix: values.fix as boolean,
    ignorePatterns: values['ignore-pattern'] as string[],
    ...(outputFile !== undefined ? { outputFile } : {}),
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
  };
}

function parseRules(args: readonly string[]): Command {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { command: 'help', topic: 'rules' };
  if (positionals.length > 0) throw new UsageError(`rules takes no arguments (got "${positionals[0]}")`);
  return { command: 'rules', format: oneOf(values.format as string, ['text', 'json'] as const, '--format') };
}

function positiveInteger(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${what} expects a whole number above 0, got "${text}"`);
  return value;
}

/** The command's own arguments, and the script's: what follows `--` is the script's command line. */
function splitAtDashes(all: readonly string[]): { readonly args: readonly string[]; readonly scriptArguments: readonly string[] } {
  const dash = all.indexOf('--');
  return dash < 0 ? { args: all, scriptArguments: [] } : { args: all.slice(0, dash), scriptArguments: all.slice(dash + 1) };
}

function parseOverfit(all: readonly string[]): Command {
  const { args, scriptArguments } = splitAtDashes(all);
  const { values, positionals } = parse(args, {
    model: { type: 'string' },
    mode: { type: 'string', default: 'execute' },
    steps: { type: 'string' },
    'batch-size': { type: 'string' },
    format: { type: 'string', short: 'f', default: 'text' },
    'time-limit': { type: 'string' },
    'memory-limit': { type: 'string' },
    backend: { type: 'string' },
    seed: { type: 'string' },
    'lr-range': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { command: 'help', topic: 'overfit' };
  if (positionals.length !== 1) throw new UsageError(`overfit takes one file${positionals.length > 1 ? `, got ${positionals.length}` : ''}`);
  const backend = values.backend as string | undefined;
  const model = values.model as string | undefined;
  return {
    command: 'overfit',
    file: positionals[0]!,
    mode: oneOf(values.mode as string, ['execute', 'static'] as const, '--mode'),
    ...(values.steps !== undefined ? { steps: positiveInteger(values.steps as string, 0, '--steps') } : {}),
    batchSize: positiveInteger(values['batch-size'] as string | undefined, 32, '--batch-size'),
    format: oneOf(values.format as string, ['text', 'json'] as const, '--format'),
    timeLimitSeconds: positiveInteger(values['time-limit'] as string | undefined, 120, '--time-limit'),
    memoryLimitMb: positiveInteger(values['memory-limit'] as string | undefined, 4096, '--memory-limit'),
    seed: positiveInteger(values.seed as string | undefined, 1, '--seed'),
    lrRange: values['lr-range'] as boolean,
    scriptArguments,
    ...(model !== undefined ? { model } : {}),
    ...(backend !== undefined ? { backend: oneOf(backend, ['tensorflow', 'wasm', 'cpu'] as const, '--backend') } : {}),
  };
}

function parseTrain(all: readonly string[]): Command {
  const { args, scriptArguments } = splitAtDashes(all);
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f', default: 'text' },
    'time-limit': { type: 'string' },
    'memory-limit': { type: 'string' },
    backend: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { command: 'help', topic: 'train' };
  if (positionals.length !== 1) throw new UsageError(`train takes one file${positionals.length > 1 ? `, got ${positionals.length}` : ''}`);
  const backend = values.backend as string | undefined;
  return {
    command: 'train',
    file: positionals[0]!,
    format: oneOf(values.format as string, ['text', 'json'] as const, '--format'),
    timeLimitSeconds: positiveInteger(values['time-limit'] as string | undefined, 600, '--time-limit'),
    memoryLimitMb: positiveInteger(values['memory-limit'] as string | undefined, 4096, '--memory-limit'),
    ...(values.seed !== undefined ? { seed: positiveInteger(values.seed as string, 1, '--seed') } : {}),
    ...(backend !== undefined ? { backend: oneOf(backend, ['tensorflow', 'wasm', 'cpu'] as const, '--backend') } : {}),
    scriptArguments,
  };
}
