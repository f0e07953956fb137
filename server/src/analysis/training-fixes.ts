/**
 * The code edits of the learning-curve doctor's fixes (TrainingFix). Each finds the training call at
 * the fix's line in the file's syntax tree and changes its config there, or says why it cannot.
 *
 * Every one of these changes how the model trains: the editor applies one only when the user asks
 * for it (the training panel's Fix button), and none is part of "fix all".
 *
 * - `set-epochs`: the `epochs` of the call's config: its number replaced, or the option added. When
 *   the value is a variable, its `const`'s number changes only if this is its one use; else the
 *   property gets the number.
 * - `add-early-stopping`: `callbacks: tf.callbacks.earlyStopping(...)` in the config, or the callback
 *   added to the ones there. tfjs treats `callbacks` as callback objects only when the first one is a
 *   callback object (`tf.Callback`); else it wraps every element as the functions of a callback. So an
 *   existing list of functions (`{ onEpochEnd }`, `tfvis.show.fitCallbacks(...)`) is wrapped in
 *   `new tf.CustomCallback(...)`, which is what tfjs did with it, before the early stopping is added.
 * - `shuffle-before-split`: `fit` takes its validation split from the end of x and y as they are,
 *   before it shuffles, so data ordered by class or time validates on a slice unlike the rest. The
 *   edit shuffles both with one permutation before the call (`tf.util.createShuffledIndices`, then
 *   `tf.gather` of the samples and of the labels), passes the shuffled tensors to `fit`, and disposes
 *   them once an awaited `fit` is done. The validation split stays, now a random sample of the data,
 *   and the rest of the script keeps its tensors in their order.
 */
import type { TrainingFix } from '../../../overfit/src/training/types';
import type { TextEdit } from '../../../rules/core/rule';
import { insertProperty } from '../../../rules/core/edits';
import { learningRateEdit } from './learning-rate-edit';
import { parseSource } from './source';
import { ts } from './typescript';

/** The edits of a fix, with the title the editor shows; or why it cannot be placed in this text. */
export type TrainingFixEdit =
  | { readonly kind: 'edit'; readonly title: string; readonly edits: readonly TextEdit[] }
  | { readonly kind: 'unplaced'; readonly reason: string };

type Placed = TrainingFixEdit;
type Builder<K extends TrainingFix['kind']> = (file: FileSyntax, fix: Extract<TrainingFix, { kind: K }>) => Placed;

/**
 * The edit builder of each kind of fix. `set-learning-rate` edits the optimizer (at its creation, the
 * compile that sets it, or the fit of a model compiled once in the file) with the same edit as the
 * overfit panel's "Use <rate>".
 */
const BUILDERS: { readonly [K in TrainingFix['kind']]: Builder<K> } = {
  'set-epochs': setEpochs,
  'add-early-stopping': addEarlyStopping,
  'shuffle-before-split': shuffleBeforeSplit,
  'set-learning-rate': setLearningRate,
};

function setLearningRate(file: FileSyntax, fix: Extract<TrainingFix, { kind: 'set-learning-rate' }>): Placed {
  const result = learningRateEdit(file.text, { file: file.file, line: fix.at.line }, fix.learningRate);
  return result.kind === 'edit' ? { kind: 'edit', title: result.description, edits: result.edits } : unplaced(result.reason);
}

/** The edits that make `fix` in `text`, the current text of `file`. */
export function trainingFixEdit(file: string, text: string, fix: TrainingFix): TrainingFixEdit {
  const builder = BUILDERS[fix.kind] as Builder<typeof fix.kind>;
  if (!Number.isSafeInteger(fix.at.line) || fix.at.line < 1) return unplaced(`line ${fix.at.line} is not a line of the file`);
  const parsed = parseSource(file, text);
  if (parsed.syntaxError) return unplaced(`the file does not parse (line ${parsed.syntaxError.line})`);
  return builder({ file, text, sourceFile: parsed.sourceFile }, fix as never);
}

interface FileSyntax {
  readonly file: string;
  readonly text: string;
  readonly sourceFile: ts.SourceFile;
}

function unplaced(reason: string): Placed {
  return { kind: 'unplaced', reason };
}

function edit(file: FileSyntax, start: number, end: number, text: string): TextEdit {
  return { span: { file: file.file, start, end }, text };
}

// ---------------------------------------------------------------------------------------------------
// The training call and its config

