/**
 * The loss of a custom training step, rebuilt from the code as tfjs operations (see LossExpression)
 * and evaluated with the check's tfjs: what static mode trains a model with when a custom step of
 * the code trains it. Only tfjs operations run, from a fixed list: none of the code does.
 */
import { OverfitError, type LossExpression, type LossGraph, type LossNode } from './types';
import type { LayersModel, Tensor, Tf } from './tf';

/** The operations a rebuilt loss may use: tfjs's tensor operations that compute (not variables, not async ones). */
export const LOSS_OPERATIONS: ReadonlySet<string> = new Set([
  'abs', 'add', 'addN', 'argMax', 'argMin', 'as1D', 'as2D', 'as3D', 'as4D', 'asType', 'avgPool', 'batchNorm', 'cast',
  'conv1d', 'conv2d', 'cumsum', 'eye', 'fill', 'linspace', 'maxPool', 'pad', 'range', 'reverse', 'step', 'truncatedNormal', 'clipByValue', 'clone', 'concat', 'cos', 'div', 'divNoNan',
  'dot', 'elu', 'equal', 'exp', 'expandDims', 'expm1', 'flatten', 'floor', 'gather', 'greater', 'greaterEqual', 'leakyRelu',
  'less', 'lessEqual', 'log', 'log1p', 'logSigmoid', 'logSoftmax', 'logSumExp', 'matMul', 'max', 'maximum', 'mean', 'min',
  'minimum', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'ones', 'onesLike', 'pow', 'prod', 'randomNormal',
  'randomUniform', 'reciprocal', 'relu', 'relu6', 'reshape', 'round', 'rsqrt', 'scalar', 'selu', 'sigmoid', 'sign', 'sin',
  'slice', 'softmax', 'softplus', 'sqrt', 'square', 'squaredDifference', 'squeeze', 'stack', 'sub', 'sum', 'tanh', 'tensor',
  'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tile', 'toFloat', 'toInt', 'transpose', 'zeros', 'zerosLike',
]);

/**
 * Operations that make a tensor of a shape they are given: the rebuilt loss refuses one larger than
 * MAX_ELEMENTS (the worker's memory limit would stop it anyway, with a less clear message).
 */
const CREATES_FROM_SHAPE = new Set(['fill', 'ones', 'randomNormal', 'randomUniform', 'truncatedNormal', 'zeros']);
const MAX_ELEMENTS = 10_000_000;

/** tfjs's losses a rebuilt loss may call (`tf.losses.<name>`). */
export const LOSS_FUNCTIONS: ReadonlySet<string> = new Set([
  'absoluteDifference', 'computeWeightedLoss', 'cosineDistance', 'hingeLoss', 'huberLoss', 'logLoss', 'meanSquaredError',
  'sigmoidCrossEntropy', 'softmaxCrossEntropy',
]);

/** Whether an operation name may appear in a rebuilt loss. */
export function isLossOperation(op: string): boolean {
  return op.startsWith('losses.') ? LOSS_FUNCTIONS.has(op.slice('losses.'.length)) : LOSS_OPERATIONS.has(op);
}

export interface LossEnvironment {
  /** The step function's arguments (made up). */
  readonly parameters: readonly unknown[];
  /** The model of a target, as the check built it. */
  readonly model: (target: number) => LayersModel;
}

type Variable = import('@tensorflow/tfjs').Variable;

/**
 * A rebuilt loss, ready to be called as a training step calls its function: its variables made
 * (from the code's initial values, or a stand-in of their shape), and the parts that depend on no
 * weight (the batch) computed once and kept, as the code's function holds them.
 */
export class RebuiltLoss {
  readonly variables: Variable[];
  /** Variables whose initial value the code computes at run time, which got random ones: their names. */
  readonly standInInitials: string[] = [];
  private readonly constant = new Map<number, unknown>();
  private readonly weighted: boolean[];

