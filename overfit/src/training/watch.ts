/**
 * The instrumentation of a watched run: every training call the script makes is recorded as it
 * runs, without changing what it does.
 *
 * - `fit` and `fitDataset` get one more callback after the user's (callbacks.ts), which records each
 *   epoch's logs and a sample of the batch losses.
 * - `trainOnBatch` calls on one model form one call; each step's loss is the value it resolves to.
 * - Custom loops (`optimizer.minimize`, `tf.variableGrads`, `tf.valueAndGrads`, `tf.valueAndGrad`)
 *   form one call per place in the code that takes the step; the loss is read on sampled steps only.
 * - A handful of times per call, one real step is measured per layer (layer-sample.ts).
 *
 * Nothing here may change the script's training: measurements that fail are left out.
 */
import { callSite } from '../loop-capture';
import type { LayersModel, Optimizer, Tensor, Tf } from '../tf';
import { hasEarlyStopping, withCallback } from './callbacks';
import { deadFractions, deadUnitProbe, gradientMap, gradientNorms, layerGroups, layerSample, snapshot, updateRatios, variableGroups, type DeadUnitProbe, type GivenGradients, type WeightGroup } from './layer-sample';
import { BatchSampler, isLayerSampleStep, layerSampleEpochs } from './sampling';
import type { CodePlace, TrainingCall, TrainingConfig, TrainingEvent } from './types';
import { methodPatches, type Callable } from '../method-patches';

type Variable = import('@tensorflow/tfjs').Variable;
type Scalar = import('@tensorflow/tfjs').Scalar;

export interface WatchOptions {
  readonly emit: (event: TrainingEvent) => void;
  /** ms since the run started. */
  readonly now: () => number;
  /** Where the script created a model, when known. */
  readonly creationSite: (model: object) => CodePlace | undefined;
  /** The name to give a model created at `site` (its variable, when the analysis knows the place). */
  readonly modelName: (model: LayersModel, site: CodePlace | undefined) => string;
  /** Whether a file named in a raw stack frame is the script's (its bundle): custom-loop steps are told apart by their place there. */
  readonly isScriptFile: (fileName: string) => boolean;
}

export interface TrainingWatch {
  /** The tfjs namespace to give the script: `tf` with its gradient functions watched. */
  readonly scriptTf: Record<string, unknown>;
  /** Sends what still waits to be sent (a custom loop of one step, whose optimizer never showed): at the script's end. */
  flush(): void;
  /** Puts tfjs's methods back. */
  restore(): void;
}

/** What the watch keeps of a `fit`, `fitDataset` or `trainOnBatch` call while it runs. */
interface LayersCall {
  readonly index: number;
  readonly model: LayersModel;
  /** Steps taken so far, over the whole call. */
  step: number;
  epoch: number;
  sampler: BatchSampler;
  /** fit and fitDataset: the epochs whose first step is measured per layer. */
  probeEpochs: ReadonlySet<number>;
  /** The step to measure per layer, when the next step is one. */
  measureAt?: number;
  groups?: WeightGroup[];
  deadProbe?: DeadUnitProbe;
}

/** A custom loop: the steps taken at one place of the script. */
interface CustomCall {
  readonly index: number;
  readonly via: string;
  readonly at: CodePlace | undefined;
  step: number;
  readonly sampler: BatchSampler;
  /**
   * Whether its call-start was sent. A loop of `tf.variableGrads` and friends names its optimizer
   * only when it applies its first gradients: until then (or its second step) its events wait.
   */
  started: boolean;
  readonly waiting: TrainingEvent[];
}

/** Gradient norms being taken from the optimizer during a measured step. */
interface GradientCatch {
  readonly groups: readonly WeightGroup[];
  norms?: number[];
}

const LAYERS_METHODS = ['fit', 'fitDataset', 'trainOnBatch'] as const;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The number of samples in fit's x: a tensor, a list of them, or a map of input names to them. */
function sampleCount(tf: Tf, x: unknown): number | undefined {
  const first: unknown = x instanceof tf.Tensor ? x : Array.isArray(x) ? (x as unknown[])[0] : x && typeof x === 'object' ? Object.values(x as Record<string, unknown>)[0] : undefined;
  if (!(first instanceof tf.Tensor) || first.rank === 0) return undefined;
  const shape: readonly number[] = (first as Tensor).shape;
  return shape[0];
}

