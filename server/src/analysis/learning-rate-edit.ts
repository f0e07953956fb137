/**
 * Writes a learning rate into the code, from the syntax tree of one file: the edit behind "Use
 * <rate>" in the overfit panel, and the one the training doctor's `set-learning-rate` fix
 * (`TrainingFix` in overfit/src/training/types.ts, whose `at` is a `CodePlace`) turns into. Given the
 * place of the optimizer's creation (`tf.train.adam(...)`), of the `compile` call that sets it, or of
 * a `fit` call of a model compiled in the file, it changes
 *
 * - `tf.train.adam(0.01)`: the rate written there;
 * - `tf.train.sgd(LR)` with `const LR = 0.1`: the constant, when the optimizer is its only use, else
 *   the argument (the constant keeps its other uses);
 * - `tf.train.adam()`: adds the rate;
 * - `optimizer: 'adam'`: becomes `tf.train.adam(<rate>)`, with the file's name for tfjs;
 * - `optimizer: opt` with `const opt = tf.train.adam(...)` in the file: that call, as above;
 *
 * and nothing, with the reason, where the rate comes from elsewhere (a parameter, an import, a
 * computation on other values) or the place holds no optimizer it can follow.
 */
import type { CodePlace } from '../../../overfit/src/training/types';
import type { TextEdit } from '../../../rules/core/rule';
import { ts } from './typescript';

export type { CodePlace };

export type LearningRateEdit =
  | { readonly kind: 'edit'; readonly edits: readonly TextEdit[]; readonly description: string }
  | { readonly kind: 'none'; readonly reason: string };

/** The `tf.train` factories; each takes the learning rate as its first argument. */
const FACTORIES: ReadonlySet<string> = new Set(['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop']);
/** The optimizer names `compile` accepts, by their lower-case form, with the factory of each. */
const COMPILE_STRINGS: Readonly<Record<string, string>> = { sgd: 'sgd', adagrad: 'adagrad', adadelta: 'adadelta', adam: 'adam', adamax: 'adamax', rmsprop: 'rmsprop' };
const TRAINING_CALLS: ReadonlySet<string> = new Set(['fit', 'fitDataset', 'trainOnBatch']);

function none(reason: string): LearningRateEdit {
  return { kind: 'none', reason };
}

function scriptKind(file: string): ts.ScriptKind {
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  if (extension === '.ts' || extension === '.mts' || extension === '.cts') return ts.ScriptKind.TS;
  if (extension === '.tsx') return ts.ScriptKind.TSX;
  if (extension === '.jsx') return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}

/** The factory name of a `tf.train.<name>(...)` or `train.<name>(...)` call. */
function trainFactory(node: ts.Node): string | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: owner, name } = node.expression;
  const ownerName = ts.isPropertyAccessExpression(owner) ? owner.name.text : ts.isIdentifier(owner) ? owner.text : undefined;
  return ownerName === 'train' && FACTORIES.has(name.text) ? name.text : undefined;
}

/** A number written with literals only (`0.01`, `1e-3`, `-0.5`, `1 / 1000`): replacing it changes nothing else. */
function isConstantNumber(node: ts.Expression): boolean {
  if (ts.isNumericLiteral(node)) return true;
  if (ts.isParenthesizedExpression(node)) return isConstantNumber(node.expression);
  if (ts.isPrefixUnaryExpression(node)) return (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken) && isConstantNumber(node.operand);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const arithmetic = [ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.AsteriskAsteriskToken];
    return arithmetic.includes(operator) && isConstantNumber(node.left) && isConstantNumber(node.right);
  }
  return false;
}

/** The rate as a number literal. */
export function rateLiteral(rate: number): string {
  return String(rate);
}

