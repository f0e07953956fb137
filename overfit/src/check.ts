/** The whole check inside the worker: choose the model, get it and a batch, train, report. */
import * as path from 'node:path';
import { capturedBatch, MIN_BATCH, syntheticBatch, syntheticLabelNotes, tensorList, toppedUpBatch, toppedUpNote, type Batch } from './batch';
import { missingWasmKernel, type LoadedTf } from './backend';
import { buildModel, ModelRejected, revive } from './build';
import { describeScriptError, executeForCapture, isLoopCapture, NothingTrained, type Capture, type ExecuteOptions, type ScriptCapture } from './capture';
import { createdAt, targetCreatedAt, trackCreationSites } from './creation-sites';
import { checkModel, FirstStepError } from './engine';
import { standInLoss } from './losses';
import { fixedBatches, modelRangeTest, shuffledBatches, type RangeBatches } from './lr-range-model';
import { describeStep, detachedLoss, runLoopRequest } from './loop-check';
import { stepArguments } from './step-arguments';
import { staticallyTrainedThrough } from './training-functions';
import { checkRebuiltStep, madeUpExplained, settleMadeUpData, unboundedExplained, type RebuiltStepContext } from './step-check';
import { describeLocation, sameFile, targetAt } from './model-location';
import { freshOptimizer, recompile } from './optimizers';
import { withCodeCauses } from './diagnose';
import { optimizerInfo, settleVerdict, stepsFor, withoutExecuteAdvice, type Settling } from './outcome';
import { seedMathRandom } from './random';
import { pageReason, ScriptEnvironmentError, scriptProblem } from './script-problems';
import { sameLayers } from './target-match';
import type { LayersModel, Tensor, Tf } from './tf';
import { OverfitError, RANGE_PHASE, type BackendName, type Cause, type Mode, type ModelLocation, type ModelSpec, type ModelTarget, type OverfitRequest, type OverfitResult, type StandInArgumentValue, type StepCall, type TrainingStepPlace, type WorkerMessage } from './types';

/**
 * The target the request names (by place, else by name or index), else the first one the static
 * build can make.
 */
export function chooseTarget(targets: readonly ModelTarget[], wanted: string | undefined, at?: ModelLocation): ModelTarget | undefined {
  if (at !== undefined) return targetAt(targets, at);
  if (wanted !== undefined) {
    const byName = targets.find((target) => target.name === wanted) ?? targets.find((target) => target.factory === wanted);
    if (byName) return byName;
    const index = Number(wanted);
    if (Number.isInteger(index) && index >= 1 && index <= targets.length) return targets[index - 1];
    return undefined;
  }
  return targets.find((target) => target.spec) ?? targets[0];
}

/** Elements of a dataset read at most, to gather a batch of MIN_BATCH samples from batches smaller than that. */
const MAX_DATASET_ELEMENTS = 64;

/** The samples of one dataset element, as the model's inputs and outputs. */
function datasetElement(tf: Tf, model: LayersModel, value: unknown): { xs: Tensor[]; ys: Tensor[] } {
  const element = value as { xs?: unknown; ys?: unknown } | unknown[];
  const [x, y] = Array.isArray(element) ? element : [element.xs, element.ys];
  return { xs: tensorList(tf, x, model.inputNames, 'xs of the dataset'), ys: tensorList(tf, y, model.outputNames, 'ys of the dataset') };
}

/**
 * The batch fit would train on first. A batch smaller than MIN_BATCH is topped up with the samples
 * of the batches after it, as far as the data goes; `notes` says so.
 */
async function batchFromCapture(tf: Tf, capture: Capture, model: LayersModel, batchSize: number, seed: number, notes: string[]): Promise<Batch> {
  if (capture.via === 'export') return syntheticBatch(tf, model, batchSize, seed);
  if (capture.via === 'fitDataset') {
    const iterator = await (capture.dataset as { iterator(): Promise<{ next(): Promise<{ value: unknown; done: boolean }> }> }).iterator();
    const parts: { xs: Tensor[]; ys: Tensor[] }[] = [];
    let samples = 0;
    while (parts.length < MAX_DATASET_ELEMENTS && (parts.length === 0 || samples < Math.min(MIN_BATCH, batchSize))) {
      const element = await iterator.next();
      if (element.done) break;
      const part = datasetElement(tf, model, element.value);
      parts.push(part);
      samples += Math.min(...[...part.xs, ...part.ys].map((tensor) => tensor.shape[0] ?? 0));
    }
    if (parts.length === 0) throw new OverfitError('the dataset given to fitDataset is empty');
    const first = parts[0]!;
    if (parts.length === 1) return capturedBatch(tf, first.xs, first.ys, batchSize);
    const firstSize = first.xs[0]!.shape[0] ?? 0;
    notes.push(`The dataset's batches hold ${firstSize} sample${firstSize === 1 ? '' : 's'}; the check trained on the first ${parts.length} batches together (${samples} samples), as a batch that small says little.`);
    const joined = (pick: (part: { xs: Tensor[]; ys: Tensor[] }) => Tensor[], count: number) => Array.from({ length: count }, (_, index) => tf.concat(parts.map((part) => pick(part)[index]!)));
    return capturedBatch(tf, joined((part) => part.xs, first.xs.length), joined((part) => part.ys, first.ys.length), batchSize);
  }
  const userBatch = capture.batchSize ?? batchSize;
  const batch = capturedBatch(tf, tensorList(tf, capture.x, model.inputNames, 'x'), tensorList(tf, capture.y, model.outputNames, 'y'), Math.min(batchSize, toppedUpBatch(userBatch)));
  if (batch.size > userBatch) notes.push(toppedUpNote(userBatch, batch.size, batch.size === batchSize));
  return batch;
}

/**
 * The same model with fresh initial weights: rebuilt from its spec, or from its own configuration
 * (what a model of the script can be copied by).
 */
