/**
 * The overfit check of a custom training step the check reached on its own: a training function
 * nothing calls, run on made-up data (execute mode), or a step's loss rebuilt from the code as tfjs
 * operations (static mode), over a model the static build makes or over variables of the code's own.
 * What made-up data can and cannot show settles the verdict.
 */
import type { LoadedTf } from './backend';
import { revive } from './build';
import { withCodeCauses } from './diagnose';
import { RebuiltLoss } from './loss-expression';
import type { LoopCapture } from './loop-capture';
import { runLoopRequest } from './loop-check';
import { optimizerInfo, settleVerdict, stepsFor, type Settling } from './outcome';
import { stepArguments } from './step-arguments';
import type { LayersModel, Optimizer, Tensor } from './tf';
import { OverfitError, type ModelTarget, type OverfitRequest, type OverfitResult, type StepCall, type StepLoss, type WorkerMessage } from './types';

/** The rate the check steps with when the code's optimizer is not known. */
const DEFAULT_RATE = 0.01;

/** Whether an error of the linter's in the file's custom steps (or in the function called) explains a loss without a lower bound. */
export function unboundedExplained(request: OverfitRequest, call: StepCall | undefined): boolean {
  return (request.stepCauses?.length ?? 0) > 0 || (call?.codeCauses ?? []).some((cause) => cause.severity === 'error');
}

/**
 * Whether the code explains a failure on made-up data: an error of its own in the function or where
 * the model is made, compiled or trained, or a warning there (mean squared error on a softmax), as
 * for a model the static build makes. A warning elsewhere in the function may be about something else.
 */
export function madeUpExplained(call: StepCall, target: ModelTarget | undefined): boolean {
  return (target?.codeCauses?.length ?? 0) > 0 || (call.codeCauses ?? []).some((cause) => cause.severity === 'error');
}

/**
 * A check of a training step on made-up data: the batch is the check's, not the code's, and a failure
 * that only shows too little or too slow learning may be the made-up data's, unless a finding of the
 * linter in the function explains it.
 */
export function settleMadeUpData(result: OverfitResult, call: StepCall, steps: number): OverfitResult {
  const withData: OverfitResult = { ...result, data: { ...result.data, source: 'synthetic' } };
  const explained = withCodeCauses(withData, call.codeCauses ?? []);
  const settled = settleVerdict(explained, { steps, optimizer: undefined, standInValues: true, explainedByCode: madeUpExplained(call, undefined) });
  return settled.inconclusive?.reason === 'stand-in-values'
    ? {
        ...settled,
        inconclusive: {
          reason: 'stand-in-values',
          message: `The training step did not fit the made-up data the check called ${call.owner} with (see the notes); on the data your code gives it, it may. Call ${call.owner} from a script with real data and run the check on that script.`,
        },
      }
    : settled;
}

export interface RebuiltStep {
  readonly loss: StepLoss;
  /** The function the step is in, when the check makes up its arguments. */
  readonly call?: StepCall;
  /** The model the step trains, as the static build made it; absent for a step over variables of the code's own. */
  readonly model?: { readonly model: LayersModel; readonly target: ModelTarget };
}

export interface RebuiltStepContext {
  readonly request: OverfitRequest;
  readonly seed: number;
  readonly notes: string[];
  readonly send: (message: WorkerMessage) => void;
  readonly fallback?: Settling['fallback'];
  readonly shouldStop?: () => boolean;
  readonly timeLimitMs?: number;
}

/**
 * Static mode on a custom step: its loss rebuilt from the code as tfjs operations, on made-up
 * arguments when it takes any, with the step's optimizer. Undefined when the loss cannot be evaluated
 * (a note says why); the caller then goes on as before.
 */