type TrainingMethod = 'fit' | 'fitDataset';

interface TrainingCallSyntax {
  readonly call: ts.CallExpression;
  readonly method: TrainingMethod;
}

function lineOf(file: FileSyntax, offset: number): number {
  return file.sourceFile.getLineAndCharacterOfPosition(offset).line + 1;
}

/**
 * The `fit` or `fitDataset` call at a 1-based line: the one whose method name is on it (where a stack
 * trace of the call points), else the one that starts on it, else the innermost that spans it.
 */
function trainingCallAt(file: FileSyntax, line: number): TrainingCallSyntax | undefined {
  const calls: TrainingCallSyntax[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      if (name === 'fit' || name === 'fitDataset') calls.push({ call: node, method: name });
    }
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  const named = calls.find(({ call }) => lineOf(file, (call.expression as ts.PropertyAccessExpression).name.getStart(file.sourceFile)) === line);
  const starting = calls.find(({ call }) => lineOf(file, call.getStart(file.sourceFile)) === line);
  const spanning = calls
    .filter(({ call }) => lineOf(file, call.getStart(file.sourceFile)) <= line && lineOf(file, call.end) >= line)
    .sort((a, b) => a.call.end - a.call.getStart(file.sourceFile) - (b.call.end - b.call.getStart(file.sourceFile)))[0];
  return named ?? starting ?? spanning;
}

/** `fit(x, y, config)`, `fitDataset(dataset, config)`. */
function configIndex(method: TrainingMethod): number {
  return method === 'fit' ? 2 : 1;
}

type ConfigSyntax =
  | { readonly kind: 'object'; readonly object: ts.ObjectLiteralExpression }
  /** No config argument: a new one goes in as the call's last argument (after its trailing comma, when it has one: `comma` false). */
  | { readonly kind: 'absent'; readonly insertAt: number; readonly comma: boolean }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The config object of the call: written there, or a `const` of this file that holds it for this call only. */
function configOf(file: FileSyntax, training: TrainingCallSyntax): ConfigSyntax {
  const { call, method } = training;
  const index = configIndex(method);
  const args = call.arguments;
  if (args.some(ts.isSpreadElement)) return { kind: 'unknown', reason: `the arguments of ${method} are spread from an array` };
  const argument = args[index];
  if (!argument) {
    if (args.length < index) return { kind: 'unknown', reason: `the ${method} call has fewer arguments than it needs` };
    // After the last argument, or after its trailing comma.
    const last = args[args.length - 1]!;
    const comma = file.text.indexOf(',', last.end);
    const trailing = args.hasTrailingComma && comma >= 0 && comma < call.end;
    return { kind: 'absent', insertAt: trailing ? comma + 1 : last.end, comma: !trailing };
  }
  const expression = unwrap(argument);
  if (ts.isObjectLiteralExpression(expression)) return { kind: 'object', object: expression };
  if (ts.isIdentifier(expression)) {
    const declaration = constDeclaration(file, expression.text);
    const initializer = declaration?.initializer ? unwrap(declaration.initializer) : undefined;
    if (!initializer || !ts.isObjectLiteralExpression(initializer)) {
      return { kind: 'unknown', reason: `the config of ${method} is \`${expression.text}\`, which is not an object written in this file` };
    }
    if (useCount(file, expression.text) !== 1) return { kind: 'unknown', reason: `the config \`${expression.text}\` is used by more than this call` };
    return { kind: 'object', object: initializer };
  }
  return { kind: 'unknown', reason: `the config of ${method} is not an object written at the call` };
}

/** The expression inside parentheses and TypeScript's `as`, `satisfies` and `!`. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
  return current;
}

/** The one `const name = ...` of the file (none when the name is declared more than once, in any way). */
function constDeclaration(file: FileSyntax, name: string): ts.VariableDeclaration | undefined {
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name && ts.isIdentifier(node.name) && node.name.text === name) {
      found.push(node);
    }
    if ((ts.isBindingElement(node) && ts.isIdentifier(node.name) && node.name.text === name) || ((ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) && node.name.text === name)) found.push(node);
    if (ts.isImportClause(node) && node.name?.text === name) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  const only = found.length === 1 ? found[0] : undefined;
  if (!only || !ts.isVariableDeclaration(only)) return undefined;
  const list = only.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Const) !== 0 ? only : undefined;
}

