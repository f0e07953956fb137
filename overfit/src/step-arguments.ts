/**
 * Makes the stand-in arguments of a training function nothing calls (see StepCall): tensors of the
 * shapes the code asks for, worked out from the models the static build makes, with the values the
 * code's use of them asks for (normal inputs, 0/1 labels, one-hot rows, class ids), seeded.
 */
import { broadcastShape } from '../../rules/core/facts';
import { buildModel } from './build';
import { Random } from './random';
import type { LayersModel, Tf } from './tf';
import type { ModelTarget, StandInArgument, StandInShape, StandInValues, StepCall } from './types';

export interface StepArguments {
  readonly values: unknown[];
  /** One phrase per parameter: "`states`, a 32×8 tensor of normal values (the input of policy)". */
  readonly described: string;
}

/** The arguments to call the function with, or why there are none. */
export function stepArguments(tf: Tf, call: StepCall, targets: readonly ModelTarget[], batchSize: number, seed: number): StepArguments | { error: string } {
  const models = new Map<number, LayersModel>();
  const modelOf = (index: number): LayersModel => {
    let model = models.get(index);
    if (!model) {
      const spec = targets[index]?.spec;
      if (!spec) throw new Error(`the model ${targets[index]?.name ?? index} cannot be built`);
      model = buildModel(tf, spec);
      models.set(index, model);
    }
    return model;
  };
  const random = new Random(seed ^ 0x5eed);
  try {
    const values: unknown[] = [];
    const phrases: string[] = [];
    for (const parameter of call.parameters) {
      const { value, what } = makeArgument(tf, parameter.argument, (shape) => resolveShape(shape, batchSize, modelOf), batchSize, random);
      values.push(value);
      phrases.push(`\`${parameter.name}\`, ${what} (${parameter.why})`);
    }
    return { values, described: phrases.join('; ') };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    for (const model of models.values()) model.dispose();
  }
}

/** The sizes of a stand-in shape, the batch's size in place of `null`. */
export function resolveShape(shape: StandInShape, batchSize: number, modelOf: (target: number) => LayersModel): number[] {
  switch (shape.of) {
    case 'literal':
      return shape.shape.map((size) => size ?? batchSize);
    case 'input':
    case 'output': {
      const model = modelOf(shape.target);
      const tensors = shape.of === 'input' ? model.inputs : model.outputs;
      if (tensors.length !== 1) throw new Error(`the model has ${tensors.length} ${shape.of}s`);
      return tensors[0]!.shape.map((size) => size ?? batchSize);
    }
    case 'reduce': {
      const from = resolveShape(shape.from, batchSize, modelOf);
      if (shape.axis === undefined) return shape.keepDims ? from.map(() => 1) : [];
      const axis = shape.axis < 0 ? from.length + shape.axis : shape.axis;
      if (axis < 0 || axis >= from.length) throw new Error(`axis ${shape.axis} is out of range for a shape of rank ${from.length}`);
      return shape.keepDims ? from.map((size, index) => (index === axis ? 1 : size)) : from.filter((_, index) => index !== axis);
    }
    case 'append':
      return [...resolveShape(shape.from, batchSize, modelOf), shape.size];
    case 'broadcast':
      return shape.shapes.map((each) => resolveShape(each, batchSize, modelOf)).reduce(broadcast);
  }
}

