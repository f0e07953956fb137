/**
 * Runs `tfjs-doctor lint` on inputs and checks each run. Inputs are linted in batches (one process
 * for several inputs, each in its own folder); a batch that fails is split until the inputs that
 * fail on their own are found.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from '../../server/src/docs';
import { syntaxErrorCount } from './corpus';
import { MEMORY_LIMIT_MB, type Failure } from './failure';
import { DOCUMENTED_EXTENSIONS, inputFolder, readableByOthers, unprivileged, writeInput, type FuzzInput } from './input';
import { checkFixedSyntax, checkJsonReport, checkProcess, checkSarifReport, type LintedFiles } from './oracles/cli';
import { runNode, type ProcessResult } from './processes';
import type { Random } from './prng';

export const CLI = path.join(packageRoot(), 'dist', 'cli.js');

/** Files larger than this are not read by the checks (the linter does not analyse them). */
const MAX_PARSED_BYTES = 2_000_000;

export interface CliVariant {
  readonly format: 'json' | 'sarif' | 'stylish';
  /** Lint a copy with --fix, check that the files parse no worse, then lint the copy again. */
  readonly fix: boolean;
}

export function chooseVariant(rng: Random): CliVariant {
  return { format: rng.weighted([{ weight: 6, value: 'json' as const }, { weight: 2, value: 'sarif' as const }, { weight: 2, value: 'stylish' as const }]), fix: rng.chance(0.3) };
}

export function describeVariant(variant: CliVariant): string {
  return `${variant.fix ? '--fix, then ' : ''}--format ${variant.format}`;
}

/** Failures of one input, or of a group of inputs that only fail together. */
export interface CliOutcome {
  readonly inputs: readonly FuzzInput[];
  readonly failures: readonly Failure[];
}

function skippedFolder(segment: string): boolean {
  return segment === 'node_modules' || segment === 'dist' || segment.startsWith('.');
}

