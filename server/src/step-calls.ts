/**
 * Stand-in arguments for exported functions that train on the data they are given, with a custom
 * step (`export function imitationStep(states, expertActions) { optimizer.minimize(...) }`) or with
 * `fit`/`trainOnBatch`, and that nothing in the project calls: execute mode calls them with made-up
 * tensors to reach that training call.
 *
 * Each parameter's argument comes from what the code does with it, as the analysis saw the function
 * run with its parameters unknown: the data given to fit (the model's input and output shapes), the
 * input of a model (its input shape), the labels of a tfjs loss
 * (the predictions' shape, values the loss expects), an operand of an elementwise operation with a
 * tensor of known shape, the values of `tf.tensor1d` (an array, class ids when `tf.oneHot` reads
 * them), the bound of a `for` loop (a count). A parameter whose use says none of these makes the
 * whole function uncallable: a guess could fail for the guess's sake, not the code's.
 */
import type { FitNode, GradientNode, ModelNode, ProgramGraph } from '../../rules/core/graph';
import { outputHeads } from '../../rules/core/model';
import type { Span } from '../../rules/core/span';
import { lossReach, reachesNoWeights } from '../../rules/core/training';
import { numberOf, type TensorValue, type UnknownValue, type Value } from '../../rules/core/values';
import type { Cause, ModelTarget, StandInArgument, StandInShape, StandInValues, StepCall } from '../../overfit/src/types';
import { ts } from './analysis/typescript';
import { declaredName, stepLossOf } from './loss-expressions';

const SK = ts.SyntaxKind;

/** Operations whose result has the shape of their (broadcast) operands. */
const ELEMENTWISE_BINARY = new Set(['add', 'sub', 'mul', 'div', 'divNoNan', 'maximum', 'minimum', 'pow', 'squaredDifference', 'floorDiv', 'mod']);
const ELEMENTWISE_UNARY = new Set([
  'abs', 'clipByValue', 'clone', 'cos', 'elu', 'exp', 'expm1', 'floor', 'leakyRelu', 'log', 'log1p', 'logSigmoid', 'logSoftmax', 'neg',
  'reciprocal', 'relu', 'relu6', 'round', 'rsqrt', 'selu', 'sigmoid', 'sign', 'sin', 'softmax', 'softplus', 'sqrt', 'square', 'tanh', 'toFloat',
]);
const REDUCTIONS = new Set(['sum', 'mean', 'max', 'min', 'prod', 'logSumExp']);

/** tfjs losses whose labels must be 0 or 1, or one-hot rows; the others take any number. */
const BINARY_LABELS = new Set(['losses.sigmoidCrossEntropy', 'losses.logLoss', 'losses.hingeLoss']);
const ONE_HOT_LABELS = new Set(['losses.softmaxCrossEntropy']);

type LineOf = (span: Span) => number;

interface Derived {
  readonly argument: StandInArgument;
  readonly why: string;
  /** Which use wins when a parameter has several: a model's input says most. */
  readonly rank: number;
}

/**
 * The exported functions of `file` that take a custom training step, with stand-in arguments for
 * every parameter, when what each must be can be told from the code. The file's targets are asked
 * for only when it has such a function (the code lenses ask on every change).
 */
