import { type Span } from '../../../../rules/core/span';
import type { ObjectValue, UnknownValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { KNOWN_GLOBALS, arrayElement, callArrayMethod, callGlobal, callStringMethod } from './builtins';
import { type Binding, Scope, joinValues } from './scope';
import { callLayerMethod, callModelMethod, callTensorMethod, callTf, callTfObjectMethod, layerMember, modelMember, tensorMember } from './tfjs-api';
import type { CallSite, ClassInfo, Closure } from './types';
import { UNDEFINED, SK, type Args } from './evaluator-base';
import { markEscaped, findMember, skipOuterExpressions } from './syntax';
import { ExpressionEvaluator } from './expressions';
import { expectsThrow } from '../test-files';
import type { ParsedFile } from '../source';
import { hookObjects, isListenerRegistration, repeatedRegistration, trainingHooks } from './repeated-calls';

/**
 * Members, assignment and calls: property reads and writes, calls of analysed functions, of built-ins
 * and of the tfjs API, and `new`.
 */
const sloppiness = new WeakMap<ParsedFile, boolean>();

/**
 * Whether the file's code runs in sloppy mode, where assigning an undeclared name makes a global: an
 * HTML page's classic scripts and handlers, and a JavaScript file that is no ES module and does not
 * start with "use strict". (A page's module scripts are strict, but their imports make no globals
 * either way.)
 */
function isSloppy(parsed: ParsedFile): boolean {
  let sloppy = sloppiness.get(parsed);
  if (sloppy === undefined) {
    const statements = parsed.sourceFile.statements;
    const strict = statements.some((statement) => ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || ts.getModifiers(statement as ts.HasModifiers)?.some((modifier) => modifier.kind === SK.ExportKeyword));
    const useStrict = statements[0] !== undefined && ts.isExpressionStatement(statements[0]) && ts.isStringLiteral(statements[0].expression) && statements[0].expression.text === 'use strict';
    sloppy = parsed.scripts !== undefined || (/\.(c?js|jsx)$/i.test(parsed.path) && !strict && !useStrict);
    sloppiness.set(parsed, sloppy);
  }
  return sloppy;
}

export abstract class CallEvaluator extends ExpressionEvaluator {
  // ---- members and assignment ----------------------------------------------------------------

  protected getMember(value: Value, key: string): Value {
    switch (value.kind) {
      case 'tf':
        return { kind: 'tf', path: value.path ? `${value.path}.${key}` : key };
      case 'object': {
        const property = value.props.get(key);
        if (property) {
          this.commandLine.noteRead(value, key);
          return property.value;
        }
        const info = this.instanceClass.get(value);
        if (info) {
          const getter = findMember(info, key, (member) => ts.isGetAccessorDeclaration(member));
          if (getter) return this.invoke(this.methodClosure(getter.owner, getter.member as ts.GetAccessorDeclaration), value, { values: [], spans: [] }, getter.member, false);
          const model = this.instanceModel.get(value);
          if (model) return modelMember(model.model, key);
          return unknown(`${key} of an instance`);
        }
        return value.complete ? UNDEFINED : unknown(`${key} of an object that is not fully known`);
      }
      case 'array':
        if (value.generator) return unknown(`${key} of a generator`);
        if (key === 'length') return value.complete ? primitive(value.elements.length) : unknown('the length of an array that is not fully known');
        if (/^\d+$/.test(key)) return arrayElement(value, Number(key));
        return unknown(`array.${key}`);
      case 'primitive':
        if (key === 'length' && typeof value.value === 'string') return primitive(value.value.length);
        return unknown(`${key} of a primitive`);
      case 'model':
        return modelMember(value.model, key);
      case 'layer':
        return layerMember(value.layer, key);
      case 'tensor':
        return tensorMember(this, value, key);
      case 'unknown':
        // A member of a part of a loaded model (`base.getLayer(name).output`) is still of that model, for messages.
        if (value.loadedModel) return { ...unknown(`${key} of ${value.reason}`, value.span), loadedModel: value.loadedModel };
        // A member of a parameter no call gives a value is still that parameter's, for messages.
        return (
          this.commandLine.member(value, key, value.span) ??
          this.pageFields.member(value, key) ??
          (value.parameter ? { ...unknown(`${key} of an unknown value`, undefined, key), parameter: value.parameter, ...accessed(value, key) } : { ...unknown(`${key} of an unknown value`, undefined, key), ...accessed(value, key) })
        );
      default:
        return unknown(`${key} of a ${value.kind}`, undefined, key);
    }
  }

  protected assign(target: ts.Expression, value: Value, scope: Scope, assignment?: ts.BinaryExpression): void {
    const node = skipOuterExpressions(target);
    if (ts.isIdentifier(node)) {
      const binding = scope.lookup(node.text);
      if (binding && !binding.resolve) {
        this.nameValue(value, node.text);
        this.writeBinding(binding, value, false);
      }
      // `onmessage = (event) => ...` in a worker: a handler property of the global object.
      if (!binding) this.registerHandler(node.text, value, assignment ? this.span(assignment) : this.span(node));
      // Sloppy code makes a global variable of a name it assigns without declaring it (`model =
      // tf.sequential()` in a page's function), which the code after it reads.
      if (!binding && !KNOWN_GLOBALS.has(node.text) && isSloppy(this.frame().module.parsed)) {
        const global: Binding = { value: UNDEFINED, kind: 'var', level: 0 };
        this.frame().module.scope.declare(node.text, global);
        this.nameValue(value, node.text);
        this.writeBinding(global, value, false);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const object = this.eval(node.expression, scope);
      let key: string | undefined;
      if (ts.isPropertyAccessExpression(node)) key = node.name.text;
      else {
        const keyValue = this.eval(node.argumentExpression, scope);
        key = keyValue.kind === 'primitive' && (typeof keyValue.value === 'string' || typeof keyValue.value === 'number') ? String(keyValue.value) : undefined;
      }
      const keySpan = ts.isPropertyAccessExpression(node) ? this.span(node.name) : undefined;
      // `element.onmousemove = fn`, `worker.onmessage = fn` on an object of the platform.
      if (object.kind === 'unknown' && key !== undefined) {
        this.registerHandler(key, value, assignment ? this.span(assignment) : this.span(node));
        this.pageFields.noteWrite(object, key);
      }
      if (object.kind === 'array') this.pageFields.noteWrite(object, key ?? '');
      this.setMember(object, key, value, keySpan, assignment);
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isShorthandPropertyAssignment(property)) this.assign(property.name, this.getMember(value, property.name.text), scope);
        else if (ts.isPropertyAssignment(property)) {
          const key = this.propertyKey(property.name, scope);
          this.assign(property.initializer, key === undefined ? unknown('a computed key') : this.getMember(value, key), scope);
        }
      }
      return;
    }
    if (ts.isArrayLiteralExpression(node)) {
      node.elements.forEach((element, index) => {
        if (ts.isOmittedExpression(element) || ts.isSpreadElement(element)) return;
        this.assign(element, value.kind === 'array' ? arrayElement(value, index) : unknown('an element of an unknown array'), scope);
      });
    }
  }

  protected writeBinding(binding: Binding, value: Value, force: boolean): void {
    for (const log of this.logs) log.noteBinding(binding);
    binding.value = !force && !this.writesCertainAbove(binding.level) ? joinValues([binding.value, value], 'set on only some code paths') : value;
  }

  protected setMember(object: Value, key: string | undefined, value: Value, keySpan: Span | undefined, assignment: ts.BinaryExpression | undefined): void {
    if ((object.kind === 'layer' || object.kind === 'model') && key === 'trainable' && assignment) {
      const owner = object.kind === 'layer' ? { layer: object.layer } : { model: object.model };
      const since = this.builder.creationOf(object.kind === 'model' ? object.model : object.layer);
      // Test code freezing a library's model changes nothing the library's own code does.
      if (this.foreignChange(since)) return;
      this.builder.event({ kind: 'trainable', span: this.span(assignment), value, ...owner, conditional: this.conditionalSince(since), order: this.builder.next() });
      return;
    }
    if (object.kind === 'unknown') markEscaped(value);
    if ((object.kind === 'object' || object.kind === 'array') && this.foreignChange(this.created.get(object))) {
      // Test code writing into an object of code outside the tests (a module's config): what it writes
      // must not reach that code's findings.
      if (object.kind === 'array') {
        object.complete = false;
        delete object.segments;
      } else if (key !== undefined) object.props.set(key, { value: unknown('set by test code'), keySpan });
      else object.complete = false;
      return;
    }
    if (object.kind === 'object') {
      if (key === undefined) {
        object.complete = false;
        return;
      }
      // An object made since a log started did not exist before it: there is no earlier state to join with.
      for (const log of this.logs) if (this.existedBefore(object, log)) log.noteProp(object, key);
      const since = this.created.get(object);
      const certain = this.writesCertainAbove(since?.maybe ?? 0);
      const old = object.props.get(key);
      const finalValue = certain || !old ? (certain ? value : unknown('set on only some code paths')) : joinValues([old.value, value], 'set on only some code paths');
      object.props.set(key, {
        value: finalValue,
        keySpan,
        span: assignment ? this.span(assignment) : undefined,
        valueSpan: assignment ? this.span(assignment.right) : undefined,
      });
      return;
    }
    if (object.kind === 'array') {
      delete object.segments;
      if (key !== undefined && /^\d+$/.test(key)) {
        const index = Number(key);
        const since = this.created.get(object);
        if (since && !this.conditionalSince(since) && !this.repeatedSince(since) && index <= object.elements.length) {
          object.elements[index] = value;
          return;
        }
      }
      if (key !== 'length') object.complete = false;
    }
  }

  // ---- calls ---------------------------------------------------------------------------------

  protected evalArgs(nodes: readonly ts.Expression[], scope: Scope): Args {
    const values: Value[] = [];
    const spans: (Span | undefined)[] = [];
    for (const node of nodes) {
      if (ts.isSpreadElement(node)) {
        const spread = this.eval(node.expression, scope);
        if (spread.kind === 'array' && spread.complete) {
          values.push(...spread.elements);
          spread.elements.forEach(() => spans.push(undefined));
          continue;
        }
        values.push(unknown('spread arguments'));
        spans.push(undefined);
        break;
      }
      values.push(this.eval(node, scope));
      spans.push(this.span(node));
    }
    return { values, spans };
  }

  protected evalCall(node: ts.CallExpression, scope: Scope): Value {
    const callee = skipOuterExpressions(node.expression);
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      if (callee.expression.kind === SK.SuperKeyword) return this.callSuperMethod(callee, node, scope);
      const global = this.unboundGlobal(callee.expression, scope);
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : this.elementKey(callee, scope);
      if (global) return callGlobal(this, global, name, this.evalArgs(node.arguments, scope).values, node);
      const receiver = this.eval(callee.expression, scope);
      const args = this.evalArgs(node.arguments, scope);
      if (name === undefined) return this.unknownCall(args, node, 'a computed method');
      return this.callMethod(receiver, name, args, node, this.span(callee.expression));
    }
    if (callee.kind === SK.SuperKeyword) return this.callSuperConstructor(node, scope);
    // `await import('./model.js')`: the module, loaded as a static import loads it, once the promise settles.
    if (callee.kind === SK.ImportKeyword) {
      const specifier = node.arguments[0];
      if (!specifier || !ts.isStringLiteralLike(specifier)) return { kind: 'promise', value: unknown('a module the code names at run time') };
      return { kind: 'promise', value: this.importModule(this.frame().module, specifier.text) };
    }
    if (ts.isIdentifier(callee) && !scope.lookup(callee.text)) {
      if (callee.text === 'require' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
        return this.requireModule(this.frame().module, node.arguments[0].text);
      }
      if (KNOWN_GLOBALS.has(callee.text)) return callGlobal(this, callee.text, undefined, this.evalArgs(node.arguments, scope).values, node);
    }
    const fn = this.eval(callee, scope);
    const args = this.evalArgs(node.arguments, scope);
    return this.callValue(fn, UNDEFINED, args, node, false);
  }

  protected elementKey(access: ts.ElementAccessExpression, scope: Scope): string | undefined {
    const key = this.eval(access.argumentExpression, scope);
    return key.kind === 'primitive' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
  }

  protected callValue(fn: Value, thisValue: Value, args: Args, site: ts.Node, unknownArgs: boolean): Value {
    if (fn.kind === 'function') {
      const target = fn.closure as Closure | ClassInfo;
      if (target.kind === 'closure') return this.invoke(target, thisValue, args, site, unknownArgs);
      return unknown('a class called without new');
    }
    if (fn.kind === 'tf' && (ts.isCallExpression(site) || ts.isNewExpression(site))) {
      return callTf(this, fn.path, { node: site, args: args.values, argSpans: args.spans });
    }
    const parsing = this.commandLine.call(fn, args.values, this.span(site));
    if (parsing) return parsing;
    return this.unknownCall(args, site, 'a function the analysis cannot see');
  }

  /**
   * A call of code outside the analysis (a library, a browser API). Functions passed to it are
   * callbacks that may run; the arguments themselves are assumed not to be modified, except for the
   * order of the rows of loop-built arrays.
   */
  protected unknownCall(args: Args, site: ts.Node, what: string, call?: string): Value {
    const throwing = expectsThrow(site);
    args.values.forEach((arg, index) => {
      if (arg.kind === 'function') {
        const repeated = repeatedRegistration(site, index, args.values);
        if (repeated) this.registerRepeated(arg, repeated.kind, repeated.trigger, this.span(site));
        const target = arg.closure as Closure | ClassInfo;
        if (!throwing && target.kind === 'closure' && isListenerRegistration(site, index)) {
          // One run per listener function, however often it is registered (a listener that registers
          // a new arrow for the next message, `socket.once('data', (m) => { ...; listen(); })`).
          if (!this.registeredListeners.has(target.decl)) {
            this.registeredListeners.add(target.decl);
            this.listeners.push({ fn: arg, site });
          }
          return;
        }
        // A function an assertion expects to throw is called with values meant to be rejected: it runs
        // as test code, whatever file it is in.
        if (throwing && target.kind === 'closure') this.throwExpected = target.decl;
        this.callMaybe(arg, undefined, site);
        this.throwExpected = undefined;
      } else {
        for (const hooks of hookObjects(site, arg)) {
          for (const { fn, hook, span } of trainingHooks(hooks)) this.registerRepeated(fn, 'training', hook, span ?? this.span(site));
        }
        markEscaped(arg);
        // The order of rows pushed in loops is trusted only while no unseen code had the array: a
        // library's shuffle works in place.
        if (arg.kind === 'array') delete arg.segments;
      }
    });
    // Where the call is, and what it calls, for a message that names the value the code only has when it runs.
    return { ...unknown(`the result of ${what}`, this.span(site)), ...(call !== undefined ? { call } : {}) };
  }

  protected callMethod(receiver: Value, name: string, args: Args, node: ts.CallExpression, receiverSpan: Span): Value {
    const site: CallSite = { node, args: args.values, argSpans: args.spans, receiverSpan };
    switch (receiver.kind) {
      case 'tf':
        return callTf(this, receiver.path ? `${receiver.path}.${name}` : name, site);
      case 'model':
        return callModelMethod(this, receiver.model, name, site);
      case 'layer':
        return callLayerMethod(this, receiver.layer, name, site);
      case 'tensor':
        return callTensorMethod(this, receiver, name, site) ?? this.unknownCall(args, node, `tensor.${name}`);
      case 'tfObject':
        return callTfObjectMethod(this, receiver, name, site);
      case 'promise':
        return this.callPromiseMethod(receiver.value, name, args, node);
      case 'array':
        this.pageFields.noteArrayCall(receiver, name);
        return receiver.generator ? this.unknownCall(args, node, `generator.${name}`) : callArrayMethod(this, receiver, name, args.values, node);
      case 'object': {
        const property = receiver.props.get(name);
        if (property) return this.callValue(property.value, receiver, args, node, false);
        const info = this.instanceClass.get(receiver);
        const method = info && findMember(info, name, (member) => ts.isMethodDeclaration(member));
        if (method) return this.invoke(this.methodClosure(method.owner, method.member as ts.MethodDeclaration), receiver, args, node, false);
        const model = this.instanceModel.get(receiver);
        if (model) return callModelMethod(this, model.model, name, site);
        return this.unknownCall(args, node, `${name} of an object`);
      }
      case 'function':
        if (name === 'call') return this.callValue(receiver, args.values[0] ?? UNDEFINED, { values: args.values.slice(1), spans: args.spans.slice(1) }, node, false);
        if (name === 'apply') {
          const list = args.values[1];
          return this.callValue(receiver, args.values[0] ?? UNDEFINED, { values: list?.kind === 'array' ? list.elements : [], spans: [] }, node, list?.kind !== 'array');
        }
        return this.unknownCall(args, node, `function.${name}`);
      case 'primitive':
        return (typeof receiver.value === 'string' ? callStringMethod(this, receiver.value, name, args.values, node) : undefined) ?? this.unknownCall(args, node, `${receiver.kind}.${name}`);
      case 'unknown': {
        const called = calledText(node);
        const known = this.commandLine.method(receiver, name, args.values, args.spans, this.span(node)) ?? this.pageFields.method(receiver, name, args.values, this.span(node)) ?? callTensorMethod(this, receiver, name, site);
        if (known) return known;
        const result = this.unknownCall(args, node, called ?? `${receiver.name ?? 'an unknown value'}.${name}`, called);
        return result.kind === 'unknown' ? { ...result, ...accessed(receiver, `${name}()`) } : result;
      }
      default:
        return this.unknownCall(args, node, `${receiver.kind}.${name}`);
    }
  }

  protected callPromiseMethod(value: Value, name: string, args: Args, node: ts.CallExpression): Value {
    const [onFulfilled, onRejected] = args.values;
    if (name === 'then') {
      const result = onFulfilled ? this.call(onFulfilled, UNDEFINED, [value], node) : value;
      if (onRejected) this.callMaybe(onRejected, undefined, node);
      return { kind: 'promise', value: result.kind === 'promise' ? result.value : result };
    }
    if (name === 'catch' || name === 'finally') {
      if (onFulfilled) this.callMaybe(onFulfilled, undefined, node);
      return { kind: 'promise', value: name === 'finally' ? value : unknown('a promise that may have failed') };
    }
    return this.unknownCall(args, node, `promise.${name}`);
  }

  protected evalNew(node: ts.NewExpression, scope: Scope): Value {
    const callee = this.eval(node.expression, scope);
    const args = this.evalArgs(node.arguments ?? [], scope);
    if (callee.kind === 'function') {
      const target = callee.closure as Closure | ClassInfo;
      if (target.kind === 'class') return this.construct(target, args, node, false);
      const instance = this.newObject(undefined);
      const result = this.invoke(target, instance, args, node, false);
      return result.kind === 'object' ? result : instance;
    }
    const parsing = this.commandLine.construct(callee, this.span(node));
    if (parsing) return parsing;
    if (ts.isIdentifier(node.expression) && node.expression.text === 'Promise' && !scope.lookup('Promise')) {
      this.unknownCall(args, node, 'a promise executor');
      return { kind: 'promise', value: unknown('the value a promise resolves to') };
    }
    return this.unknownCall(args, node, 'a constructor the analysis cannot see');
  }

  protected newObject(className: string | undefined): ObjectValue {
    const object: ObjectValue = className === undefined
      ? { kind: 'object', props: new Map(), complete: true }
      : { kind: 'object', props: new Map(), complete: true, className };
    this.noteCreated(object);
    return object;
  }

}

/** The called expression as written (`base.outputs[0].shape.slice`), when it is short enough to name it in a message. */
function calledText(node: ts.CallExpression): string | undefined {
  const text = node.expression.getText();
  return text.length <= 60 && !/\s/.test(text) ? text : undefined;
}

/** The way from a parameter to what `step` (a property, or a method's result: `name()`) of the value gives, when the value is the parameter or reached from it. */
function accessed(value: UnknownValue, step: string): Pick<UnknownValue, 'access'> {
  if (value.access) return { access: { parameter: value.access.parameter, path: [...value.access.path, step] } };
  if (value.parameter && value.name === value.parameter.name && value.parameter.entry === undefined) return { access: { parameter: value.parameter, path: [step] } };
  return {};
}