function optimizerConfig(optimizer: Optimizer | undefined): Pick<TrainingConfig, 'optimizer' | 'learningRate'> {
  if (!optimizer) return {};
  let learningRate: unknown;
  try {
    learningRate = (optimizer.getConfig() as { learningRate?: unknown }).learningRate;
  } catch {
    learningRate = undefined;
  }
  return { optimizer: optimizer.getClassName(), ...(typeof learningRate === 'number' && Number.isFinite(learningRate) ? { learningRate } : {}) };
}

/** A log value as a number: tfjs passes scalars as tensors until a callback reads them. */
async function numberOf(tf: Tf, value: unknown): Promise<number | undefined> {
  if (typeof value === 'number') return value;
  if (value instanceof tf.Tensor && !value.isDisposed) return (await value.data())[0];
  return undefined;
}

/**
 * A first-frame key of the current stack, cheap enough for every step of a custom loop: the place in
 * the script's bundle, read from V8's structured frames before any source map is applied.
 */
function rawScriptFrame(isScriptFile: (fileName: string) => boolean): string | undefined {
  const savedPrepare = Error.prepareStackTrace;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.captureStackTrace(holder);
    const frames = holder.stack as NodeJS.CallSite[];
    const frame = frames.find((each) => {
      const name = each.getFileName();
      return name !== undefined && name !== null && isScriptFile(name);
    });
    return frame ? `${frame.getLineNumber()}:${frame.getColumnNumber()}` : undefined;
  } finally {
    Error.prepareStackTrace = savedPrepare;
  }
}