export function stepCalls(
  graph: ProgramGraph,
  sourceFile: ts.SourceFile | undefined,
  file: string,
  targetsOf: () => readonly ModelTarget[],
  lineOf: LineOf,
  causes: readonly Cause[],
): StepCall[] {
  if (!sourceFile) return [];
  const steps = graph.gradients.filter((step) => step.span.file === file && step.wrt === 'variables' && step.api !== 'model.compile');
  const fits = graph.models.flatMap((model) => model.fits.filter((fit) => fit.span.file === file && fit.method !== 'fitDataset').map((fit) => ({ model, fit })));
  const exported = exportedNames(sourceFile);
  const calls: StepCall[] = [];
  const seen = new Set<ts.Node>();
  for (const { span } of [...steps, ...fits.map(({ fit }) => fit)].sort((a, b) => a.span.start - b.span.start)) {
    const owner = exportedOwner(sourceFile, span, exported);
    if (!owner || seen.has(owner.decl)) continue;
    seen.add(owner.decl);
    const targets = targetsOf();
    const inOwner = (at: Span) => exportedOwner(sourceFile, at, exported)?.decl === owner.decl;
    const trains = graph.models.filter((model) => model.gradients.some((gradient) => steps.includes(gradient) && inOwner(gradient.span)) || model.fits.some((fit) => fit.span.file === file && inOwner(fit.span)));
    const call = callFor(graph, owner, sourceFile, file, targets, lineOf, causes, fits.filter(({ fit }) => inOwner(fit.span)));
    if (!call) continue;
    const trained = [...new Set(trains.flatMap((model) => targetOf(model, targets, lineOf) ?? refusedTargetOf(model, targets, lineOf) ?? []))];
    const ownSteps = steps.filter((step) => inOwner(step.span));
    const loss = stepLoss(graph, owner, sourceFile, ownSteps, trained, targets, lineOf);
    const detached = ownSteps.find(cutOff);
    calls.push({ ...call, trains: trained, ...(loss ? { loss } : {}), ...(detached ? { detached: { line: lineOf(detached.span), api: detached.api } } : {}) });
  }
  return calls;
}

/**
 * Whether the step's loss is known to be computed from no weight at all (a value read back with
 * `dataSync` and made into a tensor again): tfjs throws at the step, whatever the data.
 */
function cutOff(step: GradientNode): boolean {
  return step.result.kind === 'tensor' && reachesNoWeights(lossReach(step.result));
}

interface Owner {
  /** The export's name; for a method, `Class.method`. */
  readonly name: string;
  readonly decl: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;
}

/**
 * Names the file exports under the same name as a top-level declaration: `export { train }`, and
 * CommonJS's `module.exports = { train }`, `module.exports.train = train`, `exports.train = train`.
 */
function exportedNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of sourceFile.statements) {
    if (ts.isExpressionStatement(statement)) {
      for (const name of commonJsExports(statement.expression)) names.add(name);
      continue;
    }
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) if (!element.propertyName) names.add(element.name.text);
  }
  return names;
}

/** `module.exports` or `exports`. */
function isExportsObject(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'exports';
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

/** The names an assignment to CommonJS's exports exports under their own name. */
function commonJsExports(expression: ts.Expression): string[] {
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== SK.EqualsToken) return [];
  const { left, right } = expression;
  // `module.exports.train = train`, `exports.train = train`
  if (ts.isPropertyAccessExpression(left) && isExportsObject(left.expression)) return ts.isIdentifier(right) && right.text === left.name.text ? [right.text] : [];
  // `module.exports = { train, evaluate: evaluate }`
  if (!isExportsObject(left) || !ts.isObjectLiteralExpression(right)) return [];
  return right.properties.flatMap((property) => {
    if (ts.isShorthandPropertyAssignment(property)) return [property.name.text];
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && ts.isIdentifier(property.initializer) && property.initializer.text === property.name.text) return [property.name.text];
    return [];
  });
}

function isExported(node: ts.Node, name: string | undefined, exported: ReadonlySet<string>): boolean {
  const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return modifiers?.some((modifier) => modifier.kind === SK.ExportKeyword) === true || (name !== undefined && exported.has(name));
}

/** The top-level exported function the step is written in, if it is in one. */
function exportedOwner(sourceFile: ts.SourceFile, span: Span, exported: ReadonlySet<string>): Owner | undefined {
  for (const statement of sourceFile.statements) {
    if (span.start < statement.getStart(sourceFile) || span.end > statement.getEnd()) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body && !statement.asteriskToken) {
      return isExported(statement, statement.name.text, exported) ? { name: statement.name.text, decl: statement } : undefined;
    }
    if (ts.isClassDeclaration(statement) && statement.name) return methodOwner(sourceFile, statement, span, exported);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!ts.isIdentifier(declaration.name) || !init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) continue;
        if (span.start < init.getStart(sourceFile) || span.end > init.getEnd()) continue;
        return isExported(statement, declaration.name.text, exported) ? { name: declaration.name.text, decl: init } : undefined;
      }
    }
    return undefined;
  }
  return undefined;
}