function reinitialiser(tf: Tf, model: LayersModel, spec: ModelSpec | undefined): () => Promise<LayersModel> {
  if (spec) return () => Promise.resolve(buildModel(tf, spec));
  return () => tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as never });
}

/** Why execute mode gave no model, for the verdict. */
function fallbackOf(error: OverfitError): NonNullable<Settling['fallback']> {
  if (error instanceof ScriptEnvironmentError) return { reason: error.problem.kind, message: error.problem.message };
  if (/without training a model|is not a model|no export named|trains first is not/.test(error.message)) return { reason: 'no-model', message: error.message };
  if (/^the package "[^"]+" the script imports/.test(error.message)) return { reason: 'missing-package', message: error.message };
  return { reason: 'script-failed', message: error.message };
}

export interface CheckRequestOptions {
  readonly send: (message: WorkerMessage) => void;
  readonly loadEsbuild: ExecuteOptions['loadEsbuild'];
  readonly scratchDir: ExecuteOptions['scratchDir'];
  readonly shouldStop?: () => boolean;
  /** The time limit shouldStop keeps to, for the verdict's words. */
  readonly timeLimitMs?: number;
}

export async function runRequest(loaded: LoadedTf, request: OverfitRequest, options: CheckRequestOptions): Promise<OverfitResult> {
  const seed = request.seed ?? 1;
  // Initial weights, dropout and the script's own shuffles all draw from Math.random: seeded, the
  // same file with the same options gives the same run.
  const restoreRandom = seedMathRandom(seed);
  const route: Route = {};
  try {
    const result = await runSeeded(loaded, request, options, seed, route);
    const routed = withOtherModels(request, route.through ? { ...result, through: { name: route.through.owner, line: route.through.line } } : result);
    return noExecuteAdvice(request) ? withExecuteWords(routed) : routed;
  } catch (error) {
    // Execute mode that fell back and failed: the static build's advice to run it is no advice.
    throw noExecuteAdvice(request) && error instanceof OverfitError ? new OverfitError(withoutExecuteAdvice(error.message)) : error;
  } finally {
    restoreRandom();
  }
}

/** Whether advice to run the check in execute mode is no advice: it ran in execute mode, or cannot run the file (a page's scripts are a browser's). */
function noExecuteAdvice(request: OverfitRequest): boolean {
  return request.mode === 'execute' || pageReason(request.file) !== undefined;
}

/** A check that named no model, of a file with several: the note names the others and how to check them. */
function withOtherModels(request: OverfitRequest, result: OverfitResult): OverfitResult {
  if (request.model !== undefined || request.at !== undefined || result.line === undefined) return result;
  const checked = request.targets.find((target) => sameFile(target.file, result.file ?? request.file) && target.line === result.line);
  const others = checked ? request.targets.filter((target) => target !== checked) : [];
  if (others.length === 0) return result;
  // A factory's name picks its model with --model only when it makes no other.
  const label = (target: ModelTarget): string => (target.factory !== undefined && request.targets.filter((other) => other.factory === target.factory).length === 1 ? target.factory : target.name);
  // A model without a variable is named by its line already ("sequential model at line 12").
  const placed = (target: ModelTarget): string => (/ at line \d+$/.test(label(target)) && sameFile(target.file, request.file) ? label(target) : `${label(target)} (${describeLocation(target, request.file)})`);
  // A static build checks no model it cannot rebuild: those are named with the reason, not sent to their lens.
  const unbuilt = result.mode === 'static' ? others.filter((target) => !target.spec && target.specError !== undefined) : [];
  const checkable = others.filter((target) => !unbuilt.includes(target));
  const listed = checkable.slice(0, 4).map(placed);
  const more = checkable.length > 4 ? `, and ${checkable.length - 4} more` : '';
  const them = checkable.length === 0 ? '' : checkable.length === 1 ? ` The other${unbuilt.length > 0 ? ' one it can build' : ''}, ${listed[0]!}, is checked from the lens above it, or with --model on the command line.` : ` The ${unbuilt.length > 0 ? 'other ones it can build' : 'others'}, ${listed.join(', ')}${more}, are checked from the lens above each, or with --model on the command line.`;
  const why = unbuilt.slice(0, 2).map((target) => `${placed(target)}${(target.trainedIn?.length ?? 0) > 0 ? ', which the script trains,' : ''} cannot be rebuilt from the code alone: ${target.specError!}`);
  const rest = unbuilt.length > 2 ? `; and ${unbuilt.length - 2} more cannot be rebuilt either` : '';
  // Asked for in static mode, execute mode is the way to them; a check that fell back from it already tried.
  const runIt = request.mode === 'static' ? ` (execute mode, which runs the code, may reach ${unbuilt.length > 1 ? 'them' : 'it'})` : '';
  const cannot = why.length > 0 ? ` ${why.join('; ')}${rest}${runIt}.` : '';
  const note = `The file has ${others.length + 1} models; this is the check of ${placed(checked!)}.${them}${cannot}`;
  return { ...result, notes: [note, ...(result.notes ?? [])] };
}

/** A result of a check asked for in execute mode, without advice to run it in execute mode. */
function withExecuteWords(result: OverfitResult): OverfitResult {
  return {
    ...result,
    ...(result.inconclusive ? { inconclusive: { ...result.inconclusive, message: withoutExecuteAdvice(result.inconclusive.message) } } : {}),
    ...(result.notes ? { notes: result.notes.map(withoutExecuteAdvice) } : {}),
    ...(result.learningRateRange?.note ? { learningRateRange: { ...result.learningRateRange, note: withoutExecuteAdvice(result.learningRateRange.note) } } : {}),
  };
}

/** Which training function nothing calls the check went through, once it knows. */
interface Route {
  through?: StepCall;
}

