/**
 * Time to verdict of the overfit check for a 784-128-64-10 MLP at batch 32 on the wasm backend, and
 * the engine's overhead over a bare trainOnBatch loop of the same number of steps.
 *
 *   node out/bench/overfit-verdict.js [runs]
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runWorker } from '../overfit/src/runner';
import type { OverfitRequest, OverfitResult } from '../overfit/src/types';
import { packageRoot } from '../server/src/docs';
import { percentile, report } from './report';

const root = packageRoot();
const MODEL = `import * as tf from '@tensorflow/tfjs';
export function createModel() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}
`;

type Tf = typeof import('@tensorflow/tfjs');

/**
 * The same model trained by a bare trainOnBatch loop, in a fresh process as the check's worker is,
 * timed from its first step as the check's run is: the difference is what the check adds (probes,
 * learned-batch checks, evidence).
 */
async function bareLoop(steps: number): Promise<number> {
  const bundle = require(path.join(root, 'dist', 'tfjs.js')) as { tf: Tf; setWasmPaths(prefix: string): void };
  const { tf } = bundle;
  tf.enableProdMode();
  bundle.setWasmPaths(path.join(root, 'dist') + path.sep);
  await tf.setBackend('wasm');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 64, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const x = tf.randomNormal([32, 784]);
  const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 10), 'int32'), 10);
  const started = performance.now();
  for (let step = 0; step < steps; step++) await model.trainOnBatch(x, y);
  return performance.now() - started;
}

/** Runs `bareLoop` in a child process and returns its time. */
function bareLoopInFreshProcess(steps: number): number {
  const output = cp.execFileSync(process.execPath, [__filename, '--bare', String(steps)], { encoding: 'utf8' });
  return Number(output.trim().split('\n').at(-1));
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-'));
  const file = path.join(folder, 'mlp.mjs');
  fs.writeFileSync(file, MODEL);
  const walls: number[] = [];
  const engine: number[] = [];
  const bare: number[] = [];
  const ratios: number[] = [];
  const steps: number[] = [];
  let last: OverfitResult | undefined;
  for (let run = 0; run < runs; run++) {
    const request: OverfitRequest = {
      file,
      mode: 'static',
      targets: [
        {
          name: 'model',
          file,
          line: 3,
          spec: {
            kind: 'sequential',
            layers: [
              { factory: 'dense', config: { inputShape: [784], units: 128, activation: 'relu' }, line: 4 },
              { factory: 'dense', config: { units: 64, activation: 'relu' }, line: 5 },
              { factory: 'dense', config: { units: 10, activation: 'softmax' }, line: 6 },
            ],
            compile: { optimizer: 'adam', loss: 'categoricalCrossentropy' },
          },
        },
      ],
      steps: 300,
      batchSize: 32,
      searchPaths: [],
      backend: 'wasm',
      seed: run + 1,
    };
    const started = performance.now();
    const outcome = await runWorker(request, { workerPath: path.join(root, 'dist', 'overfit-worker.js'), timeLimitMs: 60_000, memoryLimitMb: 2048, cwd: folder });
    walls.push(performance.now() - started);
    if (outcome.kind !== 'result') throw new Error(outcome.kind === 'failed' ? outcome.message : 'cancelled');
    last = outcome.result;
    engine.push(outcome.result.ms);
    // Each seed's batch is learned in its own number of steps: compare with a bare loop of as many.
    steps.push(outcome.result.steps);
    bare.push(bareLoopInFreshProcess(outcome.result.steps));
    ratios.push(engine.at(-1)! / bare.at(-1)!);
  }
  fs.rmSync(folder, { recursive: true, force: true });
  report('overfit-verdict', {
    model: '784-128-64-10 MLP, adam, batch 32, wasm backend, static build',
    verdict: last!.verdict,
    steps,
    runs,
    timeToVerdictMs: { p50: percentile(walls, 50), max: percentile(walls, 100), budget: 2000 },
    engineMs: { p50: percentile(engine, 50), runs: engine },
    bareTrainOnBatchMs: { p50: percentile(bare, 50), runs: bare.map(Math.round) },
    overhead: { p50: Math.round(percentile(ratios, 50) * 100) / 100, budget: 1.3 },
  });
}

const bareIndex = process.argv.indexOf('--bare');
const entry = bareIndex >= 0 ? bareLoop(Number(process.argv[bareIndex + 1])).then((ms) => console.log(ms)) : main();
void entry.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