/**
 * How often the file reads a name: every identifier of that text that is not a declaration's name or
 * a property's. Shadowing names count too, which errs towards "more than one use".
 */
function useCount(file: FileSyntax, name: string): number {
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && isRead(node)) count++;
    ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return count;
}

function isRead(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === identifier) return false;
  if ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent)) && parent.name === identifier) return false;
  if (ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return false;
  return true;
}

type ConfigProperty = ts.PropertyAssignment | ts.ShorthandPropertyAssignment;

/**
 * The config's property of that name: the last one written, as JavaScript takes it. Undefined when a
 * spread after it may set it instead.
 */
function propertyOf(object: ts.ObjectLiteralExpression, name: string): { property: ConfigProperty | undefined; spreadAfter: boolean } {
  let property: ConfigProperty | undefined;
  let spreadAfter = false;
  for (const member of object.properties) {
    if (ts.isSpreadAssignment(member)) spreadAfter = true;
    else if ((ts.isPropertyAssignment(member) || ts.isShorthandPropertyAssignment(member)) && propertyName(member.name) === name) {
      property = member;
      spreadAfter = false;
    }
  }
  return { property, spreadAfter };
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

/** The edit that sets `key` to `value` in the config: the property's value replaced, or the property added. */
function setConfigProperty(file: FileSyntax, config: ConfigSyntax, method: TrainingMethod, key: string, value: string): TextEdit[] | string {
  if (config.kind === 'unknown') return config.reason;
  if (config.kind === 'absent') return [edit(file, config.insertAt, config.insertAt, config.comma ? `, { ${key}: ${value} }` : ` { ${key}: ${value} },`)];
  const { property, spreadAfter } = propertyOf(config.object, key);
  if (property && spreadAfter) return `a spread after \`${key}\` in the config of ${method} may set it`;
  if (!property) return [insertProperty(file.text, spanOf(file, config.object), key, value)];
  if (ts.isShorthandPropertyAssignment(property)) return [edit(file, property.getStart(file.sourceFile), property.end, `${key}: ${value}`)];
  return [edit(file, property.initializer.getStart(file.sourceFile), property.initializer.end, value)];
}

function spanOf(file: FileSyntax, node: ts.Node): TextEdit['span'] {
  return { file: file.file, start: node.getStart(file.sourceFile), end: node.end };
}

function findCall(file: FileSyntax, fix: TrainingFix): TrainingCallSyntax | string {
  return trainingCallAt(file, fix.at.line) ?? `no fit or fitDataset call is at line ${fix.at.line}`;
}

// ---------------------------------------------------------------------------------------------------
// set-epochs

function setEpochs(file: FileSyntax, fix: Extract<TrainingFix, { kind: 'set-epochs' }>): Placed {
  if (!Number.isSafeInteger(fix.epochs) || fix.epochs < 1) return unplaced(`${fix.epochs} is not a number of epochs`);
  const training = findCall(file, fix);
  if (typeof training === 'string') return unplaced(training);
  const title = `Train for ${fix.epochs} epochs`;
  const value = String(fix.epochs);
  const config = configOf(file, training);
  if (config.kind === 'object') {
    const { property, spreadAfter } = propertyOf(config.object, 'epochs');
    const written = property && !spreadAfter ? (ts.isShorthandPropertyAssignment(property) ? property.name : unwrap(property.initializer)) : undefined;
    if (written && ts.isNumericLiteral(written)) return { kind: 'edit', title, edits: [edit(file, written.getStart(file.sourceFile), written.end, value)] };
    // A constant read only here is the place the number is meant to be changed.
    if (written && ts.isIdentifier(written)) {
      const declaration = constDeclaration(file, written.text);
      const initializer = declaration?.initializer ? unwrap(declaration.initializer) : undefined;
      if (initializer && ts.isNumericLiteral(initializer) && useCount(file, written.text) === 1) {
        return { kind: 'edit', title, edits: [edit(file, initializer.getStart(file.sourceFile), initializer.end, value)] };
      }
    }
  }
  const edits = setConfigProperty(file, config, training.method, 'epochs', value);
  return typeof edits === 'string' ? unplaced(edits) : { kind: 'edit', title, edits };
}

// ---------------------------------------------------------------------------------------------------
// The file's name for tfjs

/** Packages whose namespace has `callbacks`, `CustomCallback`, `gather` and `util`. */
const TFJS_PACKAGES = /^@tensorflow\/tfjs(?:-node(?:-gpu)?)?$/;

interface TfjsNames {
  /** The namespace (`tf` of `import * as tf`), when the file has one. */
  readonly namespace?: string;
  /** A named import of `callbacks`, by its local name. */
  readonly callbacks?: string;
  /** The quote the file writes its tfjs import with. */
  readonly quote: string;
}

/**
 * How the file names tfjs: its namespace import (`import * as tf`, a default import, `const tf =
 * require(...)`) or named import of `callbacks`; a file that imports no tfjs but reads `tf.` uses the
 * global of the tfjs script bundle.
 */
function tfjsNames(file: FileSyntax): TfjsNames | undefined {
  let namespace: string | undefined;
  let callbacks: string | undefined;
  let quote: string | undefined;
  let imports = false;
  const fromTfjs = (specifier: ts.Node | undefined): boolean => {
    if (!specifier || !ts.isStringLiteral(specifier) || !TFJS_PACKAGES.test(specifier.text)) return false;
    imports = true;
    quote ??= file.text[specifier.getStart(file.sourceFile)];
    return true;
  };
  for (const statement of file.sourceFile.statements) {
    if (ts.isImportDeclaration(statement) && fromTfjs(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) namespace ??= clause.name.text;
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) namespace ??= bindings.name.text;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === 'callbacks' && !element.isTypeOnly) callbacks ??= element.name.text;
      }
    }
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require' || !fromTfjs(init.arguments[0])) continue;
        if (ts.isIdentifier(declaration.name)) namespace ??= declaration.name.text;
        else if (ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const key = element.propertyName ?? element.name;
            if (ts.isIdentifier(key) && key.text === 'callbacks' && ts.isIdentifier(element.name)) callbacks ??= element.name.text;
          }
        }
      }
    }
  }
  if (!imports && readsGlobalTf(file)) return { namespace: 'tf', quote: "'" };
  if (namespace === undefined && callbacks === undefined) return undefined;
  return { ...(namespace !== undefined ? { namespace } : {}), ...(callbacks !== undefined ? { callbacks } : {}), quote: quote ?? "'" };
}