async function runSeeded(loaded: LoadedTf, request: OverfitRequest, options: CheckRequestOptions, seed: number, route: Route): Promise<OverfitResult> {
  const { tf } = loaded;
  const checkStarted = performance.now();
  const notes = [...loaded.notes];
  // A name that is a training function's and no model variable's asks for that function, whatever model its function makes.
  const namesFunction = request.at === undefined && request.model !== undefined && !request.targets.some((candidate) => candidate.name === request.model) && (request.stepCalls ?? []).some((call) => call.owner === request.model);
  let target = namesFunction ? undefined : chooseTarget(request.targets, request.model, request.at);
  // A training function nothing calls, asked for by its place (its lens) or name: checked through it alone.
  const chosenStep = target ? undefined : chooseStepCall(request);
  if (chosenStep && chosenStep.trains.length === 1) target = request.targets[chosenStep.trains[0]!];
  if (request.at !== undefined && !target && !chosenStep) {
    const models = request.targets.map((t) => `${t.name} at ${describeLocation(t, request.file)}`).join(', ');
    throw new OverfitError(`the file has no model created at ${describeLocation(request.at, request.file)}${models ? ` (models: ${models})` : ''}`);
  }
  if (request.model !== undefined && !target && !chosenStep && request.mode === 'static') {
    throw new OverfitError(`the file has no model named ${request.model}${request.targets.length > 0 ? ` (models: ${request.targets.map((t) => t.name).join(', ')})` : ''}`);
  }

  let model: LayersModel | undefined;
  let batch: Batch | undefined;
  let mode: Mode = request.mode;
  let name = target?.name ?? 'model';
  let fallback: Settling['fallback'];
  /** What the range test trains on, when fit was given all the data: shuffled batches of it. */
  let rangeData: RangeBatches | undefined;
  /** Whether the model checked is known to be the target's (the result then gives its place). */
  let isTarget = target !== undefined;
  /** Whether the check chose the model's loss and optimizer (the code never compiles it). */
  let standIn = false;
  let standInValues = false;
  /** Why execute mode gave no capture, when the file has no model and static mode goes on with a step's rebuilt loss. */
  let executeFailure: OverfitError | undefined;
  /** The function the check called with made-up data to reach the training call, when it did. */
  let madeUp: MadeStepCall | undefined;
  /** The script's training call the batch was taken from, when the check took one. */
  let trainingCall: { method: string; file?: string; line?: number } | undefined;
  /** tfjs's refusal of the script's training call on a model nothing compiled: the verdict, whatever the batch. */
  let uncompiledRefusal: FirstStepError | undefined;
  // A page's scripts are a browser's: no mode runs them, so a check of a page is a static check,
  // with the verdicts of one (not a fallback's, which stands in for a run that could happen), and a
  // note says why.
  const page = request.mode === 'execute' ? pageReason(request.file) : undefined;
  if (page) {
    notes.push(`${page}: the check rebuilt the model from the code (static mode), as it does for every page.`);
    mode = 'static';
  }
  if (request.mode === 'execute' && !page) {
    try {
      const exportName = chosenStep?.owner ?? (request.model !== undefined && !target ? request.model : undefined);
      const sites = trackCreationSites(tf);
      // A model asked for by its place: the script's models created elsewhere are passed over. One
      // whose place is not known (loaded, or made outside tf.sequential and tf.model) cannot be
      // told apart, and is taken, with a note saying so.
      const placed = request.at !== undefined ? target : undefined;
      // A model asked for by name among several: the one the script trains must have its layers.
      const choosing = !placed && request.model !== undefined && target?.spec !== undefined && request.targets.length > 1;
      options.send({ type: 'phase', phase: 'capturing' });
      // Training functions nothing calls, with made-up data: called only when the script trains nothing itself.
      const picked = !chosenStep && (request.at !== undefined || request.model !== undefined) ? target : undefined;
      // Made only when the script trains nothing itself: the models they are shaped from take layer names.
      const pickedIndex = picked ? request.targets.indexOf(picked) : undefined;
      const stepNames = (request.stepCalls ?? []).filter((call) => (chosenStep ? call === chosenStep : pickedIndex === undefined || call.trains.includes(pickedIndex))).map((call) => call.owner);
      let made: Map<string, MadeStepCall> | undefined;
      const stepCalls = (): Map<string, MadeStepCall> => (made ??= madeStepCalls(tf, request, seed, pickedIndex, notes));
      const execute = (file: string, contents: string | undefined, own: boolean): Promise<ScriptCapture> =>
        executeForCapture(tf, file, {
          loadEsbuild: options.loadEsbuild,
          scratchDir: options.scratchDir,
          scriptTf: sites.tf,
          ...(placed
            ? {
                isWanted: (trained: LayersModel) => {
                  const site = sites.siteOf(trained);
                  return site === undefined || createdAt(site, placed);
                },
              }
            : {}),
          ...(exportName ? { exportName } : {}),
          ...(own && request.model !== undefined && target ? { preferredExport: target.name } : {}),
          ...(choosing ? { accept: (built: LayersModel) => sameLayers(built, target!.spec!) } : {}),
          ...(contents !== undefined ? { contents } : {}),
          ...(own && request.scriptArguments && request.scriptArguments.length > 0 ? { scriptArguments: request.scriptArguments } : {}),
          exportArguments: own ? exportArguments(request.targets) : {},
          ...(own && stepNames.length > 0 ? { stepExports: stepNames, stepArguments: () => Object.fromEntries([...stepCalls()].map(([owner, call]) => [owner, call.values])) } : {}),
        });
      let capture: ScriptCapture;
      try {
        capture = await execute(request.file, request.fileContents, true);
      } catch (error) {
        // A file that only defines the model: the script that imports and trains it reaches its first fit.
        const trainer = target?.trainedIn?.find((file) => file !== request.file);
        if (!(error instanceof NothingTrained) || !trainer || exportName) throw error;
        capture = await execute(trainer, undefined, false);
        notes.push(`The file trains no model itself, so ${path.basename(trainer)}, which trains this one, was run to its first training step.`);
      }
      if (isLoopCapture(capture)) {
        // A custom training loop: the file's only model is the one it trains, else the step names it.
        const loopName = request.targets.length === 1 && target ? target.name : `custom loop (${describeStep(capture, false)})`;
        const loopSteps = request.steps ?? stepsFor(capture.optimizer ? optimizerInfo(capture.optimizer) : capture.learningRate !== undefined ? { name: 'sgd', learningRate: capture.learningRate } : undefined);
        const madeCall = capture.exportName !== undefined ? stepCalls().get(capture.exportName) : undefined;
        route.through = madeCall?.call;
        if (madeCall) notes.unshift(`${notCalled(madeCall.call)}, so the check called it with made-up data: ${madeCall.described}. On the data your code gives it, the step may train differently: for a check on that data, call ${madeCall.call.owner} from a script and run the check on that script.`);
        const ran = await runLoopRequest(loaded, capture, {
          steps: loopSteps,
          notes,
          target: { name: loopName },
          send: options.send,
          ...(unboundedExplained(request, madeCall?.call) ? { unboundedExplained: true } : {}),
          ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}), ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
        });
        const loopResult = madeCall ? settleMadeUpData(ran, madeCall.call, loopSteps) : ran;
        return request.lrRange ? { ...loopResult, learningRateRange: { points: [], stop: 'not-run', inconclusive: 'The range test runs on a model trained by fit, fitDataset or trainOnBatch; this script trains with a custom loop, which it does not cover yet.' } } : loopResult;
      }
      // The user picked one of several models: the one the script trains first may be another.
      if (choosing && !sameLayers(capture.model, target!.spec!)) {
        throw new OverfitError(`the model the script trains first is not ${target!.name}`);
      }
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
      // The script's own training call on a model nothing compiled yet: tfjs refuses it, whatever the data.
      const uncompiledCall = !model.optimizer && capture.via !== 'export';
      if (!model.optimizer && !uncompiledCall) {
        if (target?.spec) {
          model.compile({ optimizer: revive(tf, target.spec.compile.optimizer) as never, loss: revive(tf, target.spec.compile.loss) as never });
          if (target.spec.compile.standIn) {
            standIn = true;
            notes.push(...(target.spec.notes ?? []));
          }
        } else {
          // A model no code the analysis sees compiles: its output layers say which loss suits it.
          notes.push(standInCompileLive(model, capture.exportName));
          standIn = true;
        }
      }
      // Reached by calling a function with made-up data: the check's own labels, made for the model's loss, say more than those.
      madeUp = capture.calledExport !== undefined ? stepCalls().get(capture.calledExport) : undefined;
      route.through = madeUp?.call;
      if (madeUp) {
        const then = uncompiledCall
          ? `tfjs refuses that call on a model that is not compiled before it reads the data, so the made-up data does not decide the verdict.`
          : `The model was then trained on a made-up batch shaped for its loss, not on your data: for a check on that, call ${madeUp.call.owner} from a script and run the check on that script.`;
        notes.unshift(`${notCalled(madeUp.call)}, so the check called it with made-up data to reach its ${capture.via} call: ${madeUp.described}. ${then}`);
        standInValues = true;
      }
      // A model nothing compiled has no loss to shape labels for: the made-up data reaches tfjs's refusal as it is.
      batch = madeUp && !uncompiledCall ? syntheticBatch(tf, model, request.batchSize, seed) : await batchFromCapture(tf, capture, model, request.batchSize, seed, notes).catch((error: unknown) => {
        // The script's data is read only now (a tf.data.csv over the network, a file): its failure is
        // the script's surroundings, as when the script itself fails to read it.
        const problem = scriptProblem(error, { folder: path.dirname(request.file), readMissingArguments: false });
        throw problem ? new ScriptEnvironmentError(problem, `reading the data of the first training call failed: ${describeScriptError(error)}`) : error;
      });
      if (batch.source === 'synthetic') notes.push(...syntheticLabelNotes(model));
      if (capture.via !== 'export') trainingCall = { method: capture.via, ...capture.site };
      if (uncompiledCall) uncompiledRefusal = new FirstStepError(await refusalOfUncompiled(model, batch));
      if (request.lrRange && capture.via === 'fit') {
        // The method runs over the data, a new batch each step, as fit trains: not one batch again and again.
        rangeData = shuffledBatches(tf, tensorList(tf, capture.x, model.inputNames, 'x'), tensorList(tf, capture.y, model.outputNames, 'y'), batch.size, seed);
      }
      // An export called with stand-ins for its sizes: the model is the code's, at the check's sizes.
      const calledWith = capture.exportName !== undefined ? request.targets.find((candidate) => candidate.standInArguments?.owner === capture.exportName) : undefined;
      if (calledWith) {
        const standIns = calledWith.spec?.standIns?.join('; ') ?? calledWith.standInArguments!.described;
        notes.push(`No call in the project gives ${capture.exportName} its sizes, so the check called it with stand-ins: ${standIns}. At your values the model may train differently: for a check at them, call ${capture.exportName} from a script with real values and run the check on that script.`);
        standInValues = true;
      }
      if (capture.exportName) name = capture.exportName;
      else if (!isTarget) name = 'the model the script trained first';
      else if (target) name = target.name;
    } catch (error) {
      if (!(error instanceof OverfitError)) throw error;
      // A step over variables of the code's own whose loss the static build can rebuild: checked that way instead.
      const rebuildable = !target && (request.stepCalls?.some((call) => call.loss && call.trains.length === 0) || request.trainingSteps?.some((step) => step.loss));
      if (!target && !rebuildable) throw request.trainingSteps && error instanceof NothingTrained ? new OverfitError(`${error.message}; ${stepsNeverRan(request.trainingSteps)}`) : error;
      if (target) {
        // A factory that needs arguments no call gives: running the file cannot reach it, and the reason says what to do.
        if (!target.spec && !target.cannotTrain && error instanceof NothingTrained && target.needsArguments) throw new OverfitError(`the file trains no model when run, and ${target.specError!}`);
        // The static reason's advice to run the file is no advice here: it ran.
        if (!target.spec && !target.cannotTrain) throw new OverfitError(`${error.message}; the model cannot be rebuilt from the code alone either (${(target.specError ?? 'it is not fully known').replace(/: run the check in execute mode or give it a value$/, '')})${error instanceof ScriptEnvironmentError ? `. The script failed with: ${error.scriptError}` : ''}`);
        rangeData = undefined;
        isTarget = true;
      } else {
        executeFailure = error;
      }
      fallback = fallbackOf(error);
      // Why it fell back is the result's `fallback`; the script's own error says more.
      if (error instanceof ScriptEnvironmentError) notes.push(`The script failed with: ${error.scriptError}`);
      mode = 'static';
      model = undefined;
      // The static build draws its weights and batch as a static check of the file does: the script's run drew from the same seed.
      seedMathRandom(seed);
    }
  }
  const rebuiltContext = () => ({ request, seed, notes, send: options.send, ...(fallback ? { fallback } : {}), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}), ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}) });
  if (!model) {
    // The function asked for, or the first the static build would train through.
    const cutOff = chosenStep ?? rebuiltStepCall(request, target);
    if (cutOff?.detached) {
      // Its loss reaches no weight: tfjs refuses the step whatever the data, so there is nothing to train.
      route.through = cutOff;
      const { line, api } = cutOff.detached;
      const cause = detachedLoss(`${api} (line ${line})`, false, { file: request.file, line });
      // The result's place is the model's (its findings are looked up by it); the cause's is the step's.
      const place = target ? { file: target.file, line: target.line } : { file: request.file, line };
      const failed = failedBeforeTraining(cause, { model: target?.name ?? cutOff.owner, backend: loaded.backend, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), ...place });
      return withCodeCauses(failed, cutOff.codeCauses ?? []);
    }
    if (!target) {
      // No model: a custom step over variables of the code's own, its loss rebuilt from the code.
      const stepped = await checkVariableStep(loaded, request, rebuiltContext(), chosenStep, route);
      if (stepped && !('failed' in stepped)) return stepped;
      // Execute mode's own failure says most (the script's error); the rebuild's is added to it.
      if (executeFailure) throw stepped ? new OverfitError(`${executeFailure.message}; rebuilding its training step from the code failed as well: ${stepped.failed}`) : executeFailure;
      const why = stepped
        ? `its training step trains variables of the code's own, and ${stepped.failed}`
        : request.trainingSteps
          ? stepsOfVariables(request.trainingSteps)
          : request.loadedModels
            ? loadedModelsReason(request.loadedModels)
            : request.modelsElsewhere
              ? modelsElsewhereReason(request.file, request.modelsElsewhere)
              : undefined;
      throw new OverfitError(`no TensorFlow.js model was found in the file${why ? `: ${why}` : ''}`);
    }
    if (target.cannotTrain) {
      // tfjs refuses the training call as the code makes it: the model never gets a step.
      const { file, line, message } = target.cannotTrain;
      if (chosenStep && trainsOnly(chosenStep, request.targets.indexOf(target))) route.through = chosenStep;
      const cause: Cause = { id: 'training-step-throws', severity: 'error', message, file, line };
      return failedBeforeTraining(cause, { model: target.name, backend: loaded.backend, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), file: target.file, line: target.line });
    }
    if (!target.spec) {
      const reason = target.specError ?? 'it is not fully known';
      throw new OverfitError(`${target.name} cannot be rebuilt from the code alone: ${reason}${request.mode === 'static' && !/execute mode|run the check/i.test(reason) ? '. Run the check in execute mode' : ''}`);
    }
    options.send({ type: 'phase', phase: 'building' });
    try {
      model = buildModel(tf, target.spec);
    } catch (error) {
      // The code's own layers and compile, as written (nothing the build filled in): tfjs refuses them
      // as it would in the script, so the model cannot train at all.
      // Besides its stand-in sizes (which the build tells apart), anything else the build filled in may be what tfjs refuses.
      const filledIn = (target.spec.notes?.length ?? 0) > (target.spec.standInValues ? 1 : 0);
      if (!(error instanceof ModelRejected) || !error.codeOwn || filledIn || target.spec.compile.standIn) throw error;
      const cause: Cause = { id: 'model-rejected', severity: 'error', message: `${error.message.replace(/\.?$/, '.')} The script's own build throws the same, so the model never trains.`, file: target.file, line: error.line ?? target.line };
      return failedBeforeTraining(cause, { model: target.name, backend: loaded.backend, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), file: target.file, line: target.line });
    }
    standIn = target.spec.compile.standIn === true;
    standInValues = target.spec.standInValues === true;
    // A custom step of the code trains the model: its loss, rebuilt from the code, says what a stand-in loss cannot.
    // The function asked for, or the first that trains the model: never another function's loss for the one asked for.
    const stepCall = chosenStep ? (standIn && trainsOnly(chosenStep, request.targets.indexOf(target)) ? chosenStep : undefined) : rebuiltStepCall(request, target);
    if (stepCall?.loss) {
      const stepped = await checkRebuiltStep(loaded, { loss: stepCall.loss, call: stepCall, model: { model, target } }, rebuiltContext());
      if (!('failed' in stepped)) {
        route.through = stepCall;
        return stepped;
      }
      notes.push(`${sentence(stepped.failed)}, so the check trained the model with a loss of its own choosing.`);
    }
    notes.push(...(target.spec.notes ?? []));
    batch = syntheticBatch(tf, model, request.batchSize, seed, target.data);
    if (batch.source === 'synthetic') notes.push(...syntheticLabelNotes(model));
    if (batch.source === 'code' && target.data) trainingCall = { method: 'fit', file: target.file, line: target.data.line };
  }
  if (batch!.origin) notes.push(batch!.origin);
  const reinitialise = reinitialiser(tf, model, mode === 'static' ? target?.spec : undefined);
  const optimizer = optimizerInfo(model.optimizer);
  const steps = request.steps ?? stepsFor(optimizer);
  const started = (backend: BackendName): void => options.send({ type: 'started', model: name, backend, mode, steps, data: { source: batch!.source, batchSize: batch!.size }, ...(fallback ? { fallback } : {}) });
  let lastSent = 0;
  const onProgress = (phase: string, step: number, loss: number): void => {
    const now = Date.now();
    if (now - lastSent < 50 && step % 25 !== 0) return;
    lastSent = now;
    options.send({ type: 'progress', phase, step, loss });
  };
  const check = async (backend: BackendName): Promise<OverfitResult> => {
    // The range test starts from the weights the check starts from, and gives them back.
    const tested = request.lrRange
      ? await modelRangeTest(tf, model, rangeData ?? fixedBatches([batch!]), { onStep: (step, loss) => onProgress(RANGE_PHASE, step, loss), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) })
      : undefined;
    const range = tested && batch!.source === 'synthetic' ? { ...tested, note: 'The batch is made up: the rate suits it, not necessarily your data. Run the check in execute mode for a rate from your data.' } : tested;
    const result = settleVerdict(await checkModel(tf, model, batch!, {
      steps,
      mode,
      modelName: name,
      backend,
      notes,
      seed,
      reinitialise,
      ...(target && isTarget ? { file: target.file, line: target.line } : {}),
      onProgress,
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
      ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    }), { steps, optimizer, ...(fallback ? { fallback } : {}), ...(standIn ? { standIn } : {}), ...(standInValues ? { standInValues } : {}), explainedByCode: madeUp ? madeUpExplained(madeUp.call, target) : (target?.codeCauses?.length ?? 0) > 0 });
    const explained = withCodeCauses(result, madeUp ? (madeUp.call.codeCauses ?? []) : stepCausesOf(request, target));
    return range ? { ...explained, learningRateRange: range } : explained;
  };
  const checkOnBackend = async (): Promise<OverfitResult> => {
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
  };
  const place = target && isTarget ? { file: target.file, line: target.line } : {};
  if (uncompiledRefusal) {
    const refused = failedBeforeTraining(firstStepFailure(uncompiledRefusal, model, batch!, trainingCall), { model: name, backend: loaded.backend, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), ...place, batch: batch! });
    return withCodeCauses(refused, madeUp ? (madeUp.call.codeCauses ?? []) : stepCausesOf(request, target));
  }
  const collapsed = emptyOutput(model);
  if (collapsed && standInValues) {
    // The stand-in sizes may be what shrinks to nothing: the code's own sizes may not.
    throw new OverfitError(`the output of ${collapsed.layer} is empty at the sizes the check stood in for the ones the code leaves open: run the check on a script that builds the model with real values`);
  }
  if (collapsed) {
    const cause: Cause = {
      id: 'empty-output',
      severity: 'error',
      message: `The output of ${collapsed.layer} is empty (shape [${collapsed.shape.map((dim) => dim ?? 'batch').join(', ')}]): the layers before it shrink the input to nothing, so the model cannot learn. Use padding 'same', smaller kernels or strides, or fewer pooling layers.`,
      ...place,
    };
    return failedBeforeTraining(cause, { model: name, backend: loaded.backend, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), ...place, batch: batch! });
  }
  try {
    return await checkOnBackend();
  } catch (error) {
    if (!(error instanceof FirstStepError)) throw error;
    // On a batch the check made up, a refusal may be the check's own doing, unless the batch follows
    // the model's shapes for one of tfjs's own losses (its shapes are then what any data must have).
    const loss = (model as unknown as { loss?: unknown }).loss;
    const tfjsLoss = typeof loss === 'string' || (Array.isArray(loss) && loss.every((entry) => typeof entry === 'string'));
    const ownSizes = mode === 'execute' || (target?.spec?.notes?.length ?? 0) === 0;
    const ownLoss = tfjsLoss && !standIn && ownSizes;
    // A model that cannot even run forward on inputs of its own input shape fails whatever the loss and the labels.
    if (batch!.source === 'synthetic' && !ownLoss && !(ownSizes && forwardThrows(model, batch!))) {
      // Sizes the check chose may be what tfjs refuses: said, with them, so the message is not taken for the code's.
      const standIns = target?.spec?.standIns;
      const at = standIns && standIns.length > 0 ? `. It ran at sizes the check chose in place of the code's (${standIns.join('; ')}); at the code's own it may not throw` : '';
      throw new OverfitError(`the model's first training step on the made-up batch threw: ${error.message}${at}`);
    }
    return failedBeforeTraining(firstStepFailure(error, model, batch!, trainingCall), { model: name, backend: tf.getBackend() as BackendName, mode, seed, notes, started: checkStarted, ...(fallback ? { fallback } : {}), ...place, batch: batch! });
  }
}

