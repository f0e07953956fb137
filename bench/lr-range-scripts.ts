/**
 * The learning-rate range test against a grid search, on the training scripts of
 * test-workspace/training-runs/ as a user runs them. For each script: the rate the range test
 * proposes (`tfjs-doctor overfit <script> --lr-range`, execute mode, the script's own data), and, for
 * each rate of a grid from 1e-4 to 1 in half-decade steps, the script trained to its end with that
 * rate written into its optimizer (the edit the panel's "Use <rate>" makes, on a copy of the script
 * in a temporary folder; `tfjs-doctor train`). The best fixed rate is the one whose training loss is
 * lowest on average over the epochs (the area under the curve): the rate that trains fastest while
 * staying stable, which is what the range test estimates. The loss of the last epoch alone does not
 * tell rates apart once several reach the data's noise floor within the script's epochs (on
 * still-improving-healthy, 0.03, 0.1 and 0.3 all end within 5 % of each other); it is reported too.
 * The proposal should be within a factor of 3 of the best rate.
 *
 *   node out/bench/lr-range-scripts.js [script names...]     (default: the healthy twins with one fit)
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from '../server/src/analysis/edits';
import { learningRateEdit } from '../server/src/analysis/learning-rate-edit';
import { packageRoot } from '../server/src/docs';
import type { TrainingRecord } from '../overfit/src/training/types';
import type { LearningRateRange } from '../overfit/src/types';
import { report } from './report';

const ROOT = packageRoot();
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SCRIPTS = path.join(ROOT, 'test-workspace', 'training-runs');
const GRID = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];
const FACTOR = 3;
/** The healthy twins trained by one fit call (a loop of fits trains with one rate per call). */
const DEFAULT_SCRIPTS = ['diverging-loss-healthy', 'not-learning-healthy', 'oscillating-loss-healthy', 'overfitting-healthy', 'still-improving-healthy', 'validation-below-training-healthy'];

function runJson<T>(args: readonly string[]): T {
  const result = cp.spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`tfjs-doctor ${args.join(' ')} gave no JSON (exit ${result.status}): ${result.stderr.slice(-500)}`);
  }
}

interface GridRun {
  /** The training loss averaged over the epochs; NaN when it diverged or did not run. */
  readonly meanLoss: number;
  readonly finalLoss: number;
}

/** The training losses of the script's first training call, trained at `rate`. */
function trainAt(script: string, text: string, fitLine: number, rate: number, folder: string): GridRun {
  const edit = learningRateEdit(text, { file: script, line: fitLine }, rate);
  if (edit.kind === 'none') throw new Error(`${path.basename(script)}: the rate cannot be written: ${edit.reason}`);
  const copy = path.join(folder, `${path.basename(script, '.mjs')}-${rate}.mjs`);
  fs.writeFileSync(copy, applyEdits(text, edit.edits.map((each) => ({ ...each, span: { ...each.span, file: script } }))));
  const { record } = runJson<{ record?: TrainingRecord }>(['train', copy, '--format', 'json', '--seed', '1']);
  const losses = (record?.calls[0]?.epochs ?? []).map((epoch) => epoch.logs['loss']);
  if (losses.length === 0 || losses.some((loss) => typeof loss !== 'number' || !Number.isFinite(loss))) return { meanLoss: Number.NaN, finalLoss: Number.NaN };
  const finite = losses as number[];
  return { meanLoss: finite.reduce((sum, loss) => sum + loss, 0) / finite.length, finalLoss: finite.at(-1)! };
}

const rounded = (value: number): number | null => (Number.isFinite(value) ? Number(value.toPrecision(3)) : null);

function measure(name: string, folder: string): Record<string, unknown> {
  const script = path.join(SCRIPTS, `${name}.mjs`);
  const text = fs.readFileSync(script, 'utf8');
  const range = runJson<{ learningRateRange?: LearningRateRange }>(['overfit', script, '--lr-range', '--format', 'json', '--seed', '1']).learningRateRange;
  const { record } = runJson<{ record?: TrainingRecord }>(['train', script, '--format', 'json', '--seed', '1']);
  const fitLine = record?.calls[0]?.at?.line;
  if (fitLine === undefined) throw new Error(`${name}: the training run found no training call`);
  const grid = GRID.map((rate) => ({ rate, ...trainAt(script, text, fitLine, rate, folder) }));
  const finite = grid.filter((point) => Number.isFinite(point.meanLoss));
  const best = finite.reduce((a, b) => (b.meanLoss < a.meanLoss ? b : a), finite[0]!);
  const bestFinal = finite.reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a), finite[0]!);
  const proposal = range?.proposal;
  const ratio = proposal === undefined || !best ? undefined : Math.max(proposal / best.rate, best.rate / proposal);
  return {
    optimizer: range?.optimizer,
    codeRate: range?.currentRate,
    grid: grid.map((point) => ({ rate: point.rate, meanLoss: rounded(point.meanLoss), finalLoss: rounded(point.finalLoss) })),
    bestFixedRate: best?.rate,
    bestByLastEpoch: bestFinal?.rate,
    rangeTest: { proposal, lowest: range?.lowest?.learningRate, steepest: range?.steepest?.learningRate, data: range?.data, ...(range?.inconclusive ? { inconclusive: range.inconclusive } : {}) },
    factor: ratio === undefined ? null : Number(ratio.toFixed(2)),
    withinFactor3: ratio !== undefined && ratio <= FACTOR,
  };
}

function main(): void {
  const chosen = process.argv.slice(2);
  const names = chosen.length > 0 ? chosen : DEFAULT_SCRIPTS;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lr-grid-'));
  const started = performance.now();
  const figures: Record<string, unknown> = {};
  try {
    for (const name of names) figures[name] = measure(name, folder);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const results = names.map((name) => figures[name] as { withinFactor3: boolean });
  figures['withinFactor3'] = `${results.filter((result) => result.withinFactor3).length} of ${results.length}`;
  figures['totalMs'] = Math.round(performance.now() - started);
  report('lr-range-scripts', figures);
}

main();
