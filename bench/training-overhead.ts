/**
 * What watching costs a real `fit`: the same model, weights and data trained by a plain fit and by
 * a fit the watched run's instrumentation (overfit/src/training/watch.ts) watches — the added
 * callback, the sampled batch losses, the per-layer samples, each event serialised as the worker's
 * IPC channel would — in one process, the two taking turns. The overhead is the watched time over
 * the plain time, less one; the goal is under 5 %. Both the wall time and the process's CPU time
 * are measured: the backend computes on this thread, so on a shared machine, where the wall-clock
 * times follow the load average (reported with the figures), the CPU time is the steadier figure.
 *
 *   node out/bench/training-overhead.js [pairs] [epochs]
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import type { TrainingEvent } from '../overfit/src/training/types';
import { watchTraining } from '../overfit/src/training/watch';
import { registerWasmTrainingKernels } from '../overfit/src/wasm-kernels';
import { packageRoot } from '../server/src/docs';
import { percentile, report } from './report';

type Tf = typeof import('@tensorflow/tfjs');

const SAMPLES = 2048;
const BATCH_SIZE = 32;
const DESCRIPTION = `784-128-64-10 MLP, adam, ${SAMPLES} samples, batch ${BATCH_SIZE}, validationSplit 0.1, wasm backend`;

async function loadTf(): Promise<Tf> {
  const bundle = require(path.join(packageRoot(), 'dist', 'tfjs.js')) as { tf: Tf; setWasmPaths(prefix: string): void };
  const { tf } = bundle;
  tf.enableProdMode();
  bundle.setWasmPaths(path.join(packageRoot(), 'dist') + path.sep);
  await tf.setBackend('wasm');
  registerWasmTrainingKernels(tf);
  return tf;
}

function buildModel(tf: Tf, weights: import('@tensorflow/tfjs').Tensor[] | undefined): import('@tensorflow/tfjs').LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  if (weights) model.setWeights(weights);
  return model;
}

async function main(): Promise<void> {
  const pairs = Number(process.argv[2] ?? 5);
  const epochs = Number(process.argv[3] ?? 3);
  const tf = await loadTf();
  const x = tf.randomNormal([SAMPLES, 784], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([SAMPLES], 0, 10, 'int32', 2), 10).cast('float32');
  const initial = buildModel(tf, undefined).getWeights().map((weight) => tf.keep(weight.clone()));

  let events = 0;
  let bytes = 0;
  const fit = async (watched: boolean): Promise<{ wall: number; cpu: number }> => {
    const watch = watched
      ? watchTraining(tf, tf, {
          // What the worker does with each event: serialise it for its IPC channel.
          emit: (event: TrainingEvent) => {
            events++;
            bytes += serialize({ type: 'training-event', event }).length;
          },
          now: () => 0,
          creationSite: () => undefined,
          modelName: (model) => model.name,
          isScriptFile: () => false,
        })
      : undefined;
    try {
      const model = buildModel(tf, initial);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await model.fit(x, y, { epochs, batchSize: BATCH_SIZE, validationSplit: 0.1, verbose: 0 });
      const cpu = process.cpuUsage(cpuBefore);
      const wall = performance.now() - started;
      model.dispose();
      return { wall, cpu: (cpu.user + cpu.system) / 1000 };
    } finally {
      watch?.restore();
    }
  };

  // The first fit pays for compiling kernels and warming the JIT: not counted.
  await fit(false);
  await fit(true);
  events = 0;
  bytes = 0;
  const plain: number[] = [];
  const watched: number[] = [];
  const ratios: number[] = [];
  const plainCpu: number[] = [];
  const watchedCpu: number[] = [];
  const cpuRatios: number[] = [];
  const loads: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    loads.push(os.loadavg()[0]!);
    // Taking turns in both orders, so that a trend in the machine's load falls on both.
    const [first, second] = pair % 2 === 0 ? [false, true] : [true, false];
    const a = await fit(first);
    const b = await fit(second);
    const plainRun = first ? b : a;
    const watchedRun = first ? a : b;
    plain.push(plainRun.wall);
    watched.push(watchedRun.wall);
    ratios.push(watchedRun.wall / plainRun.wall - 1);
    plainCpu.push(plainRun.cpu);
    watchedCpu.push(watchedRun.cpu);
    cpuRatios.push(watchedRun.cpu / plainRun.cpu - 1);
  }
  const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
  report('training-overhead', {
    model: DESCRIPTION,
    epochs,
    pairs,
    loadAverage: { p50: percentile(loads, 50), cpus: os.cpus().length },
    plainFitMs: { p50: percentile(plain, 50), runs: plain.map(Math.round) },
    watchedFitMs: { p50: percentile(watched, 50), runs: watched.map(Math.round) },
    plainFitCpuMs: { p50: percentile(plainCpu, 50), runs: plainCpu.map(Math.round) },
    watchedFitCpuMs: { p50: percentile(watchedCpu, 50), runs: watchedCpu.map(Math.round) },
    eventsPerFit: Math.round(events / pairs),
    eventBytesPerFit: Math.round(bytes / pairs),
    overhead: {
      wall: { p50: percent(percentile(ratios, 50)), runs: ratios.map(percent) },
      cpu: { p50: percent(percentile(cpuRatios, 50)), runs: cpuRatios.map(percent) },
      budget: '5 %',
    },
  });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
