/**
 * Does the learning-rate range test propose a rate close to the best fixed one? On three small models
 * with their data (an MLP regression with adam, a classifier with rmsprop, a logistic regression
 * with sgd; seeded weights and data), a grid search trains a fresh copy of each model (the same
 * initial weights) at every rate from 1e-4 to 1 in half-decade steps for a fixed number of steps,
 * with mini-batches over the data, and takes the rate with the lowest loss over the whole data at
 * the end. The range test runs as the overfit check runs it: from the same initial weights, on one
 * batch of the data. The proposal should be within a factor of 3 of the grid's best rate.
 *
 *   node out/bench/lr-range-grid.js
 */
import * as path from 'node:path';
import { fixedBatches, modelRangeTest, shuffledBatches } from '../overfit/src/lr-range-model';
import { Random, seedMathRandom } from '../overfit/src/random';
import type { LayersModel, Optimizer, Tensor, Tf } from '../overfit/src/tf';
import { packageRoot } from '../server/src/docs';
import { report } from './report';

/** Samples of each data set, and of the batch the range test (like the check) trains on. */
const SAMPLES = 256;
const BATCH = 32;
/** Steps each grid rate trains for: 8 epochs of the data. */
const GRID_STEPS = (SAMPLES / BATCH) * 8;
const GRID = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];
const FACTOR = 3;
const ONE_BATCH = process.argv.includes('--one-batch');
/** Initial weights each grid rate is trained from; the range test starts from the first. */
const GRID_SEEDS = [1, 2, 3];

interface Problem {
  readonly description: string;
  readonly model: (tf: Tf) => LayersModel;
  readonly optimizer: (tf: Tf, rate: number) => Optimizer;
  readonly loss: string;
  /** Inputs and targets, row by row. */
  readonly data: (random: Random) => { x: number[][]; y: number[][] };
}

const PROBLEMS: Record<string, Problem> = {
  'mlp-regression': {
    description: '4-32-16-1 MLP (relu), mean squared error, adam: y = sin(2 x0) + x1 x2 - x3^2 + noise',
    model: (tf) =>
      tf.sequential({
        layers: [tf.layers.dense({ inputShape: [4], units: 32, activation: 'relu' }), tf.layers.dense({ units: 16, activation: 'relu' }), tf.layers.dense({ units: 1 })],
      }),
    optimizer: (tf, rate) => tf.train.adam(rate),
    loss: 'meanSquaredError',
    data: (random) => {
      const x = Array.from({ length: SAMPLES }, () => Array.from({ length: 4 }, () => random.next() * 2 - 1));
      const y = x.map(([a, b, c, d]) => [Math.sin(2 * a!) + b! * c! - d! * d! + 0.05 * random.normal()]);
      return { x, y };
    },
  },
  classifier: {
    description: '2-16-3 classifier (tanh, softmax), categorical cross-entropy, rmsprop: three Gaussian blobs',
    model: (tf) => tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 16, activation: 'tanh' }), tf.layers.dense({ units: 3, activation: 'softmax' })] }),
    optimizer: (tf, rate) => tf.train.rmsprop(rate),
    loss: 'categoricalCrossentropy',
    data: (random) => {
      const centres = [
        [0, 2],
        [-2, -1],
        [2, -1],
      ];
      const x: number[][] = [];
      const y: number[][] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const label = Math.floor(random.next() * 3);
        x.push(centres[label]!.map((centre) => centre + 1.2 * random.normal()));
        y.push([0, 1, 2].map((k) => (k === label ? 1 : 0)));
      }
      return { x, y };
    },
  },
  'logistic-regression': {
    description: 'logistic regression on 8 unscaled features (sigmoid), binary cross-entropy, sgd: labels from a linear rule, one in five flipped',
    model: (tf) => tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1, activation: 'sigmoid' })] }),
    optimizer: (tf, rate) => tf.train.sgd(rate),
    loss: 'binaryCrossentropy',
    data: (random) => {
      const weights = Array.from({ length: 8 }, () => random.normal());
      // Features as raw data has them: not standardised (a spread of 4).
      const x = Array.from({ length: SAMPLES }, () => Array.from({ length: 8 }, () => 4 * random.normal()));
      // One label in five flipped: the classes overlap, as real ones do, so the best weights are finite.
      const y = x.map((row) => [(row.reduce((sum, value, index) => sum + value * weights[index]!, 0) > 0) !== random.next() < 0.2 ? 1 : 0]);
      return { x, y };
    },
  },
};