/** Every node that declares `name` in the file: variables, parameters, functions, classes, imports. */
function declarationsOf(sourceFile: ts.SourceFile, name: string): ts.Node[] {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isBindingElement(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name) &&
      node.name.text === name
    ) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The identifiers that read or write `name` (not property names, not the declaration's own name). */
function usesOf(sourceFile: ts.SourceFile, name: string): ts.Identifier[] {
  const uses: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node) || (ts.isMethodDeclaration(parent) && parent.name === node);
      const isDeclarationName = (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isBindingElement(parent)) && parent.name === node;
      if (!isPropertyName && !isDeclarationName) uses.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

/** The one declaration of `name` in the file, when there is exactly one and it is a variable. */
function onlyVariable(sourceFile: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  const declarations = declarationsOf(sourceFile, name);
  const [only] = declarations;
  return declarations.length === 1 && only && ts.isVariableDeclaration(only) ? only : undefined;
}

function replace(file: string, node: ts.Node, sourceFile: ts.SourceFile, text: string): TextEdit {
  return { span: { file, start: node.getStart(sourceFile), end: node.getEnd() }, text };
}

/** The edit of a `tf.train.<factory>(...)` call. */
function factoryCallEdit(file: string, sourceFile: ts.SourceFile, call: ts.CallExpression, factory: string, rate: number): LearningRateEdit {
  const literal = rateLiteral(rate);
  const argument = call.arguments[0];
  if (!argument) {
    // `adam()` and `adam( )`: the rate goes between the parentheses.
    return { kind: 'edit', edits: [{ span: { file, start: call.arguments.pos, end: call.arguments.end }, text: literal }], description: `Pass the learning rate ${literal} to tf.train.${factory}` };
  }
  if (isConstantNumber(argument)) {
    return { kind: 'edit', edits: [replace(file, argument, sourceFile, literal)], description: `Set the learning rate of tf.train.${factory} to ${literal}` };
  }
  if (ts.isIdentifier(argument)) {
    const declaration = onlyVariable(sourceFile, argument.text);
    const initializer = declaration?.initializer;
    if (!declaration || !initializer || !isConstantNumber(initializer)) {
      return none(`The learning rate of tf.train.${factory} comes from ${argument.text}, which is not a number written in this file: set ${literal} where ${argument.text} gets its value.`);
    }
    if (usesOf(sourceFile, argument.text).length === 1) {
      return { kind: 'edit', edits: [replace(file, initializer, sourceFile, literal)], description: `Set ${argument.text}, the learning rate of tf.train.${factory}, to ${literal}` };
    }
    // The constant has other uses: only the optimizer's rate changes.
    return { kind: 'edit', edits: [replace(file, argument, sourceFile, literal)], description: `Pass the learning rate ${literal} to tf.train.${factory} instead of ${argument.text}, which is also used elsewhere` };
  }
  return none(`The learning rate of tf.train.${factory} is computed (${argument.getText(sourceFile)}): set ${literal} where its value comes from.`);
}

/** The name the file gives the tfjs namespace (`import * as tf`, `const tf = require(...)`), else `tf` when it uses a global one. */
function tfNamespace(sourceFile: ts.SourceFile): string | undefined {
  let name: string | undefined;
  let usesGlobalTf = false;
  const isTfjs = (specifier: ts.Node | undefined) => specifier !== undefined && ts.isStringLiteral(specifier) && /^@tensorflow\/tfjs(-node(-gpu)?)?$/.test(specifier.text);
  const visit = (node: ts.Node): void => {
    if (name) return;
    if (ts.isImportDeclaration(node) && isTfjs(node.moduleSpecifier)) {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) name = bindings.name.text;
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.initializer.expression) && node.initializer.expression.text === 'require' && isTfjs(node.initializer.arguments[0])) {
      name = node.name.text;
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tf') {
      usesGlobalTf = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (name) return name;
  return usesGlobalTf && declarationsOf(sourceFile, 'tf').length === 0 ? 'tf' : undefined;
}

/** The edit of a `compile({ optimizer })` call. */
function compileEdit(file: string, sourceFile: ts.SourceFile, call: ts.CallExpression, rate: number): LearningRateEdit {
  const config = call.arguments[0];
  if (!config || !ts.isObjectLiteralExpression(config)) return none('compile is not given its options as an object written at the call, so the optimizer cannot be found.');
  const property = config.properties.find((candidate) => candidate.name !== undefined && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name)) && candidate.name.text === 'optimizer');
  if (!property) return none('compile sets no optimizer.');
  let value: ts.Expression | undefined;
  if (ts.isPropertyAssignment(property)) value = property.initializer;
  else if (ts.isShorthandPropertyAssignment(property)) value = property.name;
  if (!value) return none('The optimizer given to compile cannot be read.');
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) {
    const factory = COMPILE_STRINGS[value.text.toLowerCase()];
    if (!factory) return none(`compile's optimizer '${value.text}' is not one whose rate can be set.`);
    const namespace = tfNamespace(sourceFile);
    if (!namespace) return none(`The file has no name for TensorFlow.js (import * as tf) to create tf.train.${factory}(${rateLiteral(rate)}) with.`);
    const created = `${namespace}.train.${factory}(${rateLiteral(rate)})`;
    return { kind: 'edit', edits: [replace(file, value, sourceFile, created)], description: `Replace '${value.text}' with ${created}` };
  }
  const factory = trainFactory(value);
  if (factory) return factoryCallEdit(file, sourceFile, value as ts.CallExpression, factory, rate);
  if (ts.isIdentifier(value)) {
    const initializer = onlyVariable(sourceFile, value.text)?.initializer;
    const created = initializer ? trainFactory(initializer) : undefined;
    if (initializer && created) return factoryCallEdit(file, sourceFile, initializer as ts.CallExpression, created, rate);
    return none(`The optimizer ${value.text} is not created by a tf.train call in this file: set the rate where it is created.`);
  }
  return none(`The optimizer given to compile (${value.getText(sourceFile)}) is not one whose rate can be set.`);
}

