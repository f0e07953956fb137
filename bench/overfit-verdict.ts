/**
 * Time to verdict of the overfit check on the wasm backend, for a 784-128-64-10 MLP and for a small
 * conv net (conv2d, max pooling, a strided conv2d, a separable conv2d, average pooling, dense) on
 * 28x28x1 inputs, both at batch 32; and the engine's overhead over a bare trainOnBatch loop of the
 * same number of steps. The machine's load average is reported with the figures: on a shared
 * machine the wall-clock times follow it.
 *
 *   node out/bench/overfit-verdict.js [runs] [mlp|cnn ...]
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { syntheticBatch } from '../overfit/src/batch';
import { buildModel } from '../overfit/src/build';
import { runWorker } from '../overfit/src/runner';
import type { LayerSpec, ModelSpec, OverfitRequest, OverfitResult } from '../overfit/src/types';
import { registerWasmTrainingKernels } from '../overfit/src/wasm-kernels';
import { packageRoot } from '../server/src/docs';
import { percentile, report } from './report';

const root = packageRoot();

interface Figure {
  readonly description: string;
  readonly spec: ModelSpec;
  readonly budgetMs: number;
}

const layer = (factory: string, config: LayerSpec['config'], line: number): LayerSpec => ({ factory, config, line });

const FIGURES: Record<string, Figure> = {
  mlp: {
    description: '784-128-64-10 MLP, adam, batch 32, wasm backend, static build',
    spec: {
      kind: 'sequential',
      layers: [
        layer('dense', { inputShape: [784], units: 128, activation: 'relu' }, 4),
        layer('dense', { units: 64, activation: 'relu' }, 5),
        layer('dense', { units: 10, activation: 'softmax' }, 6),
      ],
      compile: { optimizer: 'adam', loss: 'categoricalCrossentropy' },
    },
    budgetMs: 2000,
  },
  cnn: {
    description: 'conv2d 3x3x8 same, maxPooling2d, conv2d 3x3x16 strides 2, separableConv2d 3x3x16 multiplier 2, averagePooling2d, dense 10; 28x28x1 inputs, adam, batch 32, wasm backend, static build',
    spec: {
      kind: 'sequential',
      layers: [
        layer('conv2d', { inputShape: [28, 28, 1], kernelSize: 3, filters: 8, padding: 'same', activation: 'relu' }, 4),
        layer('maxPooling2d', { poolSize: 2 }, 5),
        layer('conv2d', { kernelSize: 3, filters: 16, strides: 2, padding: 'same', activation: 'relu' }, 6),
        layer('separableConv2d', { kernelSize: 3, filters: 16, depthMultiplier: 2, padding: 'same', activation: 'relu' }, 7),
        layer('averagePooling2d', { poolSize: 2 }, 8),
        layer('flatten', {}, 9),
        layer('dense', { units: 10, activation: 'softmax' }, 10),
      ],
      compile: { optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' },
    },
    budgetMs: 10_000,
  },
};

type Tf = typeof import('@tensorflow/tfjs');

/**
 * The same model and batch trained by a bare trainOnBatch loop, in a fresh process as the check's
 * worker is, timed from its first step as the check's run is: the difference is what the check adds
 * (probes, learned-batch checks, evidence).
 */
async function bareLoop(figure: Figure, steps: number, seed: number): Promise<number> {
  const bundle = require(path.join(root, 'dist', 'tfjs.js')) as { tf: Tf; setWasmPaths(prefix: string): void };
  const { tf } = bundle;
  tf.enableProdMode();
  bundle.setWasmPaths(path.join(root, 'dist') + path.sep);
  await tf.setBackend('wasm');
  registerWasmTrainingKernels(tf);
  const model = buildModel(tf, figure.spec);
  const batch = syntheticBatch(tf, model, 32, seed);
  const started = performance.now();
  for (let step = 0; step < steps; step++) await model.trainOnBatch(batch.xs, batch.ys);
  return performance.now() - started;
}

/** Runs `bareLoop` in a child process and returns its time. */
function bareLoopInFreshProcess(name: string, steps: number, seed: number): number {
  const output = cp.execFileSync(process.execPath, [__filename, '--bare', name, String(steps), String(seed)], { encoding: 'utf8' });
  return Number(output.trim().split('\n').at(-1));
}

async function measure(name: string, figure: Figure, runs: number, folder: string): Promise<Record<string, unknown>> {
  const file = path.join(folder, `${name}.mjs`);
  fs.writeFileSync(file, `// ${figure.description}\n`);
  const walls: number[] = [];
  const engine: number[] = [];
  const bare: number[] = [];
  const ratios: number[] = [];
  const steps: number[] = [];
  const loads: number[] = [];
  let last: OverfitResult | undefined;
  for (let run = 0; run < runs; run++) {
    const request: OverfitRequest = {
      file,
      mode: 'static',
      targets: [{ name: 'model', file, line: 3, spec: figure.spec }],
      steps: 300,
      batchSize: 32,
      searchPaths: [],
      backend: 'wasm',
      seed: run + 1,
    };
    loads.push(os.loadavg()[0]!);
    const started = performance.now();
    const outcome = await runWorker(request, { workerPath: path.join(root, 'dist', 'overfit-worker.js'), timeLimitMs: 120_000, memoryLimitMb: 2048, cwd: folder });
    walls.push(performance.now() - started);
    if (outcome.kind !== 'result') throw new Error(outcome.kind === 'failed' ? outcome.message : 'cancelled');
    last = outcome.result;
    engine.push(outcome.result.ms);
    // Each seed's batch is learned in its own number of steps: compare with a bare loop of as many.
    steps.push(outcome.result.steps);
    bare.push(bareLoopInFreshProcess(name, outcome.result.steps, run + 1));
    ratios.push(engine.at(-1)! / bare.at(-1)!);
  }
  return {
    model: figure.description,
    verdict: last!.verdict,
    backend: last!.backend,
    steps,
    runs,
    loadAverage: { p50: percentile(loads, 50), cpus: os.cpus().length },
    timeToVerdictMs: { p50: percentile(walls, 50), max: percentile(walls, 100), budget: figure.budgetMs },
    engineMs: { p50: percentile(engine, 50), runs: engine },
    bareTrainOnBatchMs: { p50: percentile(bare, 50), runs: bare.map(Math.round) },
    overhead: { p50: Math.round(percentile(ratios, 50) * 100) / 100, budget: 1.3 },
  };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 7);
  const names = process.argv.slice(3).length > 0 ? process.argv.slice(3) : Object.keys(FIGURES);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-'));
  const figures: Record<string, unknown> = {};
  try {
    for (const name of names) {
      const figure = FIGURES[name];
      if (!figure) throw new Error(`no figure named ${name} (${Object.keys(FIGURES).join(', ')})`);
      figures[name] = await measure(name, figure, runs, folder);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  report('overfit-verdict', figures);
}

const bareIndex = process.argv.indexOf('--bare');
const entry =
  bareIndex >= 0
    ? bareLoop(FIGURES[process.argv[bareIndex + 1]!]!, Number(process.argv[bareIndex + 2]), Number(process.argv[bareIndex + 3])).then((ms) => console.log(ms))
    : main();
void entry.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
