import type { ArrayValue, ObjectValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { KNOWN_GLOBALS, NOT_FOLDED, binaryOperation, fromField, globalMember, mergeInto, notDefinedReason, truthiness } from './builtins';
import { type Binding, Scope, joinValues } from './scope';
import { UNDEFINED, SK, MAX_YIELDS } from './evaluator-base';
import { nameOfFunction } from './syntax';
import { StatementEvaluator } from './statements';

/** Operators whose result is a number made from their operands' numbers. */
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '>>>']);

/** Expressions: names, operators folded when their operands are known, object and array literals. */
export abstract class ExpressionEvaluator extends StatementEvaluator {
  // ---- expressions ---------------------------------------------------------------------------

  protected eval(node: ts.Expression, scope: Scope): Value {
    this.tick();
    switch (node.kind) {
      case SK.NumericLiteral:
        return primitive(Number((node as ts.NumericLiteral).text), this.span(node));
      case SK.BigIntLiteral:
        return unknown('a BigInt', this.span(node));
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return primitive((node as ts.StringLiteral).text, this.span(node));
      case SK.TrueKeyword:
        return primitive(true, this.span(node));
      case SK.FalseKeyword:
        return primitive(false, this.span(node));
      case SK.NullKeyword:
        return primitive(null, this.span(node));
      case SK.ThisKeyword:
        return this.frame().thisValue;
      case SK.Identifier:
        return this.evalIdentifier(node as ts.Identifier, scope);
      case SK.TemplateExpression:
        return this.evalTemplate(node as ts.TemplateExpression, scope);
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.TypeAssertionExpression:
      case SK.NonNullExpression:
      case SK.SatisfiesExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, scope);
      case SK.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        if (access.expression.kind === SK.SuperKeyword) return unknown('a member of super');
        const global = this.unboundGlobal(access.expression, scope);
        if (global) return globalMember(global, access.name.text) ?? unknown(`${global}.${access.name.text}`);
        return this.getMember(this.eval(access.expression, scope), access.name.text);
      }
      case SK.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        const object = this.eval(access.expression, scope);
        const key = this.eval(access.argumentExpression, scope);
        if (key.kind !== 'primitive' || (typeof key.value !== 'string' && typeof key.value !== 'number')) return unknown('a computed member');
        return this.getMember(object, String(key.value));
      }
      case SK.CallExpression:
        return this.evalCall(node as ts.CallExpression, scope);
      case SK.NewExpression:
        return this.evalNew(node as ts.NewExpression, scope);
      case SK.ObjectLiteralExpression:
        return this.evalObject(node as ts.ObjectLiteralExpression, scope);
      case SK.ArrayLiteralExpression:
        return this.evalArray(node as ts.ArrayLiteralExpression, scope);
      case SK.ArrowFunction:
      case SK.FunctionExpression:
        return this.makeClosure(node as ts.ArrowFunction | ts.FunctionExpression, scope, nameOfFunction(node as ts.FunctionExpression));
      case SK.ClassExpression:
        return this.makeClass(node as ts.ClassExpression, scope);
      case SK.AwaitExpression: {
        const value = this.eval((node as ts.AwaitExpression).expression, scope);
        return value.kind === 'promise' ? value.value : value;
      }
      case SK.PrefixUnaryExpression:
        return this.evalPrefix(node as ts.PrefixUnaryExpression, scope);
      case SK.PostfixUnaryExpression: {
        const operand = (node as ts.PostfixUnaryExpression).operand;
        const before = this.eval(operand, scope);
        const delta = (node as ts.PostfixUnaryExpression).operator === SK.PlusPlusToken ? 1 : -1;
        this.assign(operand, this.arithmetic(before, delta, node), scope);
        return before;
      }
      case SK.BinaryExpression:
        return this.evalBinary(node as ts.BinaryExpression, scope);
      case SK.ConditionalExpression:
        return this.evalConditional(node as ts.ConditionalExpression, scope);
      case SK.TypeOfExpression: {
        const value = this.eval((node as ts.TypeOfExpression).expression, scope);
        if (value.kind === 'primitive') return primitive(value.value === null ? 'object' : typeof value.value, this.span(node));
        if (value.kind === 'function') return primitive('function', this.span(node));
        if (value.kind === 'object' || value.kind === 'array') return primitive('object', this.span(node));
        return unknown('typeof an unknown value');
      }
      case SK.VoidExpression:
        this.eval((node as ts.VoidExpression).expression, scope);
        return UNDEFINED;
      case SK.DeleteExpression:
        return unknown('the result of delete');
      case SK.JsxElement:
      case SK.JsxSelfClosingElement:
      case SK.JsxFragment:
        this.evalJsx(node, scope);
        return unknown('a JSX element');
      case SK.SpreadElement:
        return unknown('a spread');
      case SK.YieldExpression:
        return this.evalYield(node as ts.YieldExpression, scope);
      default:
        return unknown(`a ${SK[node.kind]} expression`);
    }
  }

  /** `yield value` or `yield* list` in a generator: noted in its frame; what the code iterating it sends back is unknown. */
  protected evalYield(node: ts.YieldExpression, scope: Scope): Value {
    const value = node.expression ? this.eval(node.expression, scope) : UNDEFINED;
    const generator = this.frame().generator;
    if (!generator) return unknown('what a yield receives');
    if (this.maybe !== generator.maybe || this.branch !== generator.branch) generator.complete = false;
    const values = !node.asteriskToken ? [value] : value.kind === 'array' ? value.elements : [];
    if (node.asteriskToken && (value.kind !== 'array' || !value.complete)) generator.complete = false;
    for (const each of values) {
      if (generator.yields.length >= MAX_YIELDS) {
        generator.complete = false;
        break;
      }
      generator.yields.push(each);
    }
    return unknown('what the code iterating the generator sends back', this.span(node));
  }

  /** JSX is not modelled, but the functions written in it (event handlers) are found and run later. */
  protected evalJsx(node: ts.Node, scope: Scope): void {
    const visit = (child: ts.Node): void => {
      if (ts.isJsxExpression(child)) {
        if (!child.expression) return;
        const value = this.eval(child.expression, scope);
        // `onMouseMove={handler}`: React calls it on every event of that kind.
        const attribute = child.parent;
        if (ts.isJsxAttribute(attribute) && ts.isIdentifier(attribute.name)) this.registerHandler(attribute.name.text, value, this.span(attribute));
        return;
      }
      ts.forEachChild(child, visit);
    };
    ts.forEachChild(node, visit);
  }

  protected evalIdentifier(node: ts.Identifier, scope: Scope): Value {
    const name = node.text;
    const binding = scope.lookup(name);
    if (binding) {
      const value = this.readBinding(binding);
      return value.kind === 'unknown' && value.name === undefined ? { ...value, name, span: this.span(node) } : value;
    }
    switch (name) {
      case 'undefined':
        return UNDEFINED;
      case 'NaN':
        return primitive(Number.NaN);
      case 'Infinity':
        return primitive(Number.POSITIVE_INFINITY);
      case 'tf':
        // The global that the tfjs <script> bundle defines, where the file can see it (ParsedFile.tfGlobal).
        if (this.frame().module.parsed.tfGlobal) return { kind: 'tf', path: '' };
        break;
      case 'module':
        return this.frame().module.moduleObject;
      case 'exports':
        return this.frame().module.moduleObject.props.get('exports')?.value ?? unknown('exports');
    }
    return unknown(notDefinedReason(name), this.span(node), name);
  }

  protected readBinding(binding: Binding): Value {
    return binding.resolve ? binding.resolve() : binding.value;
  }

  /** The name of a known global (`Math`, `Object`, ...) that the code does not shadow. */
  protected unboundGlobal(node: ts.Expression, scope: Scope): string | undefined {
    return ts.isIdentifier(node) && KNOWN_GLOBALS.has(node.text) && !scope.lookup(node.text) ? node.text : undefined;
  }

  protected evalTemplate(node: ts.TemplateExpression, scope: Scope): Value {
    let text = node.head.text;
    let known = true;
    for (const span of node.templateSpans) {
      const value = this.eval(span.expression, scope);
      if (value.kind === 'primitive') text += String(value.value) + span.literal.text;
      else known = false;
    }
    return known ? primitive(text, this.span(node)) : unknown('a template string with unknown parts', this.span(node));
  }

  protected evalPrefix(node: ts.PrefixUnaryExpression, scope: Scope): Value {
    if (node.operator === SK.PlusPlusToken || node.operator === SK.MinusMinusToken) {
      const after = this.arithmetic(this.eval(node.operand, scope), node.operator === SK.PlusPlusToken ? 1 : -1, node);
      this.assign(node.operand, after, scope);
      return after;
    }
    const operand = this.eval(node.operand, scope);
    if (node.operator === SK.ExclamationToken) {
      const truth = truthiness(operand);
      return truth === undefined ? unknown('negation of an unknown value') : primitive(!truth, this.span(node));
    }
    if (operand.kind !== 'primitive') return fromField(operand, unknown('an operation on an unknown value', this.span(node)));
    const value = operand.value as never as number;
    switch (node.operator) {
      case SK.MinusToken:
        return primitive(-value, this.span(node));
      case SK.PlusToken:
        return primitive(+value, this.span(node));
      case SK.TildeToken:
        return primitive(~value, this.span(node));
    }
    return unknown('an unfamiliar operator');
  }

  protected arithmetic(value: Value, delta: number, node: ts.Node): Value {
    return value.kind === 'primitive' && typeof value.value === 'number' ? primitive(value.value + delta, this.span(node)) : unknown('an updated unknown value');
  }

  protected evalBinary(node: ts.BinaryExpression, scope: Scope): Value {
    const operator = node.operatorToken.kind;
    if (operator === SK.EqualsToken) {
      const value = this.eval(node.right, scope);
      this.assign(node.left, value, scope, node);
      return value;
    }
    if (operator === SK.AmpersandAmpersandToken || operator === SK.BarBarToken || operator === SK.QuestionQuestionToken) {
      return this.evalLogical(node, scope);
    }
    if (operator === SK.CommaToken) {
      this.eval(node.left, scope);
      return this.eval(node.right, scope);
    }
    if (operator >= SK.FirstCompoundAssignment && operator <= SK.LastCompoundAssignment) {
      const text = ts.tokenToString(operator)!.slice(0, -1);
      const value = this.fold(text, this.eval(node.left, scope), this.eval(node.right, scope), node);
      this.assign(node.left, value, scope, node);
      return value;
    }
    const left = this.eval(node.left, scope);
    const right = this.eval(node.right, scope);
    return this.fold(ts.tokenToString(operator) ?? '', left, right, node);
  }

  protected fold(operator: string, left: Value, right: Value, node: ts.Node): Value {
    if (left.kind !== 'primitive' || right.kind !== 'primitive') {
      // Arithmetic on what the user enters in a field with a number of the code's (`el.value * 1`, `units | 0`) is still what the user enters.
      const field = left.kind === 'primitive' ? (typeof left.value === 'number' ? right : undefined) : right.kind === 'primitive' && typeof right.value === 'number' ? left : undefined;
      const result = unknown('an operation on an unknown value', this.span(node));
      return ARITHMETIC.has(operator) ? fromField(field, result) : result;
    }
    const result = binaryOperation(operator, left.value, right.value);
    return result === NOT_FOLDED ? unknown(`the operator ${operator}`) : primitive(result, this.span(node));
  }

  protected evalLogical(node: ts.BinaryExpression, scope: Scope): Value {
    const operator = node.operatorToken.kind;
    const left = this.eval(node.left, scope);
    let decided: boolean | undefined;
    if (operator === SK.QuestionQuestionToken) {
      decided = left.kind === 'unknown' ? undefined : !(left.kind === 'primitive' && (left.value === null || left.value === undefined));
    } else {
      decided = truthiness(left);
      if (decided !== undefined && operator === SK.AmpersandAmpersandToken) decided = !decided;
    }
    // `decided` is true when the left operand is the result.
    if (decided === true) return left;
    if (decided === false) return this.eval(node.right, scope);
    let right: Value = UNDEFINED;
    this.branches([() => 'normal', () => ((right = this.eval(node.right, scope)), 'normal')]);
    return joinValues([left, right]);
  }

  protected evalConditional(node: ts.ConditionalExpression, scope: Scope): Value {
    const condition = truthiness(this.eval(node.condition, scope));
    if (condition === true) return this.eval(node.whenTrue, scope);
    if (condition === false) return this.eval(node.whenFalse, scope);
    let whenTrue: Value = UNDEFINED;
    let whenFalse: Value = UNDEFINED;
    this.branches([
      () => ((whenTrue = this.eval(node.whenTrue, scope)), 'normal'),
      () => ((whenFalse = this.eval(node.whenFalse, scope)), 'normal'),
    ]);
    return joinValues([whenTrue, whenFalse]);
  }

  protected evalObject(node: ts.ObjectLiteralExpression, scope: Scope): ObjectValue {
    const object: ObjectValue = { kind: 'object', props: new Map(), complete: true, span: this.span(node) };
    this.noteCreated(object);
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property)) {
        const key = this.propertyKey(property.name, scope);
        const value = this.eval(property.initializer, scope);
        if (key === undefined) object.complete = false;
        else object.props.set(key, { value, keySpan: this.span(property.name), span: this.span(property), valueSpan: this.span(property.initializer) });
      } else if (ts.isShorthandPropertyAssignment(property)) {
        const value = this.evalIdentifier(property.name, scope);
        object.props.set(property.name.text, { value, keySpan: this.span(property.name), span: this.span(property), valueSpan: this.span(property.name) });
      } else if (ts.isSpreadAssignment(property)) {
        const spread = this.eval(property.expression, scope);
        mergeInto(object, spread);
        this.commandLine.noteCopy(spread, object);
      } else if (ts.isMethodDeclaration(property)) {
        const key = this.propertyKey(property.name, scope);
        const closure = this.makeClosure(property, scope, key, object);
        if (key === undefined) object.complete = false;
        else object.props.set(key, { value: closure, keySpan: this.span(property.name), span: this.span(property) });
      } else {
        // Accessors compute their value on each read.
        object.complete = false;
      }
    }
    return object;
  }

  protected propertyKey(name: ts.PropertyName, scope: Scope): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const key = this.eval(name.expression, scope);
      return key.kind === 'primitive' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
    }
    return undefined;
  }

  protected evalArray(node: ts.ArrayLiteralExpression, scope: Scope): ArrayValue {
    const array: ArrayValue = { kind: 'array', elements: [], complete: true, span: this.span(node) };
    this.noteCreated(array);
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = this.eval(element.expression, scope);
        if (spread.kind === 'array') {
          array.elements.push(...spread.elements);
          if (!spread.complete) array.complete = false;
        } else {
          array.complete = false;
        }
      } else if (ts.isOmittedExpression(element)) {
        array.elements.push(UNDEFINED);
      } else {
        array.elements.push(this.eval(element, scope));
      }
    }
    return array;
  }

}