export function watchTraining(tf: Tf, baseTf: Tf, options: WatchOptions): TrainingWatch {
  const { emit, now } = options;
  let nextIndex = 0;
  /** Inside the synchronous part of a watched layers method: a Sequential trains through its inner model, which is not another call. */
  let layersDepth = 0;
  /** Inside a layers model's training step: its optimizer calls are not a custom loop. */
  let trainStepDepth = 0;
  /** The call each model's steps belong to now (a Sequential's inner model included); weak, as a script may make many models. */
  const activeCalls = new WeakMap<object, LayersCall>();
  const trainOnBatchCalls = new WeakMap<object, LayersCall>();
  const customCalls = new Map<string, CustomCall>();
  let gradientCatch: GradientCatch | undefined;
  /** The custom-loop step whose gradients an optimizer applies next: a minimize call's own. */
  let customStep: { call: CustomCall; step: number } | undefined;
  /** A gradient step of `tf.variableGrads` and friends, whose update an optimizer may apply next. */
  let pendingGradientStep: { call: CustomCall; step: number } | undefined;

  const startCall = (kind: TrainingCall['kind'], model: string, modelAt: CodePlace | undefined, at: CodePlace | undefined, config: TrainingConfig): number => {
    const index = nextIndex++;
    emit({ type: 'call-start', call: { index, kind, model, ...(modelAt ? { modelAt } : {}), ...(at ? { at } : {}), config } });
    return index;
  };

  const innerModel = (model: LayersModel): object | undefined => (model as unknown as { model?: object }).model;
  const activate = (call: LayersCall): (() => void) => {
    const models = [call.model, innerModel(call.model)].filter((each): each is object => each !== undefined);
    const previous = models.map((model) => activeCalls.get(model));
    for (const model of models) activeCalls.set(model, call);
    return () =>
      models.forEach((model, index) => {
        const before = previous[index];
        if (before) activeCalls.set(model, before);
        else activeCalls.delete(model);
      });
  };

  const newLayersCall = (index: number, model: LayersModel, batchesPerEpoch?: number): LayersCall => ({
    index,
    model,
    step: 0,
    epoch: 0,
    sampler: new BatchSampler(batchesPerEpoch),
    probeEpochs: new Set(),
  });

  /** One training step of a layers model, measured per layer around it. */
  const measuredStep = (call: LayersCall, step: number, stepModel: LayersModel, data: Tensor[], train: (data: Tensor[]) => unknown): unknown => {
    let groups: WeightGroup[];
    let dead: Map<string, number>;
    let before: Tensor[][];
    try {
      groups = call.groups ??= layerGroups(call.model);
      call.deadProbe ??= deadUnitProbe(tf, call.model);
      dead = deadFractions(tf, call.deadProbe, data.slice(0, stepModel.inputs.length));
      before = snapshot(tf, groups);
    } catch {
      return train(data);
    }
    const caught: GradientCatch = { groups };
    gradientCatch = caught;
    let out: unknown;
    try {
      out = train(data);
    } catch (error) {
      tf.dispose(before.flat());
      throw error;
    } finally {
      gradientCatch = undefined;
    }
    try {
      const ratios = updateRatios(tf, groups, before);
      if (caught.norms) emit({ type: 'layers', call: call.index, sample: layerSample(step, call.epoch, groups, caught.norms, ratios, dead) });
    } catch {
      // Left out: the step itself went as the script made it.
    }
    return out;
  };

  /** The callback added to fit and fitDataset. */
  const Callback = tf.Callback as unknown as new () => { params: Record<string, unknown> };
  class WatchCallback extends Callback {
    constructor(private readonly call: LayersCall) {
      super();
    }

    onTrainBegin(): Promise<void> {
      const params = this.params;
      const samples = typeof params['samples'] === 'number' ? params['samples'] : undefined;
      const batchSize = typeof params['batchSize'] === 'number' ? params['batchSize'] : undefined;
      const steps = typeof params['steps'] === 'number' ? params['steps'] : undefined;
      const perEpoch = steps ?? (samples !== undefined && batchSize ? Math.ceil(samples / batchSize) : undefined);
      this.call.sampler = new BatchSampler(perEpoch);
      const epochs = typeof params['epochs'] === 'number' ? params['epochs'] : 1;
      const initialEpoch = typeof params['initialEpoch'] === 'number' ? params['initialEpoch'] : 0;
      this.call.probeEpochs = layerSampleEpochs(epochs, initialEpoch);
      this.call.epoch = initialEpoch;
      return Promise.resolve();
    }

    onEpochBegin(epoch: number): Promise<void> {
      this.call.epoch = epoch;
      return Promise.resolve();
    }

    onBatchBegin(batch: number): Promise<void> {
      // Epochs spread over the planned run, and a few early ones for a run that stops early.
      const { epoch } = this.call;
      const measured = batch === 0 && (this.call.probeEpochs.has(epoch) || isLayerSampleStep(epoch));
      if (measured) this.call.measureAt = this.call.step;
      else delete this.call.measureAt;
      return Promise.resolve();
    }

    async onBatchEnd(_batch: number, logs?: Record<string, unknown>): Promise<void> {
      const call = this.call;
      const step = call.step++;
      if (!call.sampler.takes(step)) return;
      const loss = await numberOf(tf, logs?.['loss']).catch(() => undefined);
      if (loss !== undefined) emit({ type: 'batch', call: call.index, record: { step, epoch: call.epoch, loss } });
    }

    async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
      const values: Record<string, number> = {};
      // Training metrics first, then their validation twins (tfjs lists validation first).
      const entries = Object.entries(logs ?? {}).sort(([a], [b]) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
      for (const [key, value] of entries) {
        const number = await numberOf(tf, value).catch(() => undefined);
        if (number !== undefined) values[key] = number;
      }
      emit({ type: 'epoch', call: this.call.index, record: { epoch, logs: values, at: now() } });
    }
  }

  const modelInfo = (model: LayersModel) => {
    const modelAt = options.creationSite(model);
    return { name: options.modelName(model, modelAt), modelAt };
  };

  /** fit(x, y, config) and fitDataset(dataset, config). */
  const watchFit = (kind: 'fit' | 'fitDataset', original: Callable) =>
    function (this: LayersModel, ...args: unknown[]): unknown {
      if (layersDepth > 0) return original.apply(this, args);
      const configIndex = kind === 'fit' ? 2 : 1;
      const given = (args[configIndex] ?? {}) as Record<string, unknown>;
      const { name, modelAt } = modelInfo(this);
      const config: TrainingConfig =
        kind === 'fit'
          ? {
              epochs: typeof given['epochs'] === 'number' ? given['epochs'] : 1,
              batchSize: typeof given['batchSize'] === 'number' ? given['batchSize'] : 32,
              ...(typeof given['validationSplit'] === 'number' ? { validationSplit: given['validationSplit'] } : {}),
              validationData: given['validationData'] !== undefined && given['validationData'] !== null,
              shuffle: given['shuffle'] === undefined ? true : Boolean(given['shuffle']),
              ...optimizerConfig(this.optimizer),
              ...(sampleCount(tf, args[0]) !== undefined ? { samples: sampleCount(tf, args[0])! } : {}),
              earlyStopping: hasEarlyStopping(tf, given['callbacks']),
            }
          : {
              ...(typeof given['epochs'] === 'number' ? { epochs: given['epochs'] } : {}),
              validationData: given['validationData'] !== undefined && given['validationData'] !== null,
              ...optimizerConfig(this.optimizer),
              earlyStopping: hasEarlyStopping(tf, given['callbacks']),
            };
      const index = startCall(kind, name, modelAt, callSite(), config);
      const call = newLayersCall(index, this);
      const watched = [...args];
      watched[configIndex] = { ...given, callbacks: withCallback(tf, given['callbacks'], given['yieldEvery'], new WatchCallback(call)) };
      const deactivate = activate(call);
      const end = (how: 'finished' | 'threw', error?: unknown) => {
        deactivate();
        emit({ type: 'call-end', call: index, end: how, ...(how === 'threw' ? { error: describe(error) } : {}) });
      };
      let result: unknown;
      layersDepth++;
      try {
        result = original.apply(this, watched);
      } catch (error) {
        end('threw', error);
        throw error;
      } finally {
        layersDepth--;
      }
      // The promise the script gets settles as fit's does, after the call is recorded as ended.
      return (result as Promise<unknown>).then(
        (value) => {
          end('finished');
          return value;
        },
        (error: unknown) => {
          end('threw', error);
          throw error;
        },
      );
    };

  /** trainOnBatch(x, y): the calls on one model are one training call. */
  const watchTrainOnBatch = (original: Callable) =>
    function (this: LayersModel, ...args: unknown[]): unknown {
      if (layersDepth > 0) return original.apply(this, args);
      let call = trainOnBatchCalls.get(this);
      if (!call) {
        const { name, modelAt } = modelInfo(this);
        const samples = sampleCount(tf, args[0]);
        const index = startCall('trainOnBatch', name, modelAt, callSite(), { ...(samples !== undefined ? { batchSize: samples } : {}), ...optimizerConfig(this.optimizer) });
        call = newLayersCall(index, this);
        trainOnBatchCalls.set(this, call);
      }
      const own = call;
      const step = own.step++;
      // A fit of the same model in progress keeps its steps; otherwise this call gets them.
      if (!activeCalls.has(this)) activate(own);
      if (isLayerSampleStep(step)) own.measureAt = step;
      else delete own.measureAt;
      let result: unknown;
      layersDepth++;
      try {
        result = original.apply(this, args);
      } finally {
        layersDepth--;
      }
      return (result as Promise<number | number[]>).then(
        (value) => {
          const loss = Array.isArray(value) ? value[0] : value;
          if (typeof loss === 'number' && own.sampler.takes(step)) emit({ type: 'batch', call: own.index, record: { step, epoch: 0, loss } });
          return value;
        },
        (error: unknown) => {
          loopThrew(own.index, error);
          throw error;
        },
      );
    };

  // Every patched method, to put back.
  const patches = methodPatches();
  const { patch } = patches;

  for (const prototype of [tf.LayersModel.prototype, tf.Sequential.prototype]) {
    for (const method of LAYERS_METHODS) patch(prototype, method, (original) => (method === 'trainOnBatch' ? watchTrainOnBatch(original) : watchFit(method, original)));
  }

  /** A layers model's training step: measured per layer when its call asks for it. */
  const watchedStep =
    (stepModel: LayersModel, train: (data: Tensor[]) => unknown) =>
    (data: Tensor[]): unknown => {
      const call = activeCalls.get(stepModel);
      trainStepDepth++;
      try {
        if (call?.measureAt !== undefined) {
          const step = call.measureAt;
          delete call.measureAt;
          return measuredStep(call, step, stepModel, data, train);
        }
        return train(data);
      } finally {
        trainStepDepth--;
      }
    };

  // Every training step of a layers model goes through the function makeTrainFunction returns.
  patch(tf.LayersModel.prototype, 'makeTrainFunction', (original) =>
    function (this: LayersModel, ...args: unknown[]) {
      return watchedStep(this, original.apply(this, args) as (data: Tensor[]) => unknown);
    },
  );

  /** Optimizers by the order the script first used them: two loops stepped from one helper function are told apart by theirs. */
  const optimizerIds = new WeakMap<Optimizer, number>();
  let optimizerCount = 0;
  /** Sends a custom loop's call-start, with its optimizer when known, then the events that waited for it. */
  const startCustom = (call: CustomCall, optimizer: Optimizer | undefined) => {
    if (call.started) return;
    call.started = true;
    emit({ type: 'call-start', call: { index: call.index, kind: 'custom', model: `custom loop (${call.via})`, ...(call.at ? { at: call.at } : {}), config: optimizerConfig(optimizer) } });
    for (const event of call.waiting.splice(0)) emit(event);
  };
  const emitFor = (call: CustomCall, event: TrainingEvent) => {
    if (call.started) emit(event);
    else call.waiting.push(event);
  };
  /**
   * The custom loop whose step is being taken here: created at its first step, and started then
   * when its optimizer is known (`minimize`), else at its optimizer's first update or its next step.
   */
  const customCall = (via: string, optimizer: Optimizer | undefined): CustomCall => {
    let optimizerId = optimizer ? optimizerIds.get(optimizer) : undefined;
    if (optimizer && optimizerId === undefined) optimizerIds.set(optimizer, (optimizerId = optimizerCount++));
    const key = `${via}@${rawScriptFrame(options.isScriptFile) ?? 'elsewhere'}#${optimizerId ?? ''}`;
    let call = customCalls.get(key);
    if (!call) {
      call = { index: nextIndex++, via, at: callSite(), step: 0, sampler: new BatchSampler(), started: false, waiting: [] };
      customCalls.set(key, call);
      if (optimizer) startCustom(call, optimizer);
    } else if (!call.started) {
      startCustom(call, undefined);
    }
    return call;
  };

  /** A loop (trainOnBatch calls, a custom loop) ends when its own step throws; otherwise it runs until the script ends. */
  const threwLoops = new Set<number>();
  const loopThrew = (index: number, error: unknown, custom?: CustomCall) => {
    if (threwLoops.has(index)) return;
    threwLoops.add(index);
    if (custom) startCustom(custom, undefined);
    emit({ type: 'call-end', call: index, end: 'threw', error: describe(error) });
  };
  /** Runs a custom loop's step, ending the loop's call if the step throws. */
  const loopStep = <T>(call: CustomCall, step: () => T): T => {
    try {
      return step();
    } catch (error) {
      loopThrew(call.index, error, call);
      throw error;
    }
  };

  const recordLoss = (call: CustomCall, step: number, value: () => number) => {
    try {
      emitFor(call, { type: 'batch', call: call.index, record: { step, epoch: 0, loss: value() } });
    } catch {
      // A loss that cannot be read is left out.
    }
  };

  // optimizer.minimize(f, returnCost?, varList?) outside a layers model's step: one step of a custom loop.
  patch(tf.Optimizer.prototype, 'minimize', (original) =>
    function (this: Optimizer, ...args: unknown[]) {
      if (trainStepDepth > 0 || typeof args[0] !== 'function') return original.apply(this, args);
      const call = customCall('optimizer.minimize', this);
      const step = call.step++;
      customStep = { call, step };
      try {
        if (!call.sampler.takes(step)) return loopStep(call, () => original.apply(this, args));
        // The cost is asked for to read the loss; the script gets it only if it asked.
        const cost = loopStep(call, () => original.call(this, args[0], true, args[2]) as Scalar | null);
        if (cost) recordLoss(call, step, () => cost.dataSync()[0]!);
        if (args[1] === true) return cost;
        cost?.dispose();
        return null;
      } finally {
        customStep = undefined;
      }
    },
  );

  // optimizer.applyGradients(gradients), on every optimizer class: the gradients of a measured step.
  const optimizerClasses = Object.values(tf as unknown as Record<string, unknown>).filter(
    (value): value is { prototype: object } => typeof value === 'function' && (value === tf.Optimizer || value.prototype instanceof tf.Optimizer),
  );
  for (const cls of optimizerClasses) {
    patch(cls.prototype, 'applyGradients', (original) =>
      function (this: Optimizer, ...args: unknown[]) {
        if (trainStepDepth > 0) {
          if (gradientCatch) {
            try {
              gradientCatch.norms = gradientNorms(tf, gradientCatch.groups, gradientMap(args[0] as GivenGradients));
            } catch {
              // Left out.
            }
          }
          return original.apply(this, args);
        }
        const taken = customStep ?? pendingGradientStep;
        pendingGradientStep = undefined;
        // The optimizer of a loop of tf.variableGrads is known now.
        if (taken) startCustom(taken.call, this);
        if (!taken || !isLayerSampleStep(taken.step)) return original.apply(this, args);
        return measuredCustomStep(taken, args, () => original.apply(this, args));
      },
    );
  }

  /** A custom loop's step measured per variable group around its update. */
  const measuredCustomStep = (taken: { call: CustomCall; step: number }, args: unknown[], apply: () => unknown): unknown => {
    let groups: WeightGroup[];
    let norms: number[];
    let before: Tensor[][];
    try {
      const gradients = gradientMap(args[0] as GivenGradients);
      const registered = tf.engine().registeredVariables as Record<string, Variable>;
      groups = variableGroups(Object.keys(gradients).flatMap((name) => (registered[name] ? [registered[name]] : [])));
      norms = gradientNorms(tf, groups, gradients);
      before = snapshot(tf, groups);
    } catch {
      return apply();
    }
    let out: unknown;
    try {
      out = apply();
    } catch (error) {
      tf.dispose(before.flat());
      throw error;
    }
    try {
      const ratios = updateRatios(tf, groups, before);
      emitFor(taken.call, { type: 'layers', call: taken.call.index, sample: layerSample(taken.step, 0, groups, norms, ratios, new Map()) });
    } catch {
      // Left out.
    }
    return out;
  };

  const scriptTf: Record<string, unknown> = { ...(baseTf as unknown as Record<string, unknown>) };
  const variableGrads = baseTf.variableGrads as unknown as Callable;
  scriptTf['variableGrads'] = (...args: unknown[]) => {
    const call = customCall('tf.variableGrads', undefined);
    const step = call.step++;
    const result = loopStep(call, () => variableGrads(...args) as { value: Scalar });
    if (call.sampler.takes(step)) recordLoss(call, step, () => result.value.dataSync()[0]!);
    pendingGradientStep = { call, step };
    return result;
  };
  for (const name of ['valueAndGrads', 'valueAndGrad'] as const) {
    const original = baseTf[name] as unknown as Callable;
    scriptTf[name] = (f: unknown) => {
      const compute = original(f) as Callable;
      return (...args: unknown[]) => {
        const call = customCall(`tf.${name}`, undefined);
        const step = call.step++;
        const result = loopStep(call, () => compute(...args) as { value: Scalar });
        if (call.sampler.takes(step)) recordLoss(call, step, () => result.value.dataSync()[0]!);
        pendingGradientStep = { call, step };
        return result;
      };
    };
  }

  return {
    scriptTf,
    flush() {
      for (const call of customCalls.values()) startCustom(call, undefined);
    },
    restore() {
      patches.restore();
    },
  };
}
