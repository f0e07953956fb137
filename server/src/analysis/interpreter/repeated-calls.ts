/**
 * Which functions the browser, Node or tfjs call again and again (rules/core/callbacks.ts): found
 * in the function's own code (it schedules itself again, it is a hook of a tf.Callback subclass) or
 * where it is handed over (setInterval, addEventListener, an event-handler property, fit's
 * callbacks). Syntactic, and silent on anything it cannot follow.
 */
import { CALLBACK_CLASSES, REPEATING_SCHEDULERS, RESCHEDULERS, TRAINING_HOOKS, type CallbackKind, isRepeatedEvent } from '../../../../rules/core/callbacks';
import type { Span } from '../../../../rules/core/span';
import type { ObjectValue, Value } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { skipOuterExpressions } from './syntax';
import type { FunctionLike } from './types';

/** How a function comes to run again and again, and the node that makes it so. */
export interface RepeatedUse {
  readonly kind: CallbackKind;
  readonly trigger: string;
  readonly at: ts.Node;
}

/** A name the function is called by in its own code: `loop()` for a function, `this.loop()` for a method. */
interface SelfName {
  readonly name: string;
  readonly viaThis: boolean;
}

function selfNames(decl: FunctionLike): SelfName[] {
  const names: SelfName[] = [];
  if ((ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl)) && decl.name) names.push({ name: decl.name.text, viaThis: false });
  if (ts.isMethodDeclaration(decl) && (ts.isIdentifier(decl.name) || ts.isPrivateIdentifier(decl.name))) names.push({ name: decl.name.text, viaThis: true });
  const parent = decl.parent;
  if (ts.isFunctionExpression(decl) || ts.isArrowFunction(decl)) {
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) names.push({ name: parent.name.text, viaThis: false });
    // A class field (`loop = () => ...`) or `this.loop = () => ...`.
    if (ts.isPropertyDeclaration(parent) && (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name))) names.push({ name: parent.name.text, viaThis: true });
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === decl) {
      const target = skipOuterExpressions(parent.left);
      if (ts.isIdentifier(target)) names.push({ name: target.text, viaThis: false });
      if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) names.push({ name: target.name.text, viaThis: true });
    }
  }
  return names;
}

/** The name of the function or method a call calls: `f` for `f()`, `m` for `a.b.m()`. */
export function calleeName(call: ts.Node): string | undefined {
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return undefined;
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/** Whether an expression is the function itself: `loop`, `this.loop`, or either with `.bind(...)`. */
function isSelf(node: ts.Expression, self: readonly SelfName[]): boolean {
  const expression = skipOuterExpressions(node);
  if (ts.isIdentifier(expression)) return self.some((one) => !one.viaThis && one.name === expression.text);
  if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
    return self.some((one) => one.viaThis && one.name === expression.name.text);
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && expression.expression.name.text === 'bind') {
    return isSelf(expression.expression.expression, self);
  }
  return false;
}

/** A call of the function itself inside `node`. */
function selfCall(node: ts.Node, self: readonly SelfName[]): ts.CallExpression | undefined {
  if (ts.isCallExpression(node) && isSelf(node.expression, self)) return node;
  return ts.forEachChild(node, (child) => selfCall(child, self));
}

/** Whether a callback handed to a scheduler runs the function: the function itself, or a function that calls it. */
function runsSelf(callback: ts.Expression, self: readonly SelfName[]): boolean {
  const expression = skipOuterExpressions(callback);
  if (ts.isArrowFunction(expression) || ts.isFunctionExpression(expression)) return selfCall(expression.body, self) !== undefined;
  return isSelf(expression, self);
}