/**
 * What tfjs says when a model that is not compiled is trained: fit is asked, on the batch, and
 * refuses before it reads the data (the same check guards fitDataset and trainOnBatch).
 */
async function refusalOfUncompiled(model: LayersModel, batch: Batch): Promise<unknown> {
  try {
    await model.fit(batch.xs.length === 1 ? batch.xs[0]! : batch.xs, batch.ys.length === 1 ? batch.ys[0]! : batch.ys, { epochs: 1, verbose: 0 });
  } catch (error) {
    return error;
  }
  return new Error('the model was trained before it was compiled');
}

/**
 * Compiles a model the script made but never compiled, as the static build does one the code never
 * compiles: adam, and per output the loss that matches its activation. Returns the note saying so.
 */
function standInCompileLive(model: LayersModel, exportName: string | undefined): string {
  const outputs = model.outputs.map(({ sourceLayer: layer }) => {
    const config = layer.getConfig() as { activation?: unknown; units?: unknown };
    const activation = layer.getClassName() === 'Softmax' ? 'softmax' : typeof config.activation === 'string' ? config.activation : undefined;
    return standInLoss(activation, typeof config.units === 'number' ? config.units : undefined);
  });
  model.compile({ optimizer: 'adam', loss: outputs.length === 1 ? outputs[0]!.loss : outputs.map((output) => output.loss) });
  const losses = outputs.map((output) => `${output.loss} (for ${output.why})`).join(', ');
  return `The model${exportName ? ` ${exportName}` : ''} is never compiled in the code the check ran: whatever receives it compiles and trains it. The check trained its layers with adam at its default learning rate and ${losses}.`;
}

