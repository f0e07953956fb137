/**
 * Whether a tensor stored in a block-scoped variable is left for the garbage collector, which never
 * frees tensor memory: the block neither disposes it nor lets it out (to other code, an array, the
 * caller). Syntactic, and silent on anything it cannot follow.
 */
import { TENSOR_OPS } from '../../../../rules/core/tfjs';
import { ts } from '../typescript';
import { READS_BACK } from './tfjs-api';

/** Tensor methods, besides the read-backs, whose use neither frees the tensor nor hands it on. */
const SHOWS_TENSOR = new Set(['print', 'toString']);
const TENSOR_PROPERTIES = new Set(['shape', 'dtype', 'rank', 'size']);
/** Model methods that read their tensor arguments and keep no reference to them. */
const MODEL_READS = new Set(['predict', 'fit', 'evaluate', 'trainOnBatch', 'execute', 'executeAsync']);
/**
 * `tf.browser` functions that draw a tensor on a canvas: they read it and neither keep nor dispose it
 * (toPixels disposes only the copy it makes of an array it is given).
 */
const DRAWS_TENSOR = new Set(['draw', 'toPixels']);
/** Tensor operation names that arrays and strings have too (`list.concat(t)` keeps `t`). */
const ARRAY_METHOD_NAMES = new Set(['concat', 'fill', 'reverse', 'slice', 'split']);

/** Where a `dispose()` call would go: before this statement, or after it. */
export interface DisposeSite {
  readonly statement: ts.Statement;
  readonly before: boolean;
}

/** The innermost function-like node around `node`, or the source file. */
function functionOf(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current && !ts.isFunctionLike(current) && !ts.isSourceFile(current)) current = current.parent;
  return current ?? node.getSourceFile();
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)) &&
      parent.name === node) ||
    ts.isImportSpecifier(parent)
  );
}

/** Whether this use of the tensor leaves it where it is: read, fed to an operation or a model. */
function keepsTensorHere(name: ts.Identifier): boolean {
  // `x as tf.Tensor4D`, `x!`, `(x)`: the same tensor.
  let reference: ts.Expression = name;
  while (ts.isParenthesizedExpression(reference.parent) || ts.isAsExpression(reference.parent) || ts.isNonNullExpression(reference.parent) || ts.isTypeAssertionExpression(reference.parent) || ts.isSatisfiesExpression(reference.parent)) {
    reference = reference.parent;
  }
  const parent = reference.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === reference) {
    const member = parent.name.text;
    const call = parent.parent;
    if (ts.isCallExpression(call) && call.expression === parent) return READS_BACK.has(member) || SHOWS_TENSOR.has(member) || (TENSOR_OPS.has(member) && member !== 'clone');
    return TENSOR_PROPERTIES.has(member);
  }
  if (ts.isCallExpression(parent) && parent.arguments.includes(reference)) {
    const callee = parent.expression;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    if (ts.isIdentifier(callee.expression) && callee.expression.text === 'console') return true;
    if (MODEL_READS.has(method)) return true;
    if (DRAWS_TENSOR.has(method) && ts.isPropertyAccessExpression(callee.expression) && callee.expression.name.text === 'browser') return true;
    return TENSOR_OPS.has(method) && !ARRAY_METHOD_NAMES.has(method) && method !== 'variable';
  }
  return false;
}

/** Whether `node` mentions `name` (a read of the variable, or a property of that name). */
function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node)) return node.text === name;
  return ts.forEachChild(node, (child) => mentions(child, name) || undefined) ?? false;
}

/**
 * For `const name = <tensor>` directly in a block: the tensor is left for the garbage collector
 * when every use in the block keeps the tensor there. Undefined when it is disposed, escapes, or the
 * block cannot be followed (the name is shadowed or captured by a nested function); otherwise where
 * to dispose it: at the end of the block, before a final `return`, `break`, `continue` or `throw`,
 * unless that statement reads the tensor itself (then there is no such place).
 */
export function undisposedTensor(declaration: ts.VariableDeclaration): { readonly dispose: DisposeSite | undefined } | undefined {
  const name = declaration.name;
  if (!ts.isIdentifier(name)) return undefined;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return undefined;
  const statement = list.parent;
  if (!ts.isVariableStatement(statement) || !ts.isBlock(statement.parent)) return undefined;
  const block = statement.parent;
  const home = functionOf(declaration);
  let followed = true;
  const visit = (node: ts.Node): void => {
    if (!followed) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text) {
      const parent = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!isMemberName && (isDeclarationName(node) || functionOf(node) !== home || !keepsTensorHere(node))) followed = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(block, visit);
  if (!followed) return undefined;
  const last = block.statements[block.statements.length - 1]!;
  const jumps = ts.isContinueStatement(last) || ts.isBreakStatement(last) || ts.isReturnStatement(last) || ts.isThrowStatement(last);
  // `return name.dataSync()`: a dispose before it would free the tensor before it is read.
  if (jumps && mentions(last, name.text)) return { dispose: undefined };
  return { dispose: { statement: last, before: jumps } };
}