/** What the command line must and may report for inputs written under `dir`. */
export function lintedFiles(inputs: readonly FuzzInput[], dir: string): LintedFiles {
  const required = new Set<string>();
  const allowed = new Set<string>();
  for (const input of inputs) {
    const closed = input.files.flatMap((file) => (file.kind === 'directory' && !readableByOthers(file.mode) ? [`${file.path}/`] : []));
    for (const file of input.files) {
      const segments = file.path.split('/');
      if (segments.slice(0, -1).some(skippedFolder)) continue;
      const full = path.join(dir, inputFolder(input), ...segments);
      // What is in a folder the command line may not open, it cannot list.
      if (unprivileged().uid !== undefined && closed.some((folder) => file.path.startsWith(folder))) {
        allowed.add(full);
        continue;
      }
      const extension = path.extname(file.path);
      const documented = DOCUMENTED_EXTENSIONS.includes(extension) && !file.path.endsWith('.d.ts');
      if ((file.kind === 'text' || file.kind === 'bytes' || file.kind === 'sparse') && documented) required.add(full);
      else if (file.kind !== 'directory' && /\.(?:[cm]?[jt]s|[jt]sx|html?)$/i.test(file.path)) allowed.add(full);
    }
  }
  return {
    required,
    allowed,
    text(file) {
      try {
        const stat = fs.statSync(file);
        return stat.isFile() && stat.size <= MAX_PARSED_BYTES ? fs.readFileSync(file, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** The input a failure is about, from the file it names (a --fix copy has the same folders under another root). */
function inputOf(failure: Failure, inputs: readonly FuzzInput[], dir: string): FuzzInput | undefined {
  if (failure.file === undefined) return undefined;
  const folder = path.relative(dir, failure.file.replace(`${dir}-fix${path.sep}`, `${dir}${path.sep}`)).split(path.sep)[0];
  return inputs.find((input) => inputFolder(input) === folder);
}

/** The deepest bracket nesting of a text, by counting: a cheap guess at what overflows a stack. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 40 || code === 91 || code === 123) deepest = Math.max(deepest, ++depth);
    else if (code === 41 || code === 93 || code === 125) depth = Math.max(0, depth - 1);
  }
  return deepest;
}

function suspicion(input: FuzzInput): number {
  const texts = input.files.flatMap((file) => (file.kind === 'text' ? [file.text] : []));
  return Math.max(0, ...texts.map(nestingDepth)) * 1000 + texts.reduce((sum, text) => sum + text.length, 0) / 1000;
}

/** The likeliest culprit of a failing group, and the others. */
function splitOffSuspect(inputs: readonly FuzzInput[]): FuzzInput[][] {
  const suspect = inputs.reduce((best, input) => (suspicion(input) > suspicion(best) ? input : best));
  return [[suspect], inputs.filter((input) => input !== suspect)];
}

export class CliDriver {
  runs = 0;
  peakRssMb = 0;
  private batches = 0;

  constructor(
    private readonly root: string,
    private readonly timeoutMs: number,
  ) {
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
  }

  /** Lints a batch of inputs, and narrows a failure down to the inputs that cause it. */
  async checkBatch(inputs: readonly FuzzInput[], variant: CliVariant): Promise<CliOutcome[]> {
    const dir = path.join(this.root, `batch-${this.batches++}`);
    for (const input of inputs) writeInput(input, path.join(dir, inputFolder(input)));
    try {
      const failures = await this.check(dir, inputs, variant);
      const outcomes: CliOutcome[] = [];
      for (const input of inputs) {
        const about = failures.filter((failure) => inputOf(failure, inputs, dir) === input);
        if (about.length > 0) outcomes.push({ inputs: [input], failures: about });
      }
      const unattributed = failures.filter((failure) => inputOf(failure, inputs, dir) === undefined);
      if (unattributed.length > 0) outcomes.push(...(await this.narrow(dir, inputs, variant, unattributed)));
      return outcomes;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * Finds the inputs of a failing group that fail on their own. The likeliest culprit (the most
   * deeply nested or largest input) is tried alone first, and the rest without it: one failing input
   * costs two runs when the guess is right; when it is wrong, the rest is halved.
   */
  private async narrow(dir: string, inputs: readonly FuzzInput[], variant: CliVariant, failures: readonly Failure[], guess = true): Promise<CliOutcome[]> {
    if (inputs.length === 1) return [{ inputs, failures }];
    const parts = guess ? splitOffSuspect(inputs) : [inputs.slice(0, Math.ceil(inputs.length / 2)), inputs.slice(Math.ceil(inputs.length / 2))];
    const outcomes: CliOutcome[] = [];
    let suspectFailed = false;
    for (const [n, part] of parts.entries()) {
      // Failures about one file were put down to their input already: what is left decides.
      const partFailures = (await this.check(dir, part, variant)).filter((failure) => inputOf(failure, part, dir) === undefined);
      if (partFailures.length === 0) continue;
      if (n === 0 && guess) suspectFailed = true;
      outcomes.push(...(await this.narrow(dir, part, variant, partFailures, !guess || suspectFailed)));
    }
    return outcomes.length > 0 ? outcomes : [{ inputs, failures }];
  }

  private async lint(cwd: string, args: readonly string[]): Promise<{ result: ProcessResult; command: string }> {
    this.runs++;
    const result = await runNode([CLI, 'lint', ...args], { cwd, timeoutMs: this.timeoutMs });
    this.peakRssMb = Math.max(this.peakRssMb, result.peakRssMb ?? 0);
    return { result, command: `cd ${cwd} && node ${path.relative(cwd, CLI)} lint ${args.join(' ')}` };
  }

  /** The process's exit and output, and its memory. */
  private checkRun({ result, command }: { result: ProcessResult; command: string }): Failure[] {
    const failures = checkProcess(result, command, this.timeoutMs);
    if ((result.peakRssMb ?? 0) > MEMORY_LIMIT_MB) {
      failures.push({ kind: 'invalid', target: 'cli', check: 'peak-memory', message: `peak resident memory ${Math.round(result.peakRssMb!)} MB, over ${MEMORY_LIMIT_MB} MB`, detail: command });
    }
    return failures;
  }

  /** One check of inputs already written under `dir`, with the variant's format and --fix. */
  async check(dir: string, inputs: readonly FuzzInput[], variant: CliVariant): Promise<Failure[]> {
    const folders = inputs.map(inputFolder);
    if (!variant.fix) {
      const run = await this.lint(dir, [...folders, '--format', variant.format]);
      const failures = this.checkRun(run);
      if (failures.some((failure) => failure.kind !== 'invalid')) return failures;
      if (variant.format === 'json') failures.push(...checkJsonReport(run.result.stdout, lintedFiles(inputs, dir), run.result.code));
      if (variant.format === 'sarif') failures.push(...checkSarifReport(run.result.stdout, lintedFiles(inputs, dir), dir, run.result.code));
      return failures;
    }
    // --fix writes to the files: work on a copy (written afresh, so that holes stay holes).
    const copy = `${dir}-fix`;
    fs.rmSync(copy, { recursive: true, force: true });
    for (const input of inputs) writeInput(input, path.join(copy, inputFolder(input)));
    try {
      const files = lintedFiles(inputs, copy);
      const counts = (): Map<string, number> => new Map([...files.required].flatMap((file) => {
        const text = files.text(file);
        return text === undefined ? [] : [[file, syntaxErrorCount(file, text)] as const];
      }));
      const before = counts();
      const fixed = await this.lint(copy, [...folders, '--fix', '--format', 'json']);
      const failures = this.checkRun(fixed);
      if (failures.some((failure) => failure.kind !== 'invalid')) return failures;
      failures.push(...checkJsonReport(fixed.result.stdout, files, fixed.result.code), ...checkFixedSyntax(before, counts()));
      const again = await this.lint(copy, [...folders, '--format', variant.format]);
      const againFailures = this.checkRun(again);
      if (againFailures.length === 0 && variant.format === 'json') againFailures.push(...checkJsonReport(again.result.stdout, files, again.result.code));
      if (againFailures.length === 0 && variant.format === 'sarif') againFailures.push(...checkSarifReport(again.result.stdout, files, copy, again.result.code));
      return [...failures, ...againFailures.map((failure) => ({ ...failure, message: `after --fix: ${failure.message}` }))];
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }
}