function broadcast(a: number[], b: number[]): number[] {
  const shape = broadcastShape(a, b);
  if (!shape) throw new Error(`shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
  return shape;
}

function makeArgument(tf: Tf, argument: StandInArgument, sizes: (shape: StandInShape) => number[], batchSize: number, random: Random): { value: unknown; what: string } {
  switch (argument.kind) {
    case 'absent':
      return { value: undefined, what: 'left out' };
    case 'count':
      return { value: argument.value, what: `${argument.value}` };
    case 'array': {
      if (argument.shape) {
        const shape = sizes(argument.shape);
        const numbers = Array.from(shapedValues(shape, argument.values, random));
        const value = shape.length <= 1 ? numbers : nest(numbers, shape);
        return { value, what: shape.length <= 1 ? `${numbers.length} ${valuesInWords(argument.values)}` : `${shape.join('×')} nested arrays of ${valuesInWords(argument.values)}` };
      }
      const numbers = fill(batchSize, 1, argument.values, random);
      return { value: Array.from(numbers), what: `${batchSize} ${valuesInWords(argument.values)}` };
    }
    case 'tensor': {
      const shape = sizes(argument.shape);
      const numbers = shapedValues(shape, argument.values, random);
      const dtype = argument.dtype ?? 'float32';
      const int32 = dtype === 'int32' ? ' (int32)' : '';
      const what = shape.length === 0 ? `a scalar${int32}` : shape.length === 1 ? `a tensor of ${shape[0]} ${valuesInWords(argument.values)}${int32}` : `a ${shape.join('×')} tensor${int32} of ${valuesInWords(argument.values)}`;
      return { value: tf.tensor(numbers, shape, dtype), what };
    }
    case 'function':
      return { value: () => undefined, what: 'a function that does nothing' };
    case 'object': {
      const value: Record<string, unknown> = {};
      const parts: string[] = [];
      for (const member of argument.members) {
        const made = makeArgument(tf, member.value, sizes, batchSize, random);
        // A method gives the same data on every call, anew: code that disposes what it got (or a
        // tf.tidy around the call) leaves the next call's intact.
        value[member.name] = member.method ? () => fresh(tf, made.value) : made.value;
        parts.push(`${member.name}${member.method ? '()' : ''}: ${made.what}`);
      }
      return { value, what: `an object of { ${parts.join(', ')} }` };
    }
  }
}

/** A copy of a made-up value with its own tensors (clones of the same data). */
function fresh(tf: Tf, value: unknown): unknown {
  if (value instanceof tf.Tensor) return value.clone();
  if (typeof value === 'function' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((each) => fresh(tf, each));
  return Object.fromEntries(Object.entries(value).map(([key, each]) => [key, fresh(tf, each)]));
}

/** The values of a tensor of `shape`, row by row along its last axis, as the kind asks. */
function shapedValues(shape: readonly number[], kind: StandInValues, random: Random): Float32Array {
  const size = shape.reduce((product, dim) => product * dim, 1);
  const last = shape.at(-1) ?? 1;
  return fill(size / last, last, kind, random);
}

/** Flat numbers as nested arrays of `shape` (row-major), as `tf.tensor2d(rows)` takes them. */
function nest(numbers: readonly number[], shape: readonly number[]): unknown[] {
  if (shape.length === 1) return [...numbers];
  const [outer, ...inner] = shape;
  const step = numbers.length / outer!;
  return Array.from({ length: outer! }, (_, index) => nest(numbers.slice(index * step, (index + 1) * step), inner));
}

/** `rows` rows of `width` values each, as the kind asks. */
function fill(rows: number, width: number, kind: StandInValues, random: Random): Float32Array {
  const values = new Float32Array(rows * width);
  for (let row = 0; row < rows; row++) {
    if (kind.kind === 'one-hot') {
      values[row * width + Math.floor(random.next() * width)] = 1;
      continue;
    }
    for (let column = 0; column < width; column++) {
      const index = row * width + column;
      if (kind.kind === 'normal') values[index] = random.normal();
      else if (kind.kind === 'unit') values[index] = random.next();
      else if (kind.kind === 'binary') values[index] = random.next() < 0.5 ? 0 : 1;
      else values[index] = Math.floor(random.next() * kind.count);
    }
  }
  return values;
}

function valuesInWords(kind: StandInValues): string {
  switch (kind.kind) {
    case 'normal':
      return 'normal values';
    case 'unit':
      return 'values between 0 and 1';
    case 'binary':
      return 'zeros and ones';
    case 'one-hot':
      return 'one-hot rows';
    case 'classes':
      return `class ids from 0 to ${kind.count - 1}`;
  }
}