function readsGlobalTf(file: FileSyntax): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'tf') found = true;
    else ts.forEachChild(node, visit);
  };
  visit(file.sourceFile);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// add-early-stopping

/** How tfjs takes an entry of `callbacks`: a callback object, or the functions of one. */
type CallbackForm = 'object' | 'functions' | 'early-stopping' | 'unknown';

function isEarlyStoppingCall(expression: ts.Expression): boolean {
  return ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && expression.expression.name.text === 'earlyStopping';
}

function callbackForm(file: FileSyntax, node: ts.Expression, seen = 0): CallbackForm {
  const expression = unwrap(node);
  if (isEarlyStoppingCall(expression)) return 'early-stopping';
  if (ts.isNewExpression(expression)) {
    const name = ts.isPropertyAccessExpression(expression.expression) ? expression.expression.name.text : ts.isIdentifier(expression.expression) ? expression.expression.text : '';
    return name === 'EarlyStopping' ? 'early-stopping' : 'object';
  }
  // tf.callbacks.* makes callback objects.
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && ts.isPropertyAccessExpression(expression.expression.expression)) {
    if (expression.expression.expression.name.text === 'callbacks') return 'object';
  }
  if (ts.isObjectLiteralExpression(expression)) return 'functions';
  // tfjs-vis's fitCallbacks returns the functions of a callback.
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && expression.expression.name.text === 'fitCallbacks') return 'functions';
  if (ts.isIdentifier(expression) && seen < 4) {
    const initializer = constDeclaration(file, expression.text)?.initializer;
    if (initializer) return callbackForm(file, initializer, seen + 1);
  }
  return 'unknown';
}