/** The text of a method call's receiver (`model` in `model.fit(...)`). */
function receiverText(call: ts.CallExpression, sourceFile: ts.SourceFile): string | undefined {
  return ts.isPropertyAccessExpression(call.expression) ? call.expression.expression.getText(sourceFile) : undefined;
}

interface Candidates {
  readonly factories: ts.CallExpression[];
  readonly compiles: ts.CallExpression[];
  readonly trainings: ts.CallExpression[];
}

/** The calls that start on the line, else the innermost ones that span it. */
function callsAt(sourceFile: ts.SourceFile, line: number): Candidates {
  const starting: Candidates = { factories: [], compiles: [], trainings: [] };
  const spanning: Candidates = { factories: [], compiles: [], trainings: [] };
  const lineOf = (position: number) => sourceFile.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const first = lineOf(node.getStart(sourceFile));
      const last = lineOf(node.getEnd());
      const into = first === line ? starting : first <= line && last >= line ? spanning : undefined;
      const name = calleeName(node);
      if (into) {
        if (trainFactory(node)) into.factories.push(node);
        else if (name === 'compile' && ts.isPropertyAccessExpression(node.expression)) into.compiles.push(node);
        else if (name !== undefined && TRAINING_CALLS.has(name) && ts.isPropertyAccessExpression(node.expression)) into.trainings.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const innermost = (calls: ts.CallExpression[]) => [...calls].sort((a, b) => a.getWidth(sourceFile) - b.getWidth(sourceFile)).slice(0, 1);
  return {
    factories: starting.factories.length > 0 ? starting.factories : innermost(spanning.factories),
    compiles: starting.compiles.length > 0 ? starting.compiles : innermost(spanning.compiles),
    trainings: starting.trainings.length > 0 ? starting.trainings : innermost(spanning.trainings),
  };
}

/** Every `<receiver>.compile(...)` call of the file. */
function compilesOf(sourceFile: ts.SourceFile, receiver: string): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && calleeName(node) === 'compile' && receiverText(node, sourceFile) === receiver) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * The edit that makes the optimizer at `place` train with `learningRate`: at the place, a
 * `tf.train` factory call, else a `compile` call, else a `fit`/`fitDataset`/`trainOnBatch` call of a
 * model compiled once in the file. `text` is the file's text.
 */
export function learningRateEdit(text: string, place: CodePlace, learningRate: number): LearningRateEdit {
  if (!(Number.isFinite(learningRate) && learningRate > 0)) return none(`${learningRate} is not a learning rate: it must be a positive number.`);
  if (/\.html?$/i.test(place.file)) return none('The learning rate is set in an HTML page: edit its script by hand.');
  const sourceFile = ts.createSourceFile(place.file, text, ts.ScriptTarget.Latest, true, scriptKind(place.file));
  if (place.line < 1 || place.line > sourceFile.getLineStarts().length) return none(`Line ${place.line} is not in the file (it has ${sourceFile.getLineStarts().length}).`);
  const { factories, compiles, trainings } = callsAt(sourceFile, place.line);
  if (factories.length > 1) return none(`Line ${place.line} creates several optimizers: set the rate by hand.`);
  if (factories.length === 1) return factoryCallEdit(place.file, sourceFile, factories[0]!, trainFactory(factories[0]!)!, learningRate);
  if (compiles.length > 1) return none(`Line ${place.line} compiles several models: set the rate by hand.`);
  if (compiles.length === 1) return compileEdit(place.file, sourceFile, compiles[0]!, learningRate);
  const training = trainings[0];
  if (training && trainings.length === 1) {
    const receiver = receiverText(training, sourceFile);
    const compiled = receiver === undefined ? [] : compilesOf(sourceFile, receiver);
    if (compiled.length === 1) return compileEdit(place.file, sourceFile, compiled[0]!, learningRate);
    return none(compiled.length === 0 ? `${receiver ?? 'The model'} is not compiled in this file: set the rate where its optimizer is created.` : `${receiver} is compiled in ${compiled.length} places: set the rate by hand in the one that applies.`);
  }
  return none(`Line ${place.line} creates no optimizer and compiles or trains no model.`);
}