/**
 * A method of an exported class the step is written in, when the check can make an instance as the
 * code does without arguments (a constructor with no parameters, which the analysis follows) and
 * call the method on it.
 */
function methodOwner(sourceFile: ts.SourceFile, statement: ts.ClassDeclaration, span: Span, exported: ReadonlySet<string>): Owner | undefined {
  const className = statement.name!.text;
  if (!isExported(statement, className, exported) || statement.heritageClauses?.length) return undefined;
  const constructor = statement.members.find(ts.isConstructorDeclaration);
  if (constructor && constructor.parameters.length > 0) return undefined;
  for (const member of statement.members) {
    if (!ts.isMethodDeclaration(member) || !member.body || !ts.isIdentifier(member.name) || member.asteriskToken) continue;
    if (span.start < member.getStart(sourceFile) || span.end > member.getEnd()) continue;
    const isStatic = ts.getModifiers(member)?.some((modifier) => modifier.kind === SK.StaticKeyword || modifier.kind === SK.PrivateKeyword) === true;
    return isStatic || ts.isPrivateIdentifier(member.name) ? undefined : { name: `${className}.${member.name.text}`, decl: member };
  }
  return undefined;
}

function callFor(
  graph: ProgramGraph,
  owner: Owner,
  sourceFile: ts.SourceFile,
  file: string,
  targets: readonly ModelTarget[],
  lineOf: LineOf,
  causes: readonly Cause[],
  fits: readonly { model: ModelNode; fit: FitNode }[],
): Omit<StepCall, 'trains'> | undefined {
  const parameters: StepCall['parameters'][number][] = [];
  for (const [index, parameter] of owner.decl.parameters.entries()) {
    if (!ts.isIdentifier(parameter.name) || parameter.dotDotDotToken) return undefined;
    const name = parameter.name.text;
    const start = parameter.getStart(sourceFile);
    const uses = graph.tensors.flatMap((tensor) => tensor.args.flatMap((arg, position) => (isParameter(arg, file, start, index, name) ? [{ tensor, position }] : [])));
    let best: Derived | undefined;
    for (const { model, fit } of fits) {
      const role = isParameter(fit.x, file, start, index, name) ? 'input' : fit.y && isParameter(fit.y, file, start, index, name) ? 'output' : undefined;
      if (!role) continue;
      const target = targetOf(model, targets, lineOf);
      const what = `${role === 'input' ? 'the inputs' : 'the labels'} of ${fit.method} (line ${lineOf(fit.span)})`;
      let derived: Derived;
      if (target !== undefined) {
        // The check trains on labels of its own, made for the model's loss: these only need to reach fit.
        derived = { argument: { kind: 'tensor', shape: { of: role, target }, values: { kind: 'normal' } }, why: what, rank: 3 };
      } else if (refusedTargetOf(model, targets, lineOf, fits.map((each) => lineOf(each.fit.span))) !== undefined) {
        // A model nothing compiled: tfjs refuses this fit before it reads the data, so any tensor reaches the refusal.
        derived = { argument: { kind: 'tensor', shape: { of: 'literal', shape: [null, 1] }, values: { kind: 'normal' } }, why: `${what}, which tfjs refuses before it reads them: the model is not compiled`, rank: 3 };
      } else {
        return undefined;
      }
      // The same data given to several fits (a fine-tuning pass after the first) is one argument.
      if (best && JSON.stringify(best.argument) !== JSON.stringify(derived.argument)) return undefined;
      best ??= derived;
    }
    /** Used only in ways any shape fits: not enough to make it up. */
    let neutral = false;
    for (const use of uses) {
      const derived = fromTensorUse(graph, use.tensor, use.position, targets, lineOf);
      if (!derived) return undefined;
      if (derived === 'neutral') {
        neutral = true;
        continue;
      }
      if (best && best.argument.kind !== derived.argument.kind) return undefined;
      if (!best || derived.rank > best.rank) best = derived;
    }
    if (!best && neutral) return undefined;
    if (!best) {
      const references = referencesIn(owner.decl, name);
      if (references.length === 0) best = { argument: { kind: 'absent' }, why: 'not used', rank: 0 };
      else if (references.every((reference) => isLoopBound(reference))) best = { argument: { kind: 'count', value: 1 }, why: 'the number of passes of a loop', rank: 0 };
      else if (references.every(isCalledForEffect)) best = { argument: { kind: 'function' }, why: 'called for what it does', rank: 0 };
      else best = objectArgument(graph, references, (value): value is ReachedValue => isReachedFrom(value, file, start, index), targets, lineOf);
      if (!best) return undefined;
    }
    parameters.push({ name, argument: best.argument, why: best.why });
  }
  // A function of sizes only is a factory: the model targets call those.
  if (!parameters.some((parameter) => parameter.argument.kind === 'tensor' || parameter.argument.kind === 'array' || parameter.argument.kind === 'object')) return undefined;
  const first = lineOf({ file, start: owner.decl.getStart(sourceFile), end: owner.decl.getEnd() });
  const last = lineOf({ file, start: owner.decl.getEnd(), end: owner.decl.getEnd() });
  const inside = causes.filter((cause) => cause.file === file && cause.line !== undefined && cause.line >= first && cause.line <= last);
  return { owner: owner.name, line: first, parameters, ...(inside.length > 0 ? { codeCauses: inside } : {}) };
}