export async function checkRebuiltStep(loaded: LoadedTf, step: RebuiltStep, context: RebuiltStepContext): Promise<OverfitResult | { readonly failed: string }> {
  const { tf } = loaded;
  const { request, seed, notes } = context;
  const { loss: stepLoss, call, model } = step;
  const where = call ? `in ${call.owner} (line ${stepLoss.line})` : `at line ${stepLoss.line}`;
  const args = call ? stepArguments(tf, call, request.targets, request.batchSize, seed) : { values: [], described: '' };
  if ('error' in args) return { failed: `the loss of the training step ${where} could not be given made-up data (${args.error})` };
  const own = model ? request.targets.indexOf(model.target) : -1;
  let rebuilt: RebuiltLoss;
  let refused: string | undefined;
  try {
    rebuilt = new RebuiltLoss(tf, stepLoss.graph, {
      parameters: args.values,
      model: (index: number): LayersModel => {
        if (!model || index !== own) throw new OverfitError(`the loss runs ${request.targets[index]?.name ?? 'a model'}, which the check did not build`);
        return model.model;
      },
    });
    const rank = tf.tidy(() => rebuilt.loss().rank);
    // tfjs's minimize and variableGrads take the gradient of one number only.
    if (rank !== 0) refused = `the loss it returns is a rank-${rank} tensor, and ${stepLoss.api} needs a scalar`;
  } catch (error) {
    return { failed: `the loss of the training step ${where}, rebuilt from the code, failed${call ? ' on made-up data' : ''} (${(error as Error).message})` };
  }
  const known = stepLoss.optimizer ?? model?.target.spec?.compile.optimizer;
  const optimizer = known !== undefined ? (revive(tf, known) as Optimizer) : tf.train.adam(DEFAULT_RATE);
  const variables = model ? model.model.trainableWeights.map((weight) => weight.read() as unknown as LoopCapture['variables'][number]) : rebuilt.variables;
  const capture: LoopCapture = {
    via: stepLoss.api === 'optimizer.minimize' ? 'minimize' : 'variableGrads',
    loss: () => rebuilt.loss() as Tensor,
    variables,
    optimizer,
    site: { file: request.file, line: stepLoss.line },
    ...(refused ? { refused } : {}),
  };
  const names = stepLoss.graph.variables.map((variable, index) => variable.name ?? `variable ${index + 1}`);
  const trained = model ? model.target.name : `the code's variables ${names.join(', ')}`;
  const data = call ? `, on made-up data: ${args.described}. On the data your code gives it, the step may train differently` : ', on the data the code computes with tfjs';
  notes.unshift(
    refused
      ? `The check rebuilt the loss of the training step ${where} from the code as tfjs operations (none of the code ran)${data}.`
      : `The check trained ${trained} with the loss of the training step ${where}, rebuilt from the code as tfjs operations (none of the code ran)${data}.`,
  );
  if (known === undefined) notes.push(`The optimizer of the training step is not known from the code, so the check trained with Adam at ${DEFAULT_RATE}.`);
  if (rebuilt.standInInitials.length > 0) {
    notes.push(`The code sets the initial value of ${rebuilt.standInInitials.join(', ')} when it runs; the check started from small random values around 0 instead.`);
  }
  const steps = request.steps ?? stepsFor(optimizerInfo(optimizer));
  const name = model ? model.target.name : `custom loop (${stepLoss.api})`;
  const place = model ? { file: model.target.file, line: model.target.line } : {};
  const result = await runLoopRequest(loaded, capture, {
    steps,
    mode: 'static',
    notes,
    target: { name, ...place },
    send: context.send,
    ...(unboundedExplained(request, call) ? { unboundedExplained: true } : {}),
    ...(context.shouldStop ? { shouldStop: context.shouldStop } : {}), ...(context.timeLimitMs !== undefined ? { timeLimitMs: context.timeLimitMs } : {}),
  });
  // An optimizer or initial values the check chose: too little learning may be theirs, not the code's.
  const chose = known === undefined || rebuilt.standInInitials.length > 0;
  const settled = call
    ? settleMadeUpData(result, call, steps)
    : settleVerdict({ ...result, data: { ...result.data, source: 'code' } }, { steps, optimizer: undefined, ...(chose ? { standInValues: true, explainedByCode: (request.stepCauses?.length ?? 0) > 0 } : {}) });
  return context.fallback ? settleVerdict(settled, { steps, optimizer: undefined, fallback: context.fallback }) : settled;
}