  constructor(
    private readonly tf: Tf,
    private readonly graph: LossGraph,
    private readonly environment: LossEnvironment,
  ) {
    // A node depends on the weights when it reads a variable or runs a model (its inputs come before it).
    const reads = (expression: LossExpression, weighted: readonly boolean[]): boolean => {
      if (expression === null || typeof expression !== 'object') return false;
      if (Array.isArray(expression)) return expression.some((part: LossExpression) => reads(part, weighted));
      if ('variable' in expression) return true;
      if ('ref' in expression) return weighted[expression.ref] === true;
      return false;
    };
    this.weighted = [];
    for (const node of graph.nodes) this.weighted.push('model' in node || node.args.some((arg) => reads(arg, this.weighted)));
    this.variables = graph.variables.map((variable, index) => {
      const initial = variable.initial === null ? undefined : (this.evaluate(variable.initial, new Map()) as Tensor);
      if (!initial) this.standInInitials.push(variable.name ?? `variable ${index + 1}`);
      // Small values around zero, as initializers draw them: the code's own draw is not known.
      const value = initial ?? tf.randomNormal(variable.shape as number[], 0, 0.1);
      return namedVariable(tf, value, variable.name);
    });
  }

  /** The loss now: the function a training step differentiates. */
  loss(): Tensor {
    return this.evaluate(this.graph.root, new Map()) as Tensor;
  }

  private evaluate(expression: LossExpression, memo: Map<number, unknown>): unknown {
    if (expression === null || typeof expression !== 'object') return expression;
    if (Array.isArray(expression)) return expression.map((part: LossExpression) => this.evaluate(part, memo));
    if ('parameter' in expression) return reach(this.environment.parameters[expression.parameter], expression.path ?? []);
    if ('variable' in expression) return this.variables[expression.variable];
    const index = (expression as { ref: number }).ref;
    if (this.constant.has(index)) return this.constant.get(index);
    if (memo.has(index)) return memo.get(index);
    const node = this.graph.nodes[index]!;
    const value = this.node(node, memo);
    // Computed outside the step's function, the code holds it fixed: a target from the weights before the step, the batch.
    if (this.weighted[index] && !node.fixed) memo.set(index, value);
    else {
      // Computed once, outside any step's scope, and kept for every step after.
      if (value instanceof this.tf.Tensor) this.tf.keep(value);
      this.constant.set(index, value);
    }
    return value;
  }

  private node(node: LossNode, memo: Map<number, unknown>): unknown {
    const { tf } = this;
    if ('model' in node) {
      const input = this.evaluate(node.input, memo) as Tensor;
      // As the code runs it: `predict`, and `apply` without options, run dropout as at test time.
      return this.environment.model(node.model).apply(input, { training: node.training });
    }
    const { op } = node;
    if (!isLossOperation(op)) throw new OverfitError(`the loss uses ${op}, which the static build does not rebuild`);
    const args = node.args.map((arg) => this.evaluate(arg, memo));
    if (op.startsWith('losses.')) return (tf.losses as unknown as Record<string, (...values: unknown[]) => unknown>)[op.slice('losses.'.length)]!(...args);
    if (CREATES_FROM_SHAPE.has(op) && Array.isArray(args[0])) {
      const elements = (args[0] as unknown[]).reduce<number>((product, size) => product * (typeof size === 'number' ? size : Number.NaN), 1);
      if (!(elements <= MAX_ELEMENTS)) throw new OverfitError(`the loss makes a tensor of ${elements} values with tf.${op}, more than the static build makes`);
    }
    // `x.sum(1)` is `tf.sum(x, 1)`: the analysis writes the receiver first, as tf's functions take it.
    // Methods tf has no function for (toFloat, as2D) run on the tensor.
    const operation = (tf as unknown as Record<string, unknown>)[op];
    if (typeof operation === 'function') return (operation as (...values: unknown[]) => unknown)(...args);
    const [first, ...rest] = args;
    const method = first instanceof tf.Tensor ? (first as unknown as Record<string, unknown>)[op] : undefined;
    if (typeof method !== 'function') throw new OverfitError(`tfjs has no operation ${op}`);
    return (method as (...values: unknown[]) => unknown).apply(first, rest);
  }
}

/** A variable under the code's name when tfjs has none of that name yet (names are global to the engine). */
function namedVariable(tf: Tf, value: Tensor, name: string | undefined): Variable {
  const taken = name === undefined || Object.hasOwn(tf.engine().registeredVariables, name);
  return taken ? tf.variable(tf.clone(value), true) : tf.variable(tf.clone(value), true, name);
}

/** What the code reaches from a made-up argument: its properties read and its methods called (`nextTrainBatch()`, `xs`). */
function reach(value: unknown, path: readonly string[]): unknown {
  let here = value;
  for (const step of path) {
    const method = step.endsWith('()');
    const name = method ? step.slice(0, -2) : step;
    const holder = here as Record<string, unknown> | undefined;
    const member = holder?.[name];
    here = method && typeof member === 'function' ? (member as () => unknown).call(holder) : member;
  }
  return here;
}