type Bundle = { tf: Tf };

/** A fresh model with the weights seed 1 gives, compiled with the optimizer at `rate`. */
function freshModel(tf: Tf, problem: Problem, rate: number, seed = 1): LayersModel {
  const restore = seedMathRandom(seed);
  try {
    const model = problem.model(tf);
    model.compile({ optimizer: problem.optimizer(tf, rate), loss: problem.loss });
    return model;
  } finally {
    restore();
  }
}

function lossOf(value: number | number[]): number {
  return Array.isArray(value) ? value[0]! : value;
}

/** Trains at one fixed rate for GRID_STEPS mini-batch steps; the loss over all the data at the end. */
async function fixedRateLoss(tf: Tf, problem: Problem, rate: number, x: Tensor, y: Tensor, seed: number): Promise<number> {
  const model = freshModel(tf, problem, rate, seed);
  for (let step = 0; step < GRID_STEPS; step++) {
    const start = (step * BATCH) % SAMPLES;
    const [xb, yb] = [x.slice(start, BATCH), y.slice(start, BATCH)];
    await model.trainOnBatch(xb, yb);
    tf.dispose([xb, yb]);
  }
  const loss = tf.tidy(() => lossOf((model.evaluate(x, y) as Tensor).dataSync()[0]!));
  model.dispose();
  return Number.isFinite(loss) ? loss : Number.POSITIVE_INFINITY;
}

async function measure(tf: Tf, problem: Problem): Promise<Record<string, unknown>> {
  const { x: rows, y: targets } = problem.data(new Random(7));
  const x = tf.tensor2d(rows);
  const y = tf.tensor2d(targets);
  const grid: Record<string, number> = {};
  let best = GRID[0]!;
  for (const rate of GRID) {
    // Averaged over initialisations: one start alone makes a shallow optimum a matter of luck.
    let total = 0;
    for (const seed of GRID_SEEDS) total += await fixedRateLoss(tf, problem, rate, x, y, seed);
    const loss = total / GRID_SEEDS.length;
    grid[String(rate)] = Number(loss.toPrecision(4));
    if (loss < grid[String(best)]!) best = rate;
  }
  // The range test, as the check runs it: the model's initial weights, its optimizer, one batch.
  const model = freshModel(tf, problem, 0.001);
  const first = { xs: [x.slice(0, BATCH)], ys: [y.slice(0, BATCH)], size: BATCH, source: 'captured' as const };
  const data = ONE_BATCH ? fixedBatches([first]) : shuffledBatches(tf, [x], [y], BATCH, 1)!;
  const started = performance.now();
  const range = await modelRangeTest(tf, model, data);
  const rangeMs = Math.round(performance.now() - started);
  tf.dispose([...first.xs, ...first.ys, x, y]);
  model.dispose();
  const proposal = range.proposal;
  const ratio = proposal === undefined ? undefined : Math.max(proposal / best, best / proposal);
  return {
    model: problem.description,
    gridLossAfterSteps: { steps: GRID_STEPS, batch: BATCH, byRate: grid },
    bestFixedRate: best,
    rangeTest: {
      proposal,
      lowest: range.lowest?.learningRate,
      steepest: range.steepest?.learningRate,
      stop: range.stop,
      data: range.data,
      points: range.points.length,
      ms: rangeMs,
      ...(range.inconclusive ? { inconclusive: range.inconclusive } : {}),
    },
    factor: ratio === undefined ? null : Number(ratio.toFixed(2)),
    withinFactor3: ratio !== undefined && ratio <= FACTOR,
  };
}

async function main(): Promise<void> {
  const bundle = require(path.join(packageRoot(), 'dist', 'tfjs.js')) as Bundle;
  const { tf } = bundle;
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const started = performance.now();
  const figures: Record<string, unknown> = {};
  const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const names = chosen.length > 0 ? chosen : Object.keys(PROBLEMS);
  for (const name of names) {
    const problem = PROBLEMS[name];
    if (!problem) throw new Error(`no problem named ${name} (${Object.keys(PROBLEMS).join(', ')})`);
    figures[name] = await measure(tf, problem);
  }
  figures['totalMs'] = Math.round(performance.now() - started);
  figures['allWithinFactor3'] = Object.values(figures).every((figure) => typeof figure !== 'object' || (figure as { withinFactor3: boolean }).withinFactor3);
  report('lr-range-grid', figures);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