function addEarlyStopping(file: FileSyntax, fix: Extract<TrainingFix, { kind: 'add-early-stopping' }>): Placed {
  if (!/^[A-Za-z_][\w]*$/.test(fix.monitor)) return unplaced(`${JSON.stringify(fix.monitor)} is not a metric name`);
  if (!Number.isSafeInteger(fix.patience) || fix.patience < 0) return unplaced(`${fix.patience} is not a patience in epochs`);
  const training = findCall(file, fix);
  if (typeof training === 'string') return unplaced(training);
  const names = tfjsNames(file);
  if (!names) return unplaced('the file imports no tfjs namespace to take tf.callbacks from');
  const callbacksOf = names.namespace !== undefined ? `${names.namespace}.callbacks` : names.callbacks!;
  const q = names.quote;
  const earlyStopping = `${callbacksOf}.earlyStopping({ monitor: ${q}${fix.monitor}${q}, patience: ${fix.patience} })`;
  const title = `Stop training when ${fix.monitor} has not improved for ${fix.patience} epochs`;
  const config = configOf(file, training);
  const existing = config.kind === 'object' ? propertyOf(config.object, 'callbacks') : undefined;
  if (!existing?.property || existing.spreadAfter) {
    const edits = setConfigProperty(file, config, training.method, 'callbacks', earlyStopping);
    return typeof edits === 'string' ? unplaced(edits) : { kind: 'edit', title, edits };
  }
  const property = existing.property;
  const value = ts.isShorthandPropertyAssignment(property) ? property.name : unwrap(property.initializer);
  const wrap = (element: ts.Expression): string | undefined => (names.namespace !== undefined ? `new ${names.namespace}.CustomCallback(${element.getText(file.sourceFile)})` : undefined);
  const noWrap = unplaced('the callbacks are functions, which tfjs cannot mix with early stopping unless wrapped in tf.CustomCallback, and the file has no tfjs namespace to take it from');
  const replaceValue = (text: string): Placed => {
    const span = ts.isShorthandPropertyAssignment(property) ? { start: property.getStart(file.sourceFile), text: `callbacks: ${text}` } : { start: value.getStart(file.sourceFile), text };
    return { kind: 'edit', title, edits: [edit(file, span.start, ts.isShorthandPropertyAssignment(property) ? property.end : value.end, span.text)] };
  };

  if (ts.isArrayLiteralExpression(value)) {
    const elements = value.elements;
    if (elements.some((element) => ts.isSpreadElement(element))) return unplaced('the callbacks are spread from another array');
    if (elements.some((element) => callbackForm(file, element) === 'early-stopping')) return unplaced('the call already stops early');
    const first = elements[0];
    if (!first) return { kind: 'edit', title, edits: [appendElement(file, value, earlyStopping)] };
    const form = callbackForm(file, first);
    if (form === 'object') return { kind: 'edit', title, edits: [appendElement(file, value, earlyStopping)] };
    if (form === 'unknown') return unplaced(`cannot tell whether \`${first.getText(file.sourceFile)}\` is a callback object or the functions of one`);
    // tfjs wraps every element of a list that starts with functions: the edit writes that out.
    if (names.namespace === undefined) return noWrap;
    return {
      kind: 'edit',
      title,
      edits: [...elements.map((element) => edit(file, element.getStart(file.sourceFile), element.end, wrap(element)!)), appendElement(file, value, earlyStopping)],
    };
  }
  const form = callbackForm(file, value);
  if (form === 'early-stopping') return unplaced('the call already stops early');
  if (form === 'object') return replaceValue(`[${value.getText(file.sourceFile)}, ${earlyStopping}]`);
  if (form === 'unknown') return unplaced(`cannot tell whether \`${value.getText(file.sourceFile)}\` is a callback object or the functions of one`);
  const wrapped = wrap(value);
  return wrapped === undefined ? noWrap : replaceValue(`[${wrapped}, ${earlyStopping}]`);
}

/** Adds an element at the end of an array literal, following its layout as insertProperty does for objects. */
function appendElement(file: FileSyntax, array: ts.ArrayLiteralExpression, element: string): TextEdit {
  const open = array.getStart(file.sourceFile);
  const close = array.end - 1;
  let end = close;
  while (end > open + 1 && /\s/.test(file.text[end - 1]!)) end--;
  if (array.elements.length === 0) return edit(file, open + 1, close, element);
  const trailingComma = file.text[end - 1] === ',';
  if (file.text.slice(open, array.end).includes('\n')) {
    const lineStart = file.text.lastIndexOf('\n', end - 1) + 1;
    const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
    return edit(file, end, end, `${trailingComma ? '' : ','}\n${indent}${element}${trailingComma ? ',' : ''}`);
  }
  return edit(file, end, end, `${trailingComma ? '' : ','} ${element}`);
}

// ---------------------------------------------------------------------------------------------------
// shuffle-before-split

