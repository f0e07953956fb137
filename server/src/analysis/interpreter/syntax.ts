/** Questions about syntax nodes that the evaluator's layers share. */
import type { FunctionValue, Value } from '../../../../rules/core/values';
import { ts } from '../typescript';
import type { ClassInfo, Closure } from './types';

const SK = ts.SyntaxKind;

/** A model handed to code the analysis cannot see may be compiled or trained there. */
export function markEscaped(value: Value, depth = 0): void {
  if (depth > 3) return;
  if (value.kind === 'model') value.model.escaped = true;
  else if (value.kind === 'array') for (const element of value.elements) markEscaped(element, depth + 1);
  else if (value.kind === 'object') for (const property of value.props.values()) markEscaped(property.value, depth + 1);
}

export function isClassValue(value: Value): value is FunctionValue {
  return value.kind === 'function' && (value.closure as Closure | ClassInfo).kind === 'class';
}

/** A member of a class or of its analysed base classes. */
export function findMember(
  info: ClassInfo,
  name: string,
  accept: (member: ts.ClassElement) => boolean,
): { owner: ClassInfo; member: ts.ClassElement } | undefined {
  for (let current: ClassInfo | undefined = info; current; ) {
    const member = current.decl.members.find(
      (candidate) => accept(candidate) && candidate.name !== undefined && (ts.isIdentifier(candidate.name) || ts.isStringLiteral(candidate.name) || ts.isPrivateIdentifier(candidate.name)) && candidate.name.text === name,
    );
    if (member) return { owner: current, member };
    current = current.base && isClassValue(current.base) ? (current.base.closure as ClassInfo) : undefined;
  }
  return undefined;
}

/** The innermost loop statement around `node` within its function, if any. */
export function enclosingLoop(node: ts.Node): ts.IterationStatement | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isIterationStatement(current, false)) return current;
    if (ts.isFunctionLike(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

const COMPARISONS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/** `a < b` and the like, or a `||` with one as an operand (either ends the loop it guards). */
function hasComparison(node: ts.Expression): boolean {
  const expression = skipOuterExpressions(node);
  if (!ts.isBinaryExpression(expression)) return false;
  if (COMPARISONS.has(expression.operatorToken.kind)) return true;
  return expression.operatorToken.kind === ts.SyntaxKind.BarBarToken && (hasComparison(expression.left) || hasComparison(expression.right));
}

/**
 * Whether a loop runs a counted number of passes, as its code reads: `for` with a comparison as its
 * condition (`i < n`), `for...of` (not `for await`), `for...in`, a `while` or `do` loop whose
 * condition is a comparison, or one that its own body ends under a comparison (a `break`, or a write
 * of a variable its condition reads, inside `if (... || text.length > maxLength)`), as a decoding
 * loop stops at a maximum length. `while (true)` and `while (running)` loops, which run until
 * something else stops them, are not counted.
 */
export function isCountedLoop(loop: ts.IterationStatement): boolean {
  if (ts.isForOfStatement(loop)) return !loop.awaitModifier;
  if (ts.isForInStatement(loop)) return true;
  if (ts.isForStatement(loop)) return loop.condition !== undefined && loop.incrementor !== undefined && hasComparison(loop.condition);
  if (!ts.isWhileStatement(loop) && !ts.isDoStatement(loop)) return false;
  if (hasComparison(loop.expression)) return true;
  const read = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) read.add(node.text);
    node.forEachChild(collect);
  };
  collect(loop.expression);
  return endsUnderComparison(loop.statement, read, false);
}

/** Whether `node` holds a `break` of the loop, or a write of one of `read`, under an `if` with a comparison. */
function endsUnderComparison(node: ts.Node, read: ReadonlySet<string>, guarded: boolean): boolean {
  if (ts.isFunctionLike(node) || ts.isIterationStatement(node, false) || ts.isSwitchStatement(node)) return false;
  if (ts.isIfStatement(node)) {
    const inside = guarded || hasComparison(node.expression);
    return endsUnderComparison(node.thenStatement, read, inside) || (node.elseStatement !== undefined && endsUnderComparison(node.elseStatement, read, guarded));
  }
  if (guarded && ts.isBreakStatement(node) && !node.label) return true;
  if (
    guarded &&
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(node.left) &&
    read.has(node.left.text)
  ) {
    return true;
  }
  return node.forEachChild((child) => (endsUnderComparison(child, read, guarded) ? true : undefined)) ?? false;
}

export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isSatisfiesExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

export function nameOfFunction(node: ts.FunctionExpression | ts.ArrowFunction): string | undefined {
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** The names a binding pattern declares. */
export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const names: string[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) names.push(...boundNames(element.name));
  return names;
}

/** Variables a statement may assign, so a loop run once can forget what it may have changed. */
export function assignedNames(statement: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= SK.FirstAssignment && node.operatorToken.kind <= SK.LastAssignment) {
      collectTargets(node.left, names);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SK.PlusPlusToken || node.operator === SK.MinusMinusToken)) {
      collectTargets(node.operand, names);
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  return names;
}

export function collectTargets(target: ts.Expression, names: Set<string>): void {
  const node = skipOuterExpressions(target);
  if (ts.isIdentifier(node)) names.add(node.text);
  else if (ts.isArrayLiteralExpression(node)) node.elements.forEach((element) => collectTargets(element, names));
  else if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      if (ts.isShorthandPropertyAssignment(property)) names.add(property.name.text);
      else if (ts.isPropertyAssignment(property)) collectTargets(property.initializer, names);
    }
  }
}

/** The number a default is written as (`= 128`, `= -1`, `= 0.5`), when it is written as one. */
export function numericDefault(initializer: ts.Expression | undefined): number | undefined {
  const expression = initializer ? skipOuterExpressions(initializer) : undefined;
  if (!expression) return undefined;
  if (ts.isNumericLiteral(expression)) return Number(expression.text);
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expression.operand)) return -Number(expression.operand.text);
  return undefined;
}

/** An unknown value a pattern destructures, with the number its element declares as default, if it declares one. */
export function withDeclaredDefault(member: Value, initializer: ts.Expression | undefined): Value {
  const declared = numericDefault(initializer);
  return member.kind === 'unknown' && declared !== undefined && Number.isFinite(declared) ? { ...member, defaultValue: declared } : member;
}

/** The name a function or method is declared with (`function build`, `build() {}`), if it has one. */
export function declarationName(decl: ts.Node): string | undefined {
  if ((ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isMethodDeclaration(decl)) && decl.name && ts.isIdentifier(decl.name)) return decl.name.text;
  return undefined;
}