interface MadeStepCall {
  readonly call: StepCall;
  readonly values: unknown[];
  readonly described: string;
}

/** Why the check calls a training function itself: nothing calls it, or only files it does not run with the file. */
function notCalled(call: StepCall): string {
  return call.calledElsewhere
    ? `Only other files of the project call ${call.owner} (line ${call.line}), and the check does not run them with this file`
    : `Nothing in the project calls ${call.owner} (line ${call.line})`;
}

/** The made-up arguments of the request's training functions nothing calls, by function name; those that cannot be made are left out. */
function madeStepCalls(tf: Tf, request: OverfitRequest, seed: number, picked: number | undefined, notes: string[]): Map<string, MadeStepCall> {
  const made = new Map<string, MadeStepCall>();
  for (const call of request.stepCalls ?? []) {
    // A model the user picked is checked through the steps that train it only.
    if (picked !== undefined && !call.trains.includes(picked)) continue;
    const args = stepArguments(tf, call, request.targets, request.batchSize, seed);
    if (!('error' in args)) made.set(call.owner, { call, ...args });
    else notes.push(`${notCalled(call)}, and the check could not make up data for it (${args.error}), so it was not called.`);
  }
  return made;
}

/**
 * The linter's findings in the training functions that train the target: where a custom step's own
 * loss is, which the static build does not run, so they say what it cannot.
 */
