/**
 * Lists a model's layers are made from, one per entry, that the code leaves unknown: a parameter of
 * the function that makes the model (`hiddenSizes.forEach((units) => model.add(...))`,
 * `for (const units of sizes) x = tf.layers.dense({ units }).apply(x)`,
 * `for (let i = 0; i < sizes.length; i++)`) that no call gives, or only a value known when the
 * script runs. The overfit check's static build stands in a list of
 * `LIST_STAND_IN_LENGTH` unknown sizes for it, which the build then fills in as it fills any size
 * the code leaves open, and says so; execute mode calls the factory with that list.
 */
import type { ModelNode } from '../../rules/core/graph';
import type { Span } from '../../rules/core/span';
import type { UnknownValue, Value } from '../../rules/core/values';
import { parameterKey, type ParameterStandIns } from './analysis/interpreter/interpreter';
import { ts } from './analysis/typescript';
import { enclosingFunction, nodeAt } from './layer-variants';

/**
 * Entries of a stand-in list: two, so that a loop that treats its first entry apart (the input
 * shape on the first layer) and the last apart (`returnSequences` on all but the last LSTM) takes
 * both ways.
 */
export const LIST_STAND_IN_LENGTH = 2;

/** A list parameter the model's layers are added from. */
export interface LayerListParameter {
  readonly name: string;
  readonly index: number;
  /** The function whose parameter it is. */
  readonly owner: string;
  /** The parameter's place, as the analysis keys it. */
  readonly span: Span;
}

/** The identifier a loop around `node` goes through, when it goes through a list one entry per pass. */
function iteratedList(loop: ts.Node, inside: ts.Node): string | undefined {
  if (ts.isForOfStatement(loop) && ts.isIdentifier(loop.expression) && loop.statement === inside) return loop.expression.text;
  if (ts.isForStatement(loop) && loop.statement === inside && loop.condition && ts.isBinaryExpression(loop.condition)) {
    const { operatorToken, right } = loop.condition;
    if ((operatorToken.kind === ts.SyntaxKind.LessThanToken || operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken) && ts.isPropertyAccessExpression(right) && right.name.text === 'length' && ts.isIdentifier(right.expression)) return right.expression.text;
  }
  // `sizes.forEach((units) => ...)`: the callback is the loop's body.
  if ((ts.isArrowFunction(inside) || ts.isFunctionExpression(inside)) && ts.isCallExpression(loop) && loop.arguments[0] === inside) {
    const callee = loop.expression;
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'forEach' || callee.name.text === 'map') && ts.isIdentifier(callee.expression)) return callee.expression.text;
  }
  return undefined;
}

/**
 * The function whose code makes the model: the one around where it is made, or, for an instance of
 * a class extending tf.Sequential that nothing makes (made where the class is), its constructor.
 */
function modelFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  const around = enclosingFunction(node);
  if (around) return around;
  let declaration: ts.ClassDeclaration | undefined;
  for (let current: ts.Node | undefined = node; current && !declaration; current = current.parent) {
    if (ts.isClassDeclaration(current) && current.getStart() === node.getStart()) declaration = current;
  }
  return declaration?.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
}

function functionName(decl: ts.SignatureDeclaration): string | undefined {
  if (ts.isConstructorDeclaration(decl)) return decl.parent.name?.text;
  if (decl.name && ts.isIdentifier(decl.name)) return decl.name.text;
  const parent = decl.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** Whether the code builds a layer: `tf.layers.<name>(...)`, `<model>.add(...)` or `<layer>.apply(...)`. */
function buildsLayers(node: ts.Node): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(child) && ts.isPropertyAccessExpression(child.expression)) {
      const callee = child.expression;
      const method = callee.name.text;
      if (method === 'add' || method === 'apply' || (ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'layers')) {
        found = true;
        return;
      }
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** The loop's body: the statement of a `for`, the callback of `forEach`/`map`. */
function loopBody(loop: ts.Node): ts.Node | undefined {
  if (ts.isForOfStatement(loop) || ts.isForStatement(loop)) return loop.statement;
  if (ts.isCallExpression(loop)) {
    const callback = loop.arguments[0];
    return callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback : undefined;
  }
  return undefined;
}

/**
 * The list parameters of the functions that build the model (the one that makes it, and those that
 * add its layers: a `create(layers)` method of the object that holds it) that a loop of that
 * function goes through, one entry per pass, building layers as it goes (`model.add`,
 * `layer.apply`). Only lists of those functions count: a list from elsewhere has no call to stand in for.
 */
export function layerListParameters(model: ModelNode, sourceFile: ts.SourceFile): LayerListParameter[] {
  if (model.kind === 'loaded') return [];
  // The model may be made in another file (an instance of this file's tf.Sequential subclass, made where `new` is): the functions of this file that add its layers count.
  const made = model.span.file === sourceFile.fileName ? modelFunction(nodeAt(sourceFile, model.span.start)) : undefined;
  const homes = new Set([made, ...model.slots.filter((slot) => slot.span.file === sourceFile.fileName).map((slot) => slotFunction(nodeAt(sourceFile, slot.span.start)))]);
  const found = new Map<string, LayerListParameter>();
  for (const home of homes) if (home) listsOf(home, sourceFile, found);
  return [...found.values()];
}

/** The function a layer is added in, past the callbacks of loops (`sizes.forEach((units) => this.add(...))`), which are its loop's body. */
function slotFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let home = enclosingFunction(node);
  while (home && home.parent && loopBody(home.parent) === home) home = enclosingFunction(home);
  return home;
}

/** The list parameters of `home` a loop of its own goes through building layers, added to `found` by their place. */
function listsOf(home: ts.SignatureDeclaration, sourceFile: ts.SourceFile, found: Map<string, LayerListParameter>): void {
  const owner = functionName(home);
  const body = 'body' in home ? (home.body as ts.Node | undefined) : undefined;
  if (!body || owner === undefined) return;
  const visit = (node: ts.Node): void => {
    const passes = loopBody(node);
    const list = passes ? iteratedList(node, passes) : undefined;
    if (list !== undefined && buildsLayers(passes!)) {
      const index = home.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === list && !parameter.dotDotDotToken);
      if (index >= 0) {
        const parameter = home.parameters[index]!;
        const span = { file: sourceFile.fileName, start: parameter.getStart(sourceFile), end: parameter.getEnd() };
        found.set(parameterKey(span), { name: list, index, owner, span });
      }
    }
    // Functions inside are other code, except the callback of a loop, which is its body.
    if (ts.isFunctionLike(node) && !(node.parent && loopBody(node.parent) === node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
}

/** The list each parameter gets: entries the code does not know, each named as an entry of the parameter. */
export function listStandIns(parameters: readonly LayerListParameter[]): ParameterStandIns {
  return new Map(
    parameters.map((parameter): [string, Value] => {
      const entries = Array.from({ length: LIST_STAND_IN_LENGTH }, (_, entry): UnknownValue => ({
        kind: 'unknown',
        reason: `an entry of the list ${parameter.name} the code leaves open`,
        name: `${parameter.name}[${entry}]`,
        parameter: { name: parameter.name, index: parameter.index, owner: parameter.owner, span: parameter.span, entry },
      }));
      return [parameterKey(parameter.span), { kind: 'array', elements: entries, complete: true }];
    }),
  );
}