/**
 * The loss of the function's one custom step over one model, as tfjs operations, with the optimizer
 * that takes the step: what static mode trains that model with.
 */
function stepLoss(graph: ProgramGraph, owner: Owner, sourceFile: ts.SourceFile, steps: readonly GradientNode[], trained: readonly number[], targets: readonly ModelTarget[], lineOf: LineOf): StepCall['loss'] {
  if (new Set(steps.map((step) => step.span.start)).size !== 1 || trained.length > 1) return undefined;
  const starts = owner.decl.parameters.map((parameter) => parameter.getStart(sourceFile));
  const parameterOf = (value: Value): { index: number; path?: readonly string[] } | undefined => {
    if (value.kind !== 'unknown') return undefined;
    if (value.access) {
      const index = starts.indexOf(value.access.parameter.span.start);
      return index >= 0 && value.access.parameter.span.file === sourceFile.fileName ? { index, path: value.access.path } : undefined;
    }
    if (!value.parameter || value.name !== value.parameter.name) return undefined;
    const index = starts.indexOf(value.parameter.span.start);
    return index >= 0 ? { index } : undefined;
  };
  for (const step of steps) {
    // A list of weights to train that is not the whole model's: the static build trains them all.
    if (trained.length === 1 && step.varList && !(step.varList.kind === 'tfObject' && step.varList.weightsOf && targetOf(step.varList.weightsOf, targets, lineOf) === trained[0])) return undefined;
    const loss = stepLossOf(graph, step, { parameterOf, targetOf: (model) => targetOf(model, targets, lineOf), nameOf: (span) => declaredName(sourceFile, span) }, lineOf);
    if (!loss) continue;
    // One model the check builds, or variables of the code's own and no model.
    const ofModel = trained.length === 1 && loss.models.size === 1 && loss.models.has(trained[0]!) && loss.graph.variables.length === 0;
    const ofVariables = trained.length === 0 && loss.models.size === 0 && loss.graph.variables.length > 0 && !step.varList;
    if (!ofModel && !ofVariables) continue;
    const { models: _models, parameters: _parameters, ...stepLossOnly } = loss;
    return stepLossOnly;
  }
  return undefined;
}

/** Whether the value is the parameter itself (not a member of it) of the function being looked at. */
function isParameter(value: Value, file: string, start: number, index: number, name: string): boolean {
  return value.kind === 'unknown' && value.parameter !== undefined && value.name === name && value.parameter.index === index && value.parameter.span.file === file && value.parameter.span.start === start;
}

/** A value the code reaches from a parameter (see UnknownValue.access). */
type ReachedValue = UnknownValue & { readonly access: NonNullable<UnknownValue['access']> };

/** Whether the value is reached from the parameter by reading properties and calling methods (see UnknownValue.access). */
function isReachedFrom(value: Value, file: string, start: number, index: number): value is ReachedValue {
  const parameter = value.kind === 'unknown' ? value.access?.parameter : undefined;
  return parameter !== undefined && parameter.index === index && parameter.span.file === file && parameter.span.start === start;
}

