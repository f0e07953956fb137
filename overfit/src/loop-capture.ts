/**
 * Execute mode, custom training loops: intercepts the calls a hand-written training step makes
 * (`optimizer.minimize`, `tf.variableGrads`, `tf.grads`, `tf.valueAndGrads`, `tf.grad`,
 * `tf.valueAndGrad`) and takes the step's loss closure and the variables it trains. The closure
 * holds the batch the script uses at that moment, so calling it again trains on that one batch.
 */
import * as path from 'node:path';
import type { Optimizer, Tensor, Tf } from './tf';
import { methodPatches, type Callable } from './method-patches';

type Variable = import('@tensorflow/tfjs').Variable;
type Scalar = import('@tensorflow/tfjs').Scalar;

export type LoopVia = 'minimize' | 'variableGrads' | 'grads' | 'valueAndGrads' | 'grad' | 'valueAndGrad';

/** A training step taken from a custom loop. */
export interface LoopCapture {
  readonly via: LoopVia;
  /** The step's loss, on the batch of the first step. */
  readonly loss: () => Tensor;
  /** The variables the step trains, in the order the script gave them (or tfjs found them). */
  readonly variables: readonly Variable[];
  /** The script's optimizer, when the step goes through one (`minimize`, `applyGradients`). */
  readonly optimizer?: Optimizer;
  /** For a step that applies its gradients itself: the rate of its first update (w -= rate · g). */
  readonly learningRate?: number;
  /** Variables the check made from the tensors a `tf.grads` function is called with. */
  readonly ownVariables?: readonly Variable[];
  /** Where the script takes the step (from the stack). */
  readonly site?: { readonly file: string; readonly line: number };
  /** The export the check called to reach the step, when the script's own run did not. */
  readonly exportName?: string;
  /** tfjs refused the step as the code takes it (a loss that is not a scalar): its message. */
  readonly refused?: string;
}

/** Thrown into the script at its first training step, so nothing after it runs. */
export class TrainingStepReached extends Error {
  constructor() {
    super('the overfit check stopped the script at its first training step');
  }
}