function stepCausesOf(request: OverfitRequest, target: ModelTarget | undefined): Cause[] {
  const index = target ? request.targets.indexOf(target) : -1;
  if (index < 0) return [];
  return (request.stepCalls ?? []).filter((call) => call.trains.includes(index)).flatMap((call) => call.codeCauses ?? []);
}

/** Static mode on the file's first custom step over variables of its own whose loss is known, with made-up arguments when its function takes any. */
async function checkVariableStep(loaded: LoadedTf, request: OverfitRequest, context: RebuiltStepContext, chosen: StepCall | undefined, route: Route): Promise<OverfitResult | { readonly failed: string } | undefined> {
  const called = chosen ?? rebuiltStepCall(request, undefined);
  if (called?.loss && called.trains.length === 0) {
    route.through = called;
    return checkRebuiltStep(loaded, { loss: called.loss, call: called }, context);
  }
  if (chosen) return undefined;
  const known = (request.trainingSteps ?? []).find((step) => step.loss);
  return known ? checkRebuiltStep(loaded, { loss: known.loss! }, context) : undefined;
}

/**
 * The first training function nothing calls whose step the static build trains through by default:
 * its loss rebuilt, or known to reach no weight. For a model, only while the code never compiles it
 * (a compiled model trains with its own loss); without one, a step over variables of the code's own.
 */
