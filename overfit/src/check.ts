/** The whole check inside the worker: choose the model, get it and a batch, train, report. */
import { capturedBatch, syntheticBatch, tensorList, type Batch } from './batch';
import { missingWasmKernel, type LoadedTf } from './backend';
import { buildModel, revive } from './build';
import { executeForCapture, type Capture, type ExecuteOptions } from './capture';
import { createdAt, targetCreatedAt, trackCreationSites } from './creation-sites';
import { checkModel } from './engine';
import { describeLocation, targetAt } from './model-location';
import { freshOptimizer, recompile } from './optimizers';
import type { LayersModel, Tf } from './tf';
import { OverfitError, type BackendName, type Mode, type ModelLocation, type ModelTarget, type OverfitRequest, type OverfitResult, type WorkerMessage } from './types';

/**
 * The target the request names (by place, else by name or index), else the first one the static
 * build can make.
 */
export function chooseTarget(targets: readonly ModelTarget[], wanted: string | undefined, at?: ModelLocation): ModelTarget | undefined {
  if (at !== undefined) return targetAt(targets, at);
  if (wanted !== undefined) {
    const byName = targets.find((target) => target.name === wanted);
    if (byName) return byName;
    const index = Number(wanted);
    if (Number.isInteger(index) && index >= 1 && index <= targets.length) return targets[index - 1];
    return undefined;
  }
  return targets.find((target) => target.spec) ?? targets[0];
}

async function batchFromCapture(tf: Tf, capture: Capture, model: LayersModel, batchSize: number, seed: number): Promise<Batch> {
  if (capture.via === 'export') return syntheticBatch(tf, model, batchSize, seed);
  if (capture.via === 'fitDataset') {
    const dataset = capture.dataset as { iterator(): Promise<{ next(): Promise<{ value: unknown; done: boolean }> }> };
    const element = await (await dataset.iterator()).next();
    if (element.done) throw new OverfitError('the dataset given to fitDataset is empty');
    const value = element.value as { xs?: unknown; ys?: unknown } | unknown[];
    const [x, y] = Array.isArray(value) ? value : [value.xs, value.ys];
    return capturedBatch(tf, tensorList(tf, x, model.inputNames, 'xs of the dataset'), tensorList(tf, y, model.outputNames, 'ys of the dataset'), batchSize);
  }
  const size = Math.min(batchSize, capture.batchSize ?? batchSize);
  return capturedBatch(tf, tensorList(tf, capture.x, model.inputNames, 'x'), tensorList(tf, capture.y, model.outputNames, 'y'), size);
}

export interface CheckRequestOptions {
  readonly send: (message: WorkerMessage) => void;
  readonly loadEsbuild: ExecuteOptions['loadEsbuild'];
  readonly scratchDir: ExecuteOptions['scratchDir'];
  readonly shouldStop?: () => boolean;
}