/** The first frame of the user's code on the current stack (source maps point bundle frames back at their files). */
export function callSite(): { file: string; line: number } | undefined {
  const frames = (new Error().stack?.split('\n').slice(1) ?? []).flatMap((line) => {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?$/.exec(line.trim());
    return match ? [{ file: match[1]!.replace(/^file:\/\//, ''), line: Number(match[2]) }] : [];
  });
  // The first frame is this function: the check's own files are in its folder (or its bundle).
  const own = frames[0] ? path.dirname(frames[0].file) : undefined;
  return frames.find((frame) => !(own && frame.file.startsWith(own + path.sep)) && !/overfit-worker\.js$|tfjs\.js$|[\\/]node_modules[\\/]/.test(frame.file));
}

/** A gradient step whose update the script applies itself: resolved at its optimizer or its next step. */
interface PendingStep {
  readonly via: LoopVia;
  readonly loss: () => Tensor;
  readonly variables: Variable[];
  readonly ownVariables?: Variable[];
  /** The parameters and their gradients at the first step, to estimate the script's own update. */
  readonly before: Tensor[];
  readonly gradients: Tensor[];
  readonly site?: { file: string; line: number };
}

export interface LoopInterceptor {
  /** The tfjs namespace the script imports, with the gradient functions intercepted. */
  readonly scriptTf: Record<string, unknown>;
  /** Resolves a gradient step still waiting to see how its update is applied (the script went idle). */
  settle(): void;
  /** Puts the optimizers' methods back. */
  restore(): void;
}

/**
 * Keeps the tensors of the tidy scopes open at the step: the loss closure may read a batch made in
 * one, which would be disposed when the scope ends (the script stops there, or goes on to its next step).
 */
function keepScopedTensors(tf: Tf): void {
  const state = (tf.engine() as unknown as { state?: { scopeStack?: { track?: Tensor[] }[]; activeScope?: { track?: Tensor[] } } }).state;
  const scopes = [...(state?.scopeStack ?? []), ...(state?.activeScope ? [state.activeScope] : [])];
  for (const scope of scopes) for (const tensor of scope.track ?? []) tf.keep(tensor);
}

/** tfjs's refusal of a loss that is not one number: the step throws whatever the data. */
const NOT_SCALAR = /must return a scalar/;

function asScalarLoss(tf: Tf, f: () => unknown): () => Scalar {
  return () => {
    const value = f() as Tensor;
    if (!(value instanceof tf.Tensor)) throw new Error('the loss function of the training step does not return a tensor');
    return (value.rank === 0 ? value : value.mean()) as Scalar;
  };
}

/**
 * The rate of a plain gradient update from parameters before and after it: the least-squares `r` in
 * after = before − r · gradient. Undefined when nothing moved or the move is not along the gradient.
 */
export function estimateRate(tf: Tf, before: readonly Tensor[], after: readonly Tensor[], gradients: readonly Tensor[]): number | undefined {
  if (before.length === 0 || before.length !== after.length || before.length !== gradients.length) return undefined;
  if (before.some((tensor, index) => !tf.util.arraysEqual(tensor.shape, after[index]!.shape) || !tf.util.arraysEqual(tensor.shape, gradients[index]!.shape))) return undefined;
  const [along, norm] = tf.tidy(() => {
    const dot = tf.addN(before.map((tensor, index) => tensor.sub(after[index]!).mul(gradients[index]!).sum()));
    const squared = tf.addN(gradients.map((gradient) => gradient.square().sum()));
    return [dot.dataSync()[0]!, squared.dataSync()[0]!];
  });
  const rate = along / norm;
  return norm > 0 && Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/**
 * Intercepts the custom training steps of a script. `onStep` receives the first step; the caller
 * stops the script there (the interceptor throws `TrainingStepReached` into it).
 */
export function interceptLoops(tf: Tf, taken: () => boolean, onStep: (capture: LoopCapture) => void): LoopInterceptor {
  const scriptTf: Record<string, unknown> = { ...(tf as unknown as Record<string, unknown>) };
  const registered = () => tf.engine().registeredVariables as Record<string, Variable>;
  let pending: PendingStep | undefined;

  const finish = (step: PendingStep, optimizer: Optimizer | undefined, after: Tensor[] | undefined) => {
    const learningRate = after && !optimizer ? estimateRate(tf, step.before, after, step.gradients) : undefined;
    // The check starts from the parameters of the first step.
    step.variables.forEach((variable, index) => variable.assign(step.before[index]!));
    tf.dispose(step.gradients);
    tf.dispose(step.before);
    pending = undefined;
    onStep({
      via: step.via,
      loss: step.loss,
      variables: step.variables,
      ...(optimizer ? { optimizer } : {}),
      ...(learningRate !== undefined ? { learningRate } : {}),
      ...(step.ownVariables ? { ownVariables: step.ownVariables } : {}),
      ...(step.site ? { site: step.site } : {}),
    });
  };

  /** A second gradient step: the first one's update is known from the parameters now. */
  const secondStep = (current: () => Tensor[] | undefined): never => {
    const step = pending!;
    finish(step, undefined, current());
    throw new TrainingStepReached();
  };

  const begin = (step: Omit<PendingStep, 'before' | 'gradients'>, gradients: Tensor[], parameters: Tensor[]) => {
    keepScopedTensors(tf);
    pending = { ...step, before: parameters.map((tensor) => tf.keep(tf.clone(tensor))), gradients: gradients.map((tensor) => tf.keep(tf.clone(tensor))) };
  };

  // tf.variableGrads(f, varList?)
  const variableGrads = tf.variableGrads as unknown as Callable;
  scriptTf['variableGrads'] = (f: () => Scalar, varList?: Variable[]) => {
    if (taken()) return variableGrads(f, varList);
    if (pending) secondStep(() => pending!.variables.map((variable) => variable as Tensor));
    const site = callSite();
    const all = registered();
    let result: { value: Scalar; grads: Record<string, Tensor> };
    try {
      result = variableGrads(f, varList) as typeof result;
    } catch (error) {
      // A loss that reaches no variable, or is not a scalar: the script would stop here too; the check says why.
      const message = String((error as Error).message);
      if (!/Cannot find a connection/.test(message) && !NOT_SCALAR.test(message)) throw error;
      keepScopedTensors(tf);
      onStep({ via: 'variableGrads', loss: asScalarLoss(tf, f), variables: varList ?? Object.values(all).filter((variable) => variable.trainable), ...(site ? { site } : {}), ...(NOT_SCALAR.test(message) ? { refused: message } : {}) });
      throw new TrainingStepReached();
    }
    const variables = varList ?? Object.keys(result.grads).flatMap((name) => (all[name] ? [all[name]] : []));
    const gradients = variables.map((variable) => result.grads[variable.name] ?? tf.zerosLike(variable));
    begin({ via: 'variableGrads', loss: asScalarLoss(tf, f), variables: [...variables], ...(site ? { site } : {}) }, gradients, variables);
    return result;
  };

  // tf.grads(f)(args), tf.valueAndGrads(f)(args), and their one-argument forms.
  const wrapGradientFunction = (name: 'grads' | 'valueAndGrads' | 'grad' | 'valueAndGrad') => {
    const original = tf[name] as unknown as Callable;
    scriptTf[name] = (f: Callable) => {
      const compute = original(f) as Callable;
      return (x: unknown, dy?: unknown) => {
        if (taken()) return compute(x, dy);
        const args = (name === 'grad' || name === 'valueAndGrad' ? [x] : (x as unknown[])) as Tensor[];
        if (pending) secondStep(() => (pending!.ownVariables ? args.filter((arg) => arg instanceof tf.Tensor) : pending!.variables.map((variable) => variable as Tensor)));
        const site = callSite();
        const result = compute(x, dy);
        const gradients = (name === 'grads' ? (result as Tensor[]) : name === 'valueAndGrads' ? (result as { grads: Tensor[] }).grads : name === 'grad' ? [result as Tensor] : [(result as { grad: Tensor }).grad]);
        const tensors = args.filter((arg) => arg instanceof tf.Tensor);
        if (tensors.length !== args.length || gradients.length !== args.length) return result;
        // Arguments that are variables are trained in place; other tensors become variables of the check's own.
        const allVariables = tensors.every((tensor) => tensor instanceof tf.Variable);
        const variables = allVariables ? (tensors as Variable[]) : tensors.map((tensor) => tf.variable(tf.clone(tensor), true));
        const unary = name === 'grad' || name === 'valueAndGrad';
        const loss = asScalarLoss(tf, () => (unary ? f(variables[0]) : f(...variables)));
        begin({ via: name, loss, variables, ...(allVariables ? {} : { ownVariables: variables }), ...(site ? { site } : {}) }, gradients, tensors);
        return result;
      };
    };
  };
  for (const name of ['grads', 'valueAndGrads', 'grad', 'valueAndGrad'] as const) wrapGradientFunction(name);

  // optimizer.minimize(f, returnCost?, varList?) and optimizer.applyGradients(grads), on every optimizer class.
  const patches = methodPatches();
  const { patch } = patches;
  patch(tf.Optimizer.prototype, 'minimize', (original) =>
    function (this: Optimizer, ...args: unknown[]) {
      if (taken() || typeof args[0] !== 'function') return original.apply(this, args);
      if (pending) secondStep(() => pending!.variables.map((variable) => variable as Tensor));
      const f = args[0] as () => Scalar;
      const varList = args[2] as Variable[] | undefined;
      const site = callSite();
      // The variables the loss reaches, as minimize would find them; all trainable ones when it reaches none.
      const all = registered();
      let variables: Variable[];
      let refused: string | undefined;
      try {
        const { value, grads } = (variableGrads as (f: () => Scalar, varList?: Variable[]) => { value: Scalar; grads: Record<string, Tensor> })(f, varList);
        variables = varList ?? Object.keys(grads).flatMap((name) => (all[name] ? [all[name]] : []));
        tf.dispose([value, ...Object.values(grads)]);
      } catch (error) {
        const message = String((error as Error).message);
        if (!/Cannot find a connection/.test(message) && !NOT_SCALAR.test(message)) throw error;
        if (NOT_SCALAR.test(message)) refused = message.replace('variableGrads(f)', 'optimizer.minimize(f)');
        variables = varList ?? Object.values(all).filter((variable) => variable.trainable);
      }
      keepScopedTensors(tf);
      onStep({ via: 'minimize', loss: asScalarLoss(tf, f), variables: [...variables], optimizer: this, ...(site ? { site } : {}), ...(refused ? { refused } : {}) });
      throw new TrainingStepReached();
    },
  );
  const optimizerClasses = Object.values(tf as unknown as Record<string, unknown>).filter(
    (value): value is { prototype: object } => typeof value === 'function' && (value === tf.Optimizer || value.prototype instanceof tf.Optimizer),
  );
  for (const cls of optimizerClasses) {
    patch(cls.prototype, 'applyGradients', (original) =>
      function (this: Optimizer, ...args: unknown[]) {
        if (taken() || !pending) return original.apply(this, args);
        finish(pending, this, undefined);
        throw new TrainingStepReached();
      },
    );
  }

  return {
    scriptTf,
    settle() {
      if (pending && !taken()) finish(pending, undefined, pending.variables.map((variable) => variable as Tensor));
    },
    restore() {
      patches.restore();
    },
  };
}