/** The entry of a table of names, never one inherited from Object.prototype (`constructor`). */
function entry<T>(table: Readonly<Record<string, T>>, name: string | undefined): T | undefined {
  return name !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

function isAsync(decl: FunctionLike): boolean {
  return ts.getModifiers(decl)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false;
}

/**
 * Whether a scheduling call is a retry on an early exit (`if (!model) { setTimeout(run, 500); return; }`):
 * the call is in a nested block that then returns or throws, or is returned itself from one. The
 * function runs again until it gets past the check, and the code after the check runs once.
 */
function retriesOnce(call: ts.CallExpression, body: ts.Node): boolean {
  let statement: ts.Node = call;
  while (statement.parent && !ts.isExpressionStatement(statement) && !ts.isReturnStatement(statement) && statement.parent !== body) statement = statement.parent;
  const block = statement.parent;
  if (!block || block === body) return false;
  if (ts.isReturnStatement(statement)) return true;
  if (!ts.isBlock(block)) return false;
  const last = block.statements[block.statements.length - 1];
  return last !== undefined && last !== statement && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

const SCHEDULER_NAMES = new RegExp([...Object.keys(RESCHEDULERS), 'nextFrame'].join('|'));

/** Whether the text between two offsets has the name of a scheduler in it. */
function mentionsScheduler(text: string, start: number, end: number): boolean {
  return SCHEDULER_NAMES.test(text.slice(start, end));
}

/**
 * A function that schedules itself again (`requestAnimationFrame(loop)` in `loop`, also through an
 * arrow function, `setTimeout(tick, 100)` in `tick`, `video.requestVideoFrameCallback(onFrame)`), or
 * an async function that calls itself after `tf.nextFrame()`.
 */
export function selfScheduling(decl: FunctionLike): RepeatedUse | undefined {
  const body = decl.body;
  if (!body) return undefined;
  // Most functions name no scheduler at all: their text says so without a walk of their syntax.
  if (!mentionsScheduler(decl.getSourceFile().text, body.pos, body.end)) return undefined;
  const self = selfNames(decl);
  if (self.length === 0) return undefined;
  let scheduled: RepeatedUse | undefined;
  let waitsForFrame = false;
  const visit = (node: ts.Node): void => {
    if (scheduled) return;
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const kind = entry(RESCHEDULERS, name);
      const callback = node.arguments[0];
      if (kind && name && callback && runsSelf(callback, self) && !retriesOnce(node, body)) {
        scheduled = { kind, trigger: name, at: node };
        return;
      }
      if (name === 'nextFrame') waitsForFrame = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  if (scheduled) return scheduled;
  const again = waitsForFrame && isAsync(decl) ? selfCall(body, self) : undefined;
  return again ? { kind: 'frame', trigger: 'tf.nextFrame', at: again } : undefined;
}

/** A method of a subclass of `tf.Callback` that fit calls once per batch or epoch (`onBatchEnd`). */
export function trainingHookMethod(decl: FunctionLike): RepeatedUse | undefined {
  if (!ts.isMethodDeclaration(decl) || !ts.isIdentifier(decl.name) || entry(TRAINING_HOOKS, decl.name.text) === undefined) return undefined;
  const owner = decl.parent;
  if (!ts.isClassLike(owner)) return undefined;
  const base = owner.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const baseName = base && (ts.isIdentifier(base) ? base.text : ts.isPropertyAccessExpression(base) ? base.name.text : undefined);
  return baseName !== undefined && CALLBACK_CLASSES.has(baseName) ? { kind: 'training', trigger: decl.name.text, at: decl.name } : undefined;
}

/** Whether `addEventListener`'s options make the listener run once (`{ once: true }`) or cannot be read. */
function listensOnce(options: Value | undefined): boolean {
  if (!options || (options.kind === 'primitive' && (typeof options.value === 'boolean' || options.value === undefined))) return false;
  if (options.kind !== 'object' || !options.complete) return true;
  const once = options.props.get('once')?.value;
  return once !== undefined && !(once.kind === 'primitive' && (once.value === false || once.value === undefined));
}

/**
 * For the function argument at `index` of a call of code the analysis does not see: the trigger
 * that runs it again and again, when the call is `setInterval(fn, ms)`, or
 * `target.addEventListener(type, fn)` or `emitter.on(type, fn)` for an event that fires again and
 * again (and not `{ once: true }`).
 */
export function repeatedRegistration(call: ts.Node, index: number, args: readonly Value[]): { kind: CallbackKind; trigger: string } | undefined {
  const name = calleeName(call);
  if (name === undefined || !ts.isCallExpression(call)) return undefined;
  const scheduler = entry(REPEATING_SCHEDULERS, name);
  if (scheduler) return index === 0 ? { kind: scheduler, trigger: name } : undefined;
  if ((name !== 'addEventListener' && name !== 'on') || index !== 1) return undefined;
  const type = args[0];
  if (type?.kind !== 'primitive' || typeof type.value !== 'string' || !isRepeatedEvent(type.value)) return undefined;
  if (name === 'addEventListener' && listensOnce(args[2])) return undefined;
  return { kind: 'event', trigger: type.value };
}

/** Methods that register a listener of an event, whichever it is: the platform calls it later, when the event fires. */
const LISTENER_REGISTRATIONS = new Set(['addEventListener', 'on', 'once', 'addListener']);

/** Whether the call registers the function it is given at `index` as an event listener (`target.addEventListener(type, fn)`). */
export function isListenerRegistration(call: ts.Node, index: number): boolean {
  return index === 1 && ts.isCallExpression(call) && ts.isPropertyAccessExpression(skipOuterExpressions(call.expression)) && LISTENER_REGISTRATIONS.has(calleeName(call) ?? '');
}

/**
 * The functions of a callbacks object (`{ onBatchEnd, onEpochEnd }`, given to fit or to
 * `new tf.CustomCallback`) that fit calls once per batch or epoch, each with its hook and where its
 * name is written.
 */
export function trainingHooks(callbacks: Value): { readonly fn: Value; readonly hook: string; readonly span: Span | undefined }[] {
  if (callbacks.kind !== 'object') return [];
  return [...callbacks.props]
    .filter(([key, property]) => entry(TRAINING_HOOKS, key) !== undefined && property.value.kind === 'function')
    .map(([key, property]) => ({ fn: property.value, hook: key, span: property.keySpan }));
}

/** The objects of fit's `callbacks` option: the option itself, or the objects of a list of them. */
export function callbackObjects(callbacks: Value | undefined): ObjectValue[] {
  if (!callbacks) return [];
  const candidates = callbacks.kind === 'array' ? callbacks.elements : [callbacks];
  return candidates.filter((candidate): candidate is ObjectValue => candidate.kind === 'object');
}

/**
 * The objects of training callbacks that an argument of a call of code the analysis does not see
 * hands to tfjs: the argument of `new tf.CustomCallback({ onBatchEnd })`, or the `callbacks` of
 * `model.fit(x, y, config)` and `model.fitDataset(data, config)` on a model the analysis cannot see
 * (a parameter). Fit calls their hooks once per batch or epoch.
 */
export function hookObjects(call: ts.Node, arg: Value): ObjectValue[] {
  const name = calleeName(call);
  if (ts.isNewExpression(call)) return name === 'CustomCallback' && arg.kind === 'object' ? [arg] : [];
  return (name === 'fit' || name === 'fitDataset') && arg.kind === 'object' ? callbackObjects(arg.props.get('callbacks')?.value) : [];
}
