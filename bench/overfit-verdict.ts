/**
 * Time to verdict of the overfit check for a 784-128-64-10 MLP at batch 32 on the wasm backend, and
 * the engine's overhead over a bare trainOnBatch loop of the same number of steps.
 *
 *   node out/bench/overfit-verdict.js [runs]
 */
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
  // Timed from the first step, as the check's run is: both start from a fresh model.
  const started = performance.now();
  for (let step = 0; step < steps; step++) await model.trainOnBatch(x, y);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-'));
  const file = path.join(folder, 'mlp.mjs');
  fs.writeFileSync(file, MODEL);
  const walls: number[] = [];
  const engine: number[] = [];
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
  }
  fs.rmSync(folder, { recursive: true, force: true });
  const steps = last!.steps;
  const bare: number[] = [];
  for (let run = 0; run < runs; run++) bare.push(await bareLoop(steps));
  const engineMedian = percentile(engine, 50);
  const bareMedian = percentile(bare, 50);
  report('overfit-verdict', {
    model: '784-128-64-10 MLP, adam, batch 32, wasm backend, static build',
    verdict: last!.verdict,
    steps,
    runs,
    timeToVerdictMs: { p50: percentile(walls, 50), max: percentile(walls, 100), budget: 2000 },
    engineMs: { p50: engineMedian },
    bareTrainOnBatchMs: { p50: bareMedian },
    overhead: { ratio: Math.round((engineMedian / bareMedian) * 100) / 100, budget: 1.3 },
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