/** How many steps from the parameter a made-up object goes at most (`data.train.nextBatch().xs`). */
const MAX_ACCESS_DEPTH = 4;

/**
 * An object for a parameter the code reads tensors from (`const batch = data.nextTrainBatch(64)`,
 * then `batch.xs` into the model and `batch.labels` into a loss): each way from the parameter to a
 * tensor operation gets the tensor that operation asks for. Every reference of the parameter must be
 * the start of one of those ways; any other use (the object passed on, a member the code reads as a
 * number) makes it uncallable.
 */
function objectArgument(graph: ProgramGraph, references: readonly ts.Identifier[], reached: (value: Value) => value is ReachedValue, targets: readonly ModelTarget[], lineOf: LineOf): Derived | undefined {
  const byPath = new Map<string, { path: readonly string[]; best: Derived }>();
  for (const tensor of graph.tensors) {
    for (const [position, arg] of tensor.args.entries()) {
      if (!reached(arg) || arg.access.path.length > MAX_ACCESS_DEPTH) continue;
      const derived = fromTensorUse(graph, tensor, position, targets, lineOf);
      if (!derived || derived === 'neutral' || derived.argument.kind !== 'tensor') return undefined;
      const key = arg.access.path.join('.');
      const known = byPath.get(key);
      if (!known || derived.rank > known.best.rank) byPath.set(key, { path: arg.access.path, best: derived });
    }
  }
  if (byPath.size === 0) return undefined;
  const paths = [...byPath.values()];
  const written = paths.map(({ path }) => path.join('.'));
  // One way may not end where another goes on: a value is a tensor or an object, not both.
  if (written.some((one) => written.some((other) => other.startsWith(`${one}.`)))) return undefined;
  for (const reference of references) {
    const start = accessPathAt(reference).join('.');
    if (start === '' || !written.some((path) => path === start || path.startsWith(`${start}.`))) return undefined;
  }
  const build = (prefix: readonly string[]): StandInArgument => {
    const here = paths.filter(({ path }) => path.length > prefix.length && prefix.every((step, at) => path[at] === step));
    const steps = [...new Set(here.map(({ path }) => path[prefix.length]!))];
    return {
      kind: 'object',
      members: steps.map((step) => {
        const method = step.endsWith('()');
        const leaf = here.find(({ path }) => path.length === prefix.length + 1 && path[prefix.length] === step);
        return { name: method ? step.slice(0, -2) : step, method, value: leaf ? leaf.best.argument : build([...prefix, step]) };
      }),
    };
  };
  const whys = paths.map(({ path, best }) => `\`${path.join('.')}\` for ${best.why}`);
  return { argument: build([]), why: whys.join('; '), rank: 3 };
}

/** The properties read and methods called from a reference, as far as the code chains them (`data.nextTrainBatch(64)` is `['nextTrainBatch()']`). */
function accessPathAt(reference: ts.Identifier): string[] {
  const path: string[] = [];
  let node: ts.Expression = reference;
  for (;;) {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node && ts.isIdentifier(parent.name)) {
      path.push(parent.name.text);
      node = parent;
    } else if (ts.isCallExpression(parent) && parent.expression === node && path.length > 0) {
      path[path.length - 1] += '()';
      node = parent;
    } else {
      return path;
    }
  }
}

/** `log(cost, step)` as a statement: the function is called, and what it returns is not used. */
function isCalledForEffect(reference: ts.Identifier): boolean {
  const call = reference.parent;
  if (!ts.isCallExpression(call) || call.expression !== reference) return false;
  const holder = ts.isAwaitExpression(call.parent) ? call.parent.parent : call.parent;
  return ts.isExpressionStatement(holder);
}

