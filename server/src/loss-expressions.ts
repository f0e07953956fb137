/**
 * The loss of a custom training step as tfjs operations (LossGraph), read from the value the step's
 * function returned as the analysis followed it: static mode can then train what the step trains on
 * that loss without running the code. Anything not made of known numbers, the step function's own
 * parameters, variables of the code, one model's outputs and tfjs operations of the fixed list
 * leaves the loss unknown.
 */
import type { GradientNode, ModelNode, ProgramGraph } from '../../rules/core/graph';
import type { Span } from '../../rules/core/span';
import type { TensorValue, Value } from '../../rules/core/values';
import { isLossOperation } from '../../overfit/src/loss-expression';
import { knownOptimizerSpec } from '../../overfit/src/spec';
import type { LossExpression, LossGraph, LossNode, StepLoss } from '../../overfit/src/types';
import { ts } from './analysis/typescript';

/** How deep a loss may nest before it is left unknown (a guard, not a limit real code meets). */
const MAX_DEPTH = 200;
/** How many operations a loss may have (a whole data pipeline written in tfjs fits). */
const MAX_NODES = 2000;

export interface LossContext {
  /** The position of the step function's parameter a value is, or is reached from (with the way from it: see UnknownValue.access), if it is one. */
  readonly parameterOf: (value: Value) => { readonly index: number; readonly path?: readonly string[] } | undefined;
  /** The target of a model the check builds. */
  readonly targetOf: (model: ModelNode) => number | undefined;
  /** The name the code declares a value under (`const slope = tf.variable(...)`), for the check's report. */
  readonly nameOf?: (span: Span) => string | undefined;
}

/** The name of the variable declaration whose initializer is at `span` in the file, if there is one. */
export function declaredName(sourceFile: ts.SourceFile | undefined, span: Span): string | undefined {
  if (!sourceFile || span.file !== sourceFile.fileName) return undefined;
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined || node.getEnd() < span.start || node.getStart(sourceFile) > span.start) return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && node.initializer.getStart(sourceFile) === span.start) {
      found = node.name.text;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The loss as a graph of operations, with the targets of the models it runs; undefined when a part is not known. */
export function lossGraph(value: Value, context: LossContext): { graph: LossGraph; models: Set<number>; parameters: boolean } | undefined {
  const models = new Set<number>();
  /** The model node each target stands for: two instances made at one place (an online and a target network) are not one model. */
  const instances = new Map<number, ModelNode>();
  let conflated = false;
  const nodes: LossNode[] = [];
  const variables: LossGraph['variables'][number][] = [];
  const seen = new Map<TensorValue, number>();
  const variableIndex = new Map<TensorValue, number>();
  let parameters = false;
  const convert = (part: Value, depth: number): LossExpression | undefined => {
    if (depth > MAX_DEPTH || nodes.length > MAX_NODES) return undefined;
    switch (part.kind) {
      case 'primitive': {
        const known = part.value;
        if (known === undefined) return null;
        if (typeof known === 'number' && !Number.isFinite(known)) return undefined;
        return known;
      }
      case 'array': {
        if (!part.complete) return undefined;
        const elements = part.elements.map((element) => convert(element, depth + 1));
        return elements.every((element) => element !== undefined) ? (elements as LossExpression[]) : undefined;
      }
      case 'unknown': {
        const parameter = context.parameterOf(part);
        if (parameter === undefined) return undefined;
        parameters = true;
        return { parameter: parameter.index, ...(parameter.path ? { path: parameter.path } : {}) };
      }
      case 'tensor':
        return part.op === 'variable' ? variable(part, depth) : operation(part, depth);
      default:
        return undefined;
    }
  };
  /** A variable of the code's own, once however often the loss reads it. */
  const variable = (part: TensorValue, depth: number): LossExpression | undefined => {
    const known = variableIndex.get(part);
    if (known !== undefined) return { variable: known };
    const trainable = part.args[1];
    if (trainable?.kind === 'primitive' && trainable.value === false) return undefined;
    const shape = part.facts.shape;
    if (!shape || shape.some((size) => size === undefined)) return undefined;
    const initialValue = part.args[0];
    // An initial value the code computes at run time (Math.random()) gets a stand-in of its shape.
    const initial = initialValue ? (convert(initialValue, depth + 1) ?? null) : null;
    const index = variables.length;
    const name = part.name ?? context.nameOf?.(part.span);
    variables.push({ ...(name !== undefined ? { name } : {}), shape: shape as number[], initial });
    variableIndex.set(part, index);
    return { variable: index };
  };
  const operation = (part: TensorValue, depth: number): LossExpression | undefined => {
    const known = seen.get(part);
    if (known !== undefined) return { ref: known };
    let node: LossNode | undefined;
    if ((part.op === 'predict' || part.op === 'apply') && part.model) {
      const target = context.targetOf(part.model);
      const input = part.args[0] ? convert(part.args[0], depth + 1) : undefined;
      if (target === undefined || input === undefined) return undefined;
      if ((instances.get(target) ?? part.model) !== part.model) conflated = true;
      instances.set(target, part.model);
      models.add(target);
      node = { model: target, input, training: part.op === 'apply' && trainingOption(part.args[1]), ...(part.inGradient ? {} : { fixed: true as const }) };
    } else {
      if (!isLossOperation(part.op)) return undefined;
      const args = part.args.map((arg) => convert(arg, depth + 1));
      if (!args.every((arg) => arg !== undefined)) return undefined;
      node = { op: part.op, args: args as LossExpression[], ...(part.inGradient ? {} : { fixed: true as const }) };
    }
    const index = nodes.length;
    nodes.push(node);
    seen.set(part, index);
    return { ref: index };
  };
  const root = convert(value, 0);
  return root === undefined || conflated ? undefined : { graph: { nodes, root, variables }, models, parameters };
}

/** `{ training: true }` given to apply; anything else runs the model as at test time, as tfjs does. */
function trainingOption(options: Value | undefined): boolean {
  const training = options?.kind === 'object' ? options.props.get('training')?.value : undefined;
  return training?.kind === 'primitive' && training.value === true;
}

/** A step's loss with the optimizer that takes it and what the loss reads, or undefined when a part of it is not known. */
export function stepLossOf(graph: ProgramGraph, step: GradientNode, context: LossContext, lineOf: (span: Span) => number): (StepLoss & { models: Set<number>; parameters: boolean }) | undefined {
  const converted = lossGraph(step.result, context);
  if (!converted) return undefined;
  const minimize = graph.events.find((event) => event.kind === 'minimize' && event.span.file === step.span.file && event.span.start === step.span.start);
  const optimizer = minimize?.kind === 'minimize' ? knownOptimizerSpec(minimize.optimizer) : undefined;
  return { graph: converted.graph, line: lineOf(step.span), api: step.api, ...(optimizer !== undefined ? { optimizer } : {}), models: converted.models, parameters: converted.parameters };
}