/** A name, or a chain of property reads (`data.xs`): safe to read twice. */
function isPlainReference(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return true;
  return ts.isPropertyAccessExpression(expression) && isPlainReference(expression.expression);
}

/** The statement the call is part of, run when the call runs: no function lies between them. */
function enclosingStatement(call: ts.Node): ts.Statement | undefined {
  let node: ts.Node = call;
  while (node.parent) {
    const parent = node.parent;
    if (ts.isFunctionLike(parent)) return undefined;
    if ((ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isModuleBlock(parent)) && ts.isStatement(node)) return node;
    node = parent;
  }
  return undefined;
}

/** Whether the statement waits for the call's promise (`await model.fit(...)`, `const h = await model.fit(...)`). */
function awaitsCall(statement: ts.Statement, call: ts.CallExpression): boolean {
  const awaited = (expression: ts.Expression | undefined) => expression !== undefined && ts.isAwaitExpression(expression) && unwrap(expression.expression) === call;
  if (ts.isExpressionStatement(statement)) return awaited(statement.expression);
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.some((declaration) => awaited(declaration.initializer));
  return false;
}

/** A name no identifier of the file has yet: `base`, else `base2`, `base3`, ... */
function freshName(file: FileSyntax, base: string, taken: Set<string>): string {
  const used = (name: string) => taken.has(name) || new RegExp(`\\b${name}\\b`).test(file.text);
  let name = base;
  for (let suffix = 2; used(name); suffix++) name = `${base}${suffix}`;
  taken.add(name);
  return name;
}

function referenceName(expression: ts.Expression): string {
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : (expression as ts.Identifier).text;
}

function shuffleBeforeSplit(file: FileSyntax, fix: Extract<TrainingFix, { kind: 'shuffle-before-split' }>): Placed {
  const training = findCall(file, fix);
  if (typeof training === 'string') return unplaced(training);
  if (training.method !== 'fit') return unplaced('fitDataset takes no validationSplit: shuffle the dataset itself (dataset.shuffle)');
  const config = configOf(file, training);
  if (config.kind !== 'object') return unplaced(config.kind === 'absent' ? 'the fit call has no validationSplit' : config.reason);
  const split = propertyOf(config.object, 'validationSplit').property;
  if (!split) return unplaced('the fit call has no validationSplit');
  const [x, y] = training.call.arguments.map(unwrap);
  if (!x || !y || !isPlainReference(x) || !isPlainReference(y)) return unplaced('the samples and labels of fit are not plain names to shuffle');
  const statement = enclosingStatement(training.call);
  if (!statement) return unplaced('the fit call is not in a statement of its own to shuffle before');
  const names = tfjsNames(file);
  if (names?.namespace === undefined) return unplaced('the file imports no tfjs namespace to shuffle with');
  const tf = names.namespace;

  const taken = new Set<string>();
  const order = freshName(file, 'shuffledOrder', taken);
  const xName = freshName(file, `${referenceName(x)}Shuffled`, taken);
  const yName = freshName(file, `${referenceName(y)}Shuffled`, taken);
  const start = statement.getStart(file.sourceFile);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  const semicolon = file.text.slice(statement.getStart(file.sourceFile), statement.end).trimEnd().endsWith(';') ? ';' : '';
  const xText = x.getText(file.sourceFile);
  const yText = y.getText(file.sourceFile);
  const before = [
    '// validationSplit takes the last samples as they are ordered: shuffle samples and labels together first.',
    `const ${order} = Array.from(${tf}.util.createShuffledIndices(${xText}.shape[0]))${semicolon}`,
    `const ${xName} = ${tf}.gather(${xText}, ${order})${semicolon}`,
    `const ${yName} = ${tf}.gather(${yText}, ${order})${semicolon}`,
  ]
    .map((line, index) => `${index === 0 ? '' : indent}${line}${newline}`)
    .join('');
  // Indentation of the statement's line stays in front of the first inserted line.
  const edits: TextEdit[] = [
    edit(file, start, start, `${before}${indent}`),
    edit(file, x.getStart(file.sourceFile), x.end, xName),
    edit(file, y.getStart(file.sourceFile), y.end, yName),
  ];
  if (awaitsCall(statement, training.call)) edits.push(edit(file, statement.end, statement.end, `${newline}${indent}${tf}.dispose([${xName}, ${yName}])${semicolon}`));
  return { kind: 'edit', title: 'Shuffle the samples and labels together before the validation split', edits };
}