/** What a tensor operation that takes the parameter at `position` asks of it. */
function fromTensorUse(graph: ProgramGraph, tensor: TensorValue, position: number, targets: readonly ModelTarget[], lineOf: LineOf): Derived | 'neutral' | undefined {
  const op = tensor.op;
  if ((op === 'predict' || op === 'apply') && position === 0 && tensor.model) {
    const target = targetOf(tensor.model, targets, lineOf);
    if (target === undefined) return undefined;
    return { argument: { kind: 'tensor', shape: { of: 'input', target }, values: { kind: 'normal' } }, why: `the input of ${targets[target]!.name}`, rank: 3 };
  }
  if (op.startsWith('losses.') && position === 0) {
    const shape = shapeOf(tensor.args[1], targets, lineOf);
    if (!shape) return undefined;
    const values: StandInValues = BINARY_LABELS.has(op) ? { kind: 'binary' } : ONE_HOT_LABELS.has(op) ? { kind: 'one-hot' } : { kind: 'normal' };
    return { argument: { kind: 'tensor', shape, values }, why: `the labels of tf.${op} (line ${lineOf(tensor.span)})`, rank: 2 };
  }
  const product = position === 0 ? plainMatMul(tensor) : undefined;
  if (product) {
    // Rows of as many values as the weights have rows (`x.matMul(weights)`, weights [k, n]).
    const { weights } = product;
    if (weights?.length !== 2 || weights[0] === undefined) return undefined;
    return { argument: { kind: 'tensor', shape: { of: 'literal', shape: [null, weights[0]] }, values: { kind: 'normal' } }, why: `the rows of matMul (line ${lineOf(tensor.span)})`, rank: 2 };
  }
  if (RESHAPES.has(op) && position === 0) {
    // `x.as4D(-1, 28, 28, 1)`: samples of that shape (any shape of as many values per sample would do).
    const shape = tensor.facts.shape;
    if (!shape || shape.length < 2 || shape[0] !== undefined || shape.slice(1).some((size) => size === undefined)) return undefined;
    return { argument: { kind: 'tensor', shape: { of: 'literal', shape: [null, ...(shape.slice(1) as number[])] }, values: { kind: 'normal' } }, why: `the input of ${op} (line ${lineOf(tensor.span)})`, rank: 2 };
  }
  if (op === 'oneHot' && position === 0) {
    const count = numberOf(tensor.args[1]);
    if (count === undefined) return undefined;
    return { argument: { kind: 'tensor', shape: { of: 'literal', shape: [null] }, values: { kind: 'classes', count }, dtype: 'int32' }, why: `class ids for tf.oneHot (line ${lineOf(tensor.span)})`, rank: 2 };
  }
  if (TENSOR_FROM_ARRAY.has(op) && position === 0) {
    // The array made into the data given to fit (`model.fit(tf.tensor2d(rows), ...)`): the rows of the model's input or output.
    const fed = fitGiven(graph, tensor);
    if (fed) {
      const target = targetOf(fed.model, targets, lineOf);
      if (target === undefined) return undefined;
      // Nested rows of that shape, which a shape the code gives (`[rows.length, 4]`, `[values.length, 1]`) counts the rows of.
      const what = `${fed.role === 'input' ? 'the inputs' : 'the labels'} of ${fed.fit.method} (line ${lineOf(fed.fit.span)}), as tf.${op} (line ${lineOf(tensor.span)})`;
      return { argument: { kind: 'array', values: { kind: 'normal' }, shape: { of: fed.role, target } }, why: what, rank: 3 };
    }
  }
  if ((op === 'tensor1d' || op === 'tensor') && position === 0) {
    const classes = graph.tensors.find((other) => other.op === 'oneHot' && other.args[0] === tensor && numberOf(other.args[1]) !== undefined);
    const dtype = tensor.args[1]?.kind === 'primitive' ? tensor.args[1].value : undefined;
    if (classes) {
      const count = numberOf(classes.args[1])!;
      return { argument: { kind: 'array', values: { kind: 'classes', count } }, why: `class ids for tf.oneHot (line ${lineOf(classes.span)})`, rank: 2 };
    }
    // Whole numbers of an unknown range: nothing says which ones.
    if (dtype !== undefined && dtype !== 'float32') return undefined;
    return { argument: { kind: 'array', values: { kind: 'normal' } }, why: `the values of tf.${op} (line ${lineOf(tensor.span)})`, rank: 1 };
  }
  if (ELEMENTWISE_BINARY.has(op) && tensor.args.length === 2) {
    const other = tensor.args[1 - position];
    const shape = shapeOf(other, targets, lineOf);
    // Any shape broadcasts with a scalar: such a use says nothing of the parameter's (its other uses may).
    if (shape?.of === 'literal' && shape.shape.length === 0) return 'neutral';
    if (!shape) return undefined;
    // Weights of log-probabilities pick one class per row: labels, or the actions taken.
    if (op === 'mul' && isLogProbabilities(other)) return { argument: { kind: 'tensor', shape, values: { kind: 'one-hot' } }, why: `the weights of log-probabilities (line ${lineOf(tensor.span)})`, rank: 1 };
    return { argument: { kind: 'tensor', shape, values: { kind: 'unit' } }, why: `an operand of ${op} (line ${lineOf(tensor.span)})`, rank: 1 };
  }
  return undefined;
}

