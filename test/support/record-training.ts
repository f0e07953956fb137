/**
 * Records the learning curves of a training script run with plain tfjs on the cpu backend: every
 * `model.fit` the script makes gets a callback that keeps the epoch logs and, at each epoch's end,
 * the gradient norm, one step's update ratio and the dead-unit fraction of every trainable layer
 * (measured on the first batch of the training data). Prints the TrainingRecord as JSON.
 *
 *   node out/test/support/record-training.js <script>
 *
 * The tests use it to check that the scripts of test-workspace/training-runs/ really show the
 * curves the doctor is tested on; it runs the script to its end, in a process of its own.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as tfjs from '@tensorflow/tfjs';
import type { Batch } from '../../overfit/src/batch';
import { activationProbe, activationStats, gradientNorms, snapshot, trainableLayers, updateRatios } from '../../overfit/src/probes';
import type { Tensor } from '../../overfit/src/tf';
import type { CodePlace, EpochRecord, LayerSample, TrainingCall, TrainingConfig, TrainingRecord } from '../../overfit/src/training/types';

type Tf = typeof tfjs;
type FitArgs = tfjs.ModelFitArgs;
type Fit = (this: tfjs.LayersModel, x: Tensor | Tensor[], y: Tensor | Tensor[], args?: FitArgs) => Promise<tfjs.History>;

/** The first frame of the stack that lies in the script: where the fit call is. */
function callerIn(file: string): CodePlace | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n')) {
    const match = /(?:file:\/\/)?(\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    if (match && path.resolve(match[1]!) === file) return { file, line: Number(match[2]) };
  }
  return undefined;
}

function firstRows(tf: Tf, tensors: Tensor[], rows: number): Tensor[] {
  return tensors.map((tensor) => tf.slice(tensor, 0, Math.min(rows, tensor.shape[0]!)));
}

function asList<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

function configOf(model: tfjs.LayersModel, x: Tensor[], args: FitArgs): TrainingConfig {
  const optimizer = model.optimizer as (tfjs.Optimizer & { learningRate?: number }) | undefined;
  const callbacks = args.callbacks === undefined ? [] : asList(args.callbacks as unknown);
  return {
    epochs: args.epochs ?? 1,
    batchSize: args.batchSize ?? 32,
    ...(args.validationSplit !== undefined ? { validationSplit: args.validationSplit } : {}),
    validationData: args.validationData !== undefined,
    shuffle: args.shuffle ?? true,
    ...(optimizer ? { optimizer: optimizer.getClassName() } : {}),
    ...(typeof optimizer?.learningRate === 'number' ? { learningRate: optimizer.learningRate } : {}),
    samples: x[0]!.shape[0]!,
    earlyStopping: callbacks.some((callback) => (callback as object | undefined)?.constructor?.name === 'EarlyStopping'),
  };
}

async function record(file: string): Promise<TrainingRecord> {
  const tf = require('@tensorflow/tfjs') as Tf;
  await tf.setBackend('cpu');
  const started = Date.now();
  const calls: TrainingCall[] = [];
  let inside = false;

  const watch = (original: Fit): Fit =>
    async function (this: tfjs.LayersModel, x, y, args = {}) {
      // A Sequential model's fit calls its inner model's fit: record the outer call only.
      if (inside) return original.call(this, x, y, args);
      inside = true;
      const model = this;
      const xs = asList(x);
      const ys = asList(y);
      const epochs: EpochRecord[] = [];
      const layerSamples: LayerSample[] = [];
      const batchSize = args.batchSize ?? 32;
      const probeBatch: Batch = { xs: firstRows(tf, xs, batchSize), ys: firstRows(tf, ys, batchSize), source: 'captured', size: Math.min(batchSize, xs[0]!.shape[0]!) };
      const layers = trainableLayers(model);
      const probe = activationProbe(tf, model);
      let step = 0;
      let before: Tensor[][] | undefined;
      let ratios: number[] = layers.map(() => Number.NaN);
      const at = callerIn(file);
      const call = {
        index: calls.length,
        kind: 'fit' as const,
        model: model.name,
        ...(at ? { at } : {}),
        config: configOf(model, xs, args),
        epochs,
        batches: [],
        layerSamples,
        end: 'running' as TrainingCall['end'],
      };
      calls.push(call);
      const recorder = new tf.CustomCallback({
        onBatchBegin: (batch) => {
          if (batch === 0) before = snapshot(tf, layers);
        },
        onBatchEnd: (batch) => {
          if (batch === 0 && before) {
            ratios = updateRatios(tf, layers, before);
            before = undefined;
          }
          step += 1;
        },
        onEpochEnd: (epoch, logs) => {
          epochs.push({ epoch, logs: { ...(logs ?? {}) } as Record<string, number>, at: Date.now() - started });
          const norms = gradientNorms(tf, model, probeBatch, layers);
          const stats = activationStats(tf, probe, probeBatch);
          layerSamples.push({
            step,
            epoch,
            layers: layers.map((layer, index) => {
              const dead = stats.get(layer.name)?.deadFraction;
              return { name: layer.name, type: layer.getClassName(), gradNorm: norms[index]!, updateRatio: ratios[index]!, ...(dead !== undefined ? { deadFraction: dead } : {}) };
            }),
          });
        },
      });
      const callbacks = args.callbacks === undefined ? [] : asList(args.callbacks as unknown as tfjs.CustomCallbackArgs);
      try {
        const history = await original.call(this, x, y, { ...args, callbacks: [...callbacks, recorder] as unknown as tfjs.CustomCallbackArgs[] });
        call.end = 'finished';
        return history;
      } catch (error) {
        call.end = 'threw';
        throw error;
      } finally {
        inside = false;
        tf.dispose([...probeBatch.xs, ...probeBatch.ys]);
        probe.model?.dispose?.();
      }
    };

  const sequential = tf.Sequential.prototype as unknown as { fit: Fit };
  const functional = tf.LayersModel.prototype as unknown as { fit: Fit };
  sequential.fit = watch(sequential.fit);
  functional.fit = watch(functional.fit);
  let end: TrainingRecord['end'] = 'finished';
  let error: string | undefined;
  try {
    await import(pathToFileURL(file).href);
  } catch (thrown) {
    end = 'threw';
    error = thrown instanceof Error ? thrown.message : String(thrown);
  }
  return { file, backend: 'cpu', calls, ms: Date.now() - started, end, ...(error ? { error } : {}) };
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? '');
  record(file).then(
    (result) => process.stdout.write(JSON.stringify(result) + '\n'),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