export async function runRequest(loaded: LoadedTf, request: OverfitRequest, options: CheckRequestOptions): Promise<OverfitResult> {
  const { tf } = loaded;
  const notes = [...loaded.notes];
  const seed = request.seed ?? 1;
  let target = chooseTarget(request.targets, request.model, request.at);
  if (request.at !== undefined && !target) {
    const models = request.targets.map((t) => `${t.name} at ${describeLocation(t, request.file)}`).join(', ');
    throw new OverfitError(`the file has no model created at ${describeLocation(request.at, request.file)}${models ? ` (models: ${models})` : ''}`);
  }
  if (request.model !== undefined && !target && request.mode === 'static') {
    throw new OverfitError(`the file has no model named ${request.model}${request.targets.length > 0 ? ` (models: ${request.targets.map((t) => t.name).join(', ')})` : ''}`);
  }

  let model: LayersModel | undefined;
  let batch: Batch | undefined;
  let mode: Mode = request.mode;
  let name = target?.name ?? 'model';
  /** Whether the model checked is known to be the target's (the result then gives its place). */
  let isTarget = target !== undefined;
  if (request.mode === 'execute') {
    try {
      const exportName = request.model !== undefined && !target ? request.model : undefined;
      const sites = trackCreationSites(tf);
      // A model asked for by its place: the script's models created elsewhere are passed over. One
      // whose place is not known (loaded, or made outside tf.sequential and tf.model) cannot be
      // told apart, and is taken, with a note saying so.
      const placed = request.at !== undefined ? target : undefined;
      options.send({ type: 'phase', phase: 'capturing' });
      const capture = await executeForCapture(tf, request.file, {
        loadEsbuild: options.loadEsbuild,
        scratchDir: options.scratchDir,
        scriptTf: sites.tf,
        ...(placed ? { isWanted: (trained: LayersModel) => { const site = sites.siteOf(trained); return site === undefined || createdAt(site, placed); } } : {}),
        ...(exportName ? { exportName } : {}),
        ...(request.fileContents !== undefined ? { contents: request.fileContents } : {}),
      });
      model = capture.model;
      const site = sites.siteOf(model);
      const created = site ? targetCreatedAt(request.targets, site) : undefined;
      if (placed && !site) {
        notes.push(`Where the script created the model it trained first could not be told, so that model was checked; it may not be the one at ${describeLocation(placed, request.file)}.`);
        isTarget = false;
      } else if (!placed && created) {
        // Not asked for by place: the target is the model the script trained, whatever its name.
        target = created;
      }
      if (!model.optimizer) {
        if (!target?.spec) throw new OverfitError(`the model ${capture.exportName ? `returned by ${capture.exportName}` : ''} is not compiled, and no compile call for it was found`);
        model.compile({ optimizer: revive(tf, target.spec.compile.optimizer) as never, loss: revive(tf, target.spec.compile.loss) as never });
      }
      batch = await batchFromCapture(tf, capture, model, request.batchSize, seed);
      if (capture.exportName) name = capture.exportName;
      else if (!isTarget) name = 'the model the script trained first';
      else if (target) name = target.name;
    } catch (error) {
      if (!(error instanceof OverfitError)) throw error;
      if (!target) throw error;
      if (!target.spec) throw new OverfitError(`${error.message}; the model cannot be rebuilt from the code alone either (${target.specError ?? 'it is not fully known'})`);
      notes.push(`Running the file did not give a model to check (${error.message}), so the model was rebuilt from the code instead.`);
      mode = 'static';
      model = undefined;
      isTarget = true;
    }
  }
  if (!model) {
    if (!target) throw new OverfitError('no TensorFlow.js model was found in the file');
    if (!target.spec) throw new OverfitError(`${target.name} cannot be rebuilt from the code alone: ${target.specError ?? 'it is not fully known'}${request.mode === 'static' ? '. Run the check in execute mode' : ''}`);
    options.send({ type: 'phase', phase: 'building' });
    model = buildModel(tf, target.spec);
    batch = syntheticBatch(tf, model, request.batchSize, seed);
  }
  const started = (backend: BackendName): void => options.send({ type: 'started', model: name, backend, mode, steps: request.steps });
  let lastSent = 0;
  const check = (backend: BackendName): Promise<OverfitResult> =>
    checkModel(tf, model, batch!, {
      steps: request.steps,
      mode,
      modelName: name,
      backend,
      notes,
      ...(target && isTarget ? { file: target.file, line: target.line } : {}),
      onProgress: (phase, step, loss) => {
        const now = Date.now();
        if (now - lastSent < 50 && step % 25 !== 0) return;
        lastSent = now;
        options.send({ type: 'progress', phase, step, loss });
      },
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
  started(loaded.backend);
  if (loaded.backend !== 'wasm') return check(loaded.backend);
  // The wasm backend lacks a few gradient kernels; a model that needs one fails on its first
  // training step, before any weight changed. It then trains from the same start on cpu.
  const initialWeights = model.getWeights().map((weight) => tf.clone(weight));
  try {
    return await check('wasm');
  } catch (error) {
    const kernel = missingWasmKernel(error);
    if (!kernel) throw error;
    await tf.setBackend('cpu');
    model.setWeights(initialWeights);
    if (model.optimizer) recompile(model, freshOptimizer(model.optimizer, 1));
    notes.push(`The WebAssembly backend has no ${kernel} kernel, which training this model needs, so the check ran on the slower cpu backend.`);
    started('cpu');
    return check('cpu');
  } finally {
    tf.dispose(initialWeights);
  }
}