/** The operands' shapes of `rows.matMul(weights)` with neither transposed, as far as their facts know them; undefined for any other operation. */
function plainMatMul(tensor: TensorValue): { readonly rows: TensorValue['facts']['shape']; readonly weights: TensorValue['facts']['shape'] } | undefined {
  if (tensor.op !== 'matMul' || !tensor.args.slice(2).every((flag) => flag.kind === 'primitive' && !flag.value)) return undefined;
  const shape = (operand: Value | undefined) => (operand?.kind === 'tensor' ? operand.facts.shape : undefined);
  return { rows: shape(tensor.args[0]), weights: shape(tensor.args[1]) };
}

/** Reshapes whose result's shape the analysis knows but for the samples' count. */
const RESHAPES = new Set(['reshape', 'as2D', 'as3D', 'as4D']);

/** tfjs functions that make a tensor of a JavaScript array. */
const TENSOR_FROM_ARRAY = new Set(['tensor', 'tensor2d', 'tensor3d', 'tensor4d']);

/** How many elementwise operations may stand between an array's tensor and the data given to fit. */
const MAX_ELEMENTWISE_STEPS = 8;

/**
 * The fit, and its model, that the tensor is given to as its inputs or labels, itself or through
 * elementwise operations that keep its shape (`data.sub(mean).div(std)`, a standardization).
 */
function fitGiven(graph: ProgramGraph, tensor: TensorValue): { model: ModelNode; fit: FitNode; role: 'input' | 'output' } | undefined {
  const fits = graph.models.flatMap((model) => model.fits.filter((fit) => fit.method !== 'fitDataset').map((fit) => ({ model, fit })));
  const reached = new Set<Value>([tensor]);
  let frontier: Value[] = [tensor];
  for (let step = 0; step <= MAX_ELEMENTWISE_STEPS && frontier.length > 0; step++) {
    for (const { model, fit } of fits) {
      if (frontier.includes(fit.x)) return { model, fit, role: 'input' };
      if (fit.y && frontier.includes(fit.y)) return { model, fit, role: 'output' };
    }
    const next = graph.tensors.filter((other) => !reached.has(other) && (ELEMENTWISE_BINARY.has(other.op) || ELEMENTWISE_UNARY.has(other.op)) && other.args.some((arg) => frontier.includes(arg)));
    for (const other of next) reached.add(other);
    frontier = next;
  }
  return undefined;
}

/** `tf.logSoftmax(x)`, or the log of a softmax's probabilities or of a model's that ends in softmax. */
function isLogProbabilities(value: Value | undefined): boolean {
  if (value?.kind !== 'tensor') return false;
  if (value.op === 'logSoftmax') return true;
  const inner = value.args[0];
  return value.op === 'log' && inner?.kind === 'tensor' && (inner.op === 'softmax' || ((inner.op === 'predict' || inner.op === 'apply') && inner.model !== undefined && endsInSoftmax(inner.model)));
}

function endsInSoftmax(model: ModelNode): boolean {
  return outputHeads(model).some((head) => head.activation.known && head.activation.name === 'softmax');
}

/** The target made where the model was made. */
function targetOf(model: ModelNode, targets: readonly ModelTarget[], lineOf: LineOf): number | undefined {
  const line = lineOf(model.span);
  const index = targets.findIndex((target) => target.file === model.span.file && target.line === line);
  return index >= 0 && targets[index]!.spec ? index : undefined;
}

/**
 * The target made where the model was made, when the code trains it before any compile (at one of
 * `lines`, when given): it has no spec to shape data from, and needs none, as tfjs refuses its
 * training first.
 */