function rebuiltStepCall(request: OverfitRequest, target: ModelTarget | undefined): StepCall | undefined {
  if (target && !target.spec?.compile.standIn) return undefined;
  const index = target ? request.targets.indexOf(target) : -1;
  return (request.stepCalls ?? []).find((call) => staticallyTrainedThrough(call, request.targets) && (target ? trainsOnly(call, index) : call.trains.length === 0));
}

/** Whether the function trains that one model and nothing else. */
function trainsOnly(call: StepCall, index: number): boolean {
  return call.trains.length === 1 && call.trains[0] === index;
}

/** The training function the request asks for by its place or its name, when it names no model. */
function chooseStepCall(request: OverfitRequest): StepCall | undefined {
  const calls = request.stepCalls ?? [];
  if (request.at) return sameFile(request.at.file, request.file) ? calls.find((call) => call.line === request.at!.line) : undefined;
  return request.model !== undefined ? calls.find((call) => call.owner === request.model) : undefined;
}

/** A clause as the start of a sentence (shared/overfit-failure.ts's `sentence` ends one, and the check may not import it). */
function sentence(clause: string): string {
  return clause.charAt(0).toUpperCase() + clause.slice(1);
}

/** The training steps of a file, in words: `optimizer.minimize (line 15)`. */
function describeSteps(steps: readonly TrainingStepPlace[]): string {
  const places = steps.slice(0, 3).map((step) => `${step.api} (line ${step.line})`);
  return `${places.join(', ')}${steps.length > 3 ? `, and ${steps.length - 3} more` : ''}`;
}

/** Why execute mode reached none of the file's own training steps. */
function stepsNeverRan(steps: readonly TrainingStepPlace[]): string {
  return `its training step${steps.length > 1 ? 's' : ''}, ${describeSteps(steps)}, never ran: call the function that takes ${steps.length > 1 ? 'them' : 'it'} from a script with real data and run the check on that script`;
}

