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