function refusedTargetOf(model: ModelNode, targets: readonly ModelTarget[], lineOf: LineOf, lines?: readonly number[]): number | undefined {
  const at = lineOf(model.span);
  const index = targets.findIndex((target) => target.file === model.span.file && target.line === at);
  const refusal = index >= 0 ? targets[index]!.cannotTrain : undefined;
  return refusal?.why === 'not-compiled' && (lines === undefined || lines.includes(refusal.line)) ? index : undefined;
}

/** The shape of a tensor the code computes, as the worker can work it out. */
export function shapeOf(value: Value | undefined, targets: readonly ModelTarget[], lineOf: LineOf, depth = 0): StandInShape | undefined {
  if (!value || value.kind !== 'tensor' || depth > 40) return undefined;
  const op = value.op;
  if ((op === 'predict' || op === 'apply') && value.model) {
    const target = targetOf(value.model, targets, lineOf);
    return target === undefined ? undefined : { of: 'output', target };
  }
  if (ELEMENTWISE_UNARY.has(op)) return shapeOf(value.args[0], targets, lineOf, depth + 1);
  if (ELEMENTWISE_BINARY.has(op)) {
    const shapes: StandInShape[] = [];
    for (const arg of value.args) {
      if (arg.kind === 'primitive' && typeof arg.value === 'number') continue;
      // Another parameter gets this operation's shape as its stand-in (see fromTensorUse).
      if (arg.kind === 'unknown' && arg.parameter && arg.name === arg.parameter.name) continue;
      const shape = shapeOf(arg, targets, lineOf, depth + 1);
      if (!shape) return undefined;
      shapes.push(shape);
    }
    return shapes.length === 1 ? shapes[0] : shapes.length > 1 ? { of: 'broadcast', shapes } : undefined;
  }
  if (REDUCTIONS.has(op)) {
    const from = shapeOf(value.args[0], targets, lineOf, depth + 1);
    const axisValue = value.args[1];
    const axis = numberOf(axisValue);
    const keepDims = value.args[2]?.kind === 'primitive' && value.args[2].value === true;
    if (!from || (axisValue !== undefined && axis === undefined && !(axisValue.kind === 'primitive' && axisValue.value == null))) return undefined;
    return { of: 'reduce', from, ...(axis !== undefined ? { axis } : {}), keepDims };
  }
  const product = plainMatMul(value);
  if (product) {
    // Rows times weights [k, n]: n values per row, whatever the rows are.
    const { rows, weights } = product;
    if (weights?.length === 2 && weights[1] !== undefined && (rows === undefined || rows.length === 2)) return { of: 'literal', shape: [null, weights[1]] };
  }
  if (op === 'oneHot') {
    const from = shapeOf(value.args[0], targets, lineOf, depth + 1) ?? literalOf(value.args[0]);
    const size = numberOf(value.args[1]);
    return from && size !== undefined ? { of: 'append', from, size } : undefined;
  }
  return literalOf(value);
}

/** A shape the analysis knows, every size but the first (taken as the batch's). */
function literalOf(value: Value | undefined): StandInShape | undefined {
  const shape = value?.kind === 'tensor' ? value.facts.shape : undefined;
  if (!shape || shape.slice(1).some((size) => size === undefined)) return undefined;
  return { of: 'literal', shape: shape.map((size) => (size === undefined ? null : size)) };
}

/** The identifiers named `name` in the function's body (shadowing is not told apart: a use is a use). */
function referencesIn(decl: ts.FunctionLikeDeclaration, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  if (decl.body) visit(decl.body);
  return found;
}

/** `step < steps` in a loop's condition: the parameter counts the loop's passes. */
function isLoopBound(reference: ts.Identifier): boolean {
  const comparison = reference.parent;
  if (!ts.isBinaryExpression(comparison) || comparison.right !== reference) return false;
  if (comparison.operatorToken.kind !== SK.LessThanToken && comparison.operatorToken.kind !== SK.LessThanEqualsToken) return false;
  const loop = comparison.parent;
  return (ts.isForStatement(loop) && loop.condition === comparison) || (ts.isWhileStatement(loop) && loop.expression === comparison);
}