/** Why a file whose models are loaded at run time has none the check can rebuild. */
function loadedModelsReason(loaded: NonNullable<OverfitRequest['loadedModels']>): string {
  const trained = loaded.filter((model) => model.trained);
  const shown = trained.length > 0 ? trained : loaded;
  const lines = shown.map((model) => model.line).join(', ');
  const what = trained.length > 0 ? `the model${shown.length > 1 ? 's' : ''} it trains ${shown.length > 1 ? 'are' : 'is'}` : `its model${shown.length > 1 ? 's are' : ' is'}`;
  return `${what} loaded at run time (line${shown.length > 1 ? 's' : ''} ${lines}), and the code does not write ${shown.length > 1 ? 'their' : 'its'} layers. Run the check in execute mode on a script that loads ${shown.length > 1 ? 'them' : 'it'}`;
}

function modelsElsewhereReason(file: string, models: readonly ModelLocation[]): string {
  const places = models.map((model) => `${path.relative(path.dirname(file), model.file) || path.basename(model.file)} (line ${model.line})`);
  const workers = models.filter((model) => model.worker).length;
  const from = workers === 0 ? 'the files it imports' : workers === models.length ? `the worker script${new Set(models.map((model) => model.file)).size > 1 ? 's' : ''} it starts` : 'the files it imports and the workers it starts';
  return `it makes none, and ${from} make${from === 'the worker script it starts' ? 's' : ''} ${models.length > 1 ? 'these' : 'one'}: ${places.join(', ')}. Run the check on ${new Set(models.map((model) => model.file)).size > 1 ? 'those files' : 'that file'}`;
}

function stepsOfVariables(steps: readonly TrainingStepPlace[]): string {
  return `its training step${steps.length > 1 ? 's' : ''}, ${describeSteps(steps)}, train${steps.length > 1 ? '' : 's'} variables of the code's own, which only running the code can check. Run the check in execute mode on a script that runs ${steps.length > 1 ? 'them' : 'it'}`;
}

/** The stand-in arguments for the factories no call in the project gives its sizes, by function name. */
function exportArguments(targets: readonly ModelTarget[]): Record<string, readonly StandInArgumentValue[]> {
  const byName: Record<string, readonly StandInArgumentValue[]> = {};
  for (const target of targets) {
    const args = target.standInArguments;
    if (args) byName[args.owner] = args.values;
  }
  return byName;
}

/** Whether the model throws on its forward pass over the batch's inputs. */
function forwardThrows(model: LayersModel, batch: Batch): boolean {
  try {
    const output = model.predict(batch.xs.length === 1 ? batch.xs[0]! : batch.xs);
    for (const tensor of Array.isArray(output) ? output : [output]) tensor.dispose();
    return false;
  } catch {
    return true;
  }
}

/** A layer whose output has a dimension of size zero, with its shape. */
export function emptyOutput(model: LayersModel): { layer: string; shape: (number | null)[] } | undefined {
  for (const layer of model.layers) {
    const shapes = (Array.isArray(layer.outputShape[0]) || layer.outputShape.length === 0 ? layer.outputShape : [layer.outputShape]) as (number | null)[][];
    const empty = shapes.find((shape) => shape.some((dim) => dim !== null && dim <= 0));
    if (empty) return { layer: layer.name, shape: empty };
  }
  return undefined;
}

/** A failed result for a model that cannot train at all: tfjs refuses it, or its first step. */
function failedBeforeTraining(
  cause: Cause,
  context: {
    model: string;
    backend: BackendName;
    mode: Mode;
    seed: number;
    notes: readonly string[];
    started: number;
    fallback?: OverfitResult['fallback'];
    file?: string;
    line?: number;
    batch?: Batch;
  },
): OverfitResult {
  return {
    verdict: 'fail',
    seed: context.seed,
    model: context.model,
    backend: context.backend,
    mode: context.mode,
    data: context.batch ? { source: context.batch.source, batchSize: context.batch.size } : { source: 'synthetic', batchSize: 0 },
    steps: 0,
    initialLoss: Number.NaN,
    finalLoss: Number.NaN,
    ms: Math.round(performance.now() - context.started),
    losses: [],
    layers: [],
    causes: [cause],
    ...(context.notes.length > 0 ? { notes: context.notes } : {}),
    ...(context.fallback ? { fallback: context.fallback } : {}),
    ...(context.file ? { file: context.file } : {}),
    ...(context.line ? { line: context.line } : {}),
  };
}

/**
 * The cause of a training step that throws on the script's own data: what tfjs said, where the
 * script trains, and what to change when the error is one of the usual ones.
 */
export function firstStepFailure(error: FirstStepError, model: LayersModel, batch: Batch, call: { method: string; file?: string; line?: number } | undefined): Cause {
  const intLabels = batch.ys.some((labels) => labels.dtype === 'int32');
  const intInputs = batch.xs.some((inputs) => inputs.dtype === 'int32') && !model.layers.some((layer) => layer.getClassName() === 'Embedding');
  const loss = (model as unknown as { loss?: unknown }).loss;
  const lossName = typeof loss === 'string' ? loss : Array.isArray(loss) && loss.every((entry) => typeof entry === 'string') ? loss.join(', ') : undefined;
  let hint = '';
  if (/must be float32 tensor, but got int32/.test(error.message) && (intLabels || intInputs)) {
    const what = intLabels ? 'labels' : 'inputs';
    hint = ` The ${what} are an int32 tensor, and ${intLabels && lossName ? `the loss (${lossName})` : 'training'} needs float32: create them as float32 (the default) or cast them with .toFloat().`;
  }
  return {
    id: 'training-step-throws',
    severity: 'error',
    message: `${call ? `${call.method} throws on its first training step` : 'The first training step throws'}: ${error.message.replace(/\.?$/, '.')}${hint}`,
    ...(call?.file ? { file: call.file } : {}),
    ...(call?.line ? { line: call.line } : {}),
  };
}
