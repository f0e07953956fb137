import type { ArrayValue, ObjectValue, Primitive, Property, UnknownValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import type { ts } from '../typescript';
import type { EvaluatorHost } from './types';

/**
 * The JavaScript built-ins that model code uses to compute hyperparameters and build layer lists:
 * arithmetic helpers, object merging and the array methods.
 */

const UNDEFINED = primitive(undefined);

/** The arguments as numbers, as Math's functions convert them (`Math.round('64')` is 64); undefined when one is not known. */
function numbers(args: readonly Value[]): number[] | undefined {
  const out: number[] = [];
  for (const arg of args) {
    if (arg.kind !== 'primitive') return undefined;
    out.push(Number(arg.value));
  }
  return out;
}

const MATH_FUNCTIONS: Readonly<Record<string, (...values: number[]) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  exp: Math.exp,
  floor: Math.floor,
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  max: Math.max,
  min: Math.min,
  pow: Math.pow,
  round: Math.round,
  sign: Math.sign,
  sqrt: Math.sqrt,
  trunc: Math.trunc,
};

const MATH_CONSTANTS: Readonly<Record<string, number>> = { E: Math.E, LN10: Math.LN10, LN2: Math.LN2, PI: Math.PI, SQRT2: Math.SQRT2 };

/** Globals the evaluator knows, looked up only when the name is not declared in the code. */
/** `Number.isInteger` and its relatives, which guards use to reject invalid sizes. */
const NUMBER_TESTS: Readonly<Record<string, (value: unknown) => boolean>> = {
  isInteger: Number.isInteger,
  isSafeInteger: Number.isSafeInteger,
  isFinite: Number.isFinite,
  isNaN: Number.isNaN,
};

export const KNOWN_GLOBALS = new Set(['Array', 'Boolean', 'JSON', 'Math', 'Number', 'Object', 'String', 'console', 'parseFloat', 'parseInt']);

export function globalMember(global: string, key: string): Value | undefined {
  if (global === 'Math' && key in MATH_CONSTANTS) return primitive(MATH_CONSTANTS[key]);
  if (global === 'Number' && key === 'EPSILON') return primitive(Number.EPSILON);
  return undefined;
}

/** The reason of the value of a name the analysed code never declares (a global of the platform: `document`). */
export function notDefinedReason(name: string): string {
  return `${name} is not defined in the analysed code`;
}

/** `result`, still said to come from the page's field `from` comes from: a conversion of what the user enters is what the user enters. */
export function fromField(from: Value | undefined, result: UnknownValue): UnknownValue {
  return from?.kind === 'unknown' && from.pageField !== undefined ? { ...result, pageField: from.pageField } : result;
}

/** A call of a global function or of a method of a known global (`Math.floor`, `Object.assign`). */
export function callGlobal(host: EvaluatorHost, global: string, key: string | undefined, args: readonly Value[], site: ts.Node): Value {
  const span = host.span(site);
  if (global === 'Math' && key && key in MATH_FUNCTIONS) {
    const values = numbers(args);
    return values ? primitive(MATH_FUNCTIONS[key]!(...values), span) : fromField(args.find((arg) => arg.kind === 'unknown'), unknown(`Math.${key} of unknown values`, span));
  }
  // Number.parseInt and Number.parseFloat are the global functions.
  if (global === 'Number' && (key === 'parseInt' || key === 'parseFloat')) return callGlobal(host, key, undefined, args, site);
  if (key === undefined) {
    const first = args[0];
    if (first?.kind !== 'primitive') return fromField(first, unknown(`${global}() of an unknown value`, span));
    const value = first.value;
    switch (global) {
      case 'Number':
        return primitive(Number(value), span);
      case 'String':
        return primitive(String(value), span);
      case 'Boolean':
        return primitive(Boolean(value), span);
      case 'parseInt': {
        const radix = args[1]?.kind === 'primitive' && typeof args[1].value === 'number' ? args[1].value : undefined;
        return primitive(Number.parseInt(String(value), radix), span);
      }
      case 'parseFloat':
        return primitive(Number.parseFloat(String(value)), span);
    }
    return unknown(`${global}()`, span);
  }
  if (global === 'Number' && key in NUMBER_TESTS) {
    const first = args[0];
    // Any value that is not a number is not an integer (nor finite, nor NaN for Number.isNaN).
    if (!first || first.kind === 'unknown') return unknown(`Number.${key} of an unknown value`, span);
    return primitive(first.kind === 'primitive' && NUMBER_TESTS[key]!(first.value), span);
  }
  if (global === 'Object') return callObject(key, args, span);
  if (global === 'console') return UNDEFINED;
  if (global === 'Array' && key === 'isArray') {
    const first = args[0];
    if (!first || first.kind === 'unknown') return unknown('Array.isArray of an unknown value', span);
    return primitive(first.kind === 'array', span);
  }
  return unknown(`${global}.${key}()`, span);
}

function callObject(key: string, args: readonly Value[], span: ReturnType<EvaluatorHost['span']>): Value {
  const first = args[0];
  switch (key) {
    case 'assign': {
      if (first?.kind !== 'object') return unknown('Object.assign onto an unknown value', span);
      for (const source of args.slice(1)) mergeInto(first, source);
      return first;
    }
    case 'freeze':
    case 'seal':
      return first ?? UNDEFINED;
    case 'keys':
    case 'values':
    case 'entries': {
      if (first?.kind !== 'object' || !first.complete) return unknown(`Object.${key} of an unknown object`, span);
      const elements: Value[] = [...first.props].map(([name, property]) => {
        if (key === 'keys') return primitive(name);
        if (key === 'values') return property.value;
        return { kind: 'array', elements: [primitive(name), property.value], complete: true } satisfies ArrayValue;
      });
      return { kind: 'array', elements, complete: true, span };
    }
  }
  return unknown(`Object.${key}()`, span);
}

/** Copies the properties of `source` into `target`, as an object spread or `Object.assign` does. */
export function mergeInto(target: ObjectValue, source: Value): void {
  if (source.kind === 'object') {
    for (const [key, property] of source.props) target.props.set(key, property);
    if (!source.complete) target.complete = false;
  } else if (source.kind !== 'primitive' || (source.value !== undefined && source.value !== null)) {
    target.complete = false;
  }
}

/**
 * The value at `index` of an array, when it is certain. In an array that is not fully known,
 * unknown elements may come before the known ones, so no position is certain.
 */
export function arrayElement(array: ArrayValue, index: number): Value {
  if (!array.complete) return unknown('an element of an array that is not fully known');
  return index < array.elements.length ? array.elements[index]! : UNDEFINED;
}

function newArray(elements: Value[], complete: boolean, host: EvaluatorHost, site: ts.Node): ArrayValue {
  return { kind: 'array', elements, complete, span: host.span(site) };
}

/** Whether a mutation of `array` now is certain to happen (and happen once). */
function certainMutation(host: EvaluatorHost, array: ArrayValue): boolean {
  const since = host.createdIn(array);
  return since !== undefined && !host.conditionalSince(since) && !host.repeatedSince(since) && !host.foreignChange(since);
}

export function callArrayMethod(host: EvaluatorHost, array: ArrayValue, name: string, args: readonly Value[], site: ts.Node): Value {
  const fn = args[0];
  switch (name) {
    case 'push':
    case 'unshift':
      if (certainMutation(host, array)) {
        if (name === 'push') {
          array.elements.push(...args);
          host.certainPush(array, args);
        } else {
          array.elements.unshift(...args);
          delete array.segments;
        }
      } else {
        if (name !== 'push' || !host.patternPush(array, args)) delete array.segments;
        array.complete = false;
      }
      return unknown('the new array length');
    case 'pop':
    case 'shift':
    case 'splice':
    case 'reverse':
    case 'sort':
    case 'fill':
    case 'copyWithin':
      array.complete = false;
      delete array.segments;
      return unknown(`the result of array.${name}`);
    case 'at': {
      const [index] = numbers(args) ?? [];
      if (index === undefined || !Number.isInteger(index)) return unknown('an element at an unknown index');
      if (index >= 0) return arrayElement(array, index);
      if (!array.complete) return unknown('an element of an array that is not fully known');
      return array.elements.length + index >= 0 ? arrayElement(array, array.elements.length + index) : UNDEFINED;
    }
    case 'slice': {
      if (!array.complete) return unknown('a slice of an unknown array');
      const bounds = numbers(args);
      if (!bounds) return unknown('a slice with unknown bounds');
      return newArray(array.elements.slice(...bounds), true, host, site);
    }
    case 'concat': {
      const elements = [...array.elements];
      let complete = array.complete;
      for (const arg of args) {
        if (arg.kind === 'array') {
          elements.push(...arg.elements);
          complete &&= arg.complete;
        } else if (arg.kind === 'unknown') {
          complete = false;
        } else {
          elements.push(arg);
        }
      }
      return newArray(elements, complete, host, site);
    }
    case 'entries':
      if (!array.complete) return unknown('entries of an unknown array');
      return newArray(array.elements.map((element, index) => newArray([primitive(index), element], true, host, site)), true, host, site);
    case 'forEach':
    case 'map':
    case 'flatMap':
    case 'filter':
    case 'some':
    case 'every':
    case 'find':
    case 'findIndex':
    case 'reduce':
      return iterate(host, array, name, fn, args[1], args.length > 1, site);
    case 'includes':
    case 'indexOf':
    case 'join':
      return unknown(`the result of array.${name}`);
  }
  return unknown(`the result of array.${name}`);
}

function iterate(host: EvaluatorHost, array: ArrayValue, name: string, fn: Value | undefined, initial: Value | undefined, hasInitial: boolean, site: ts.Node): Value {
  if (!fn || fn.kind !== 'function') return unknown(`array.${name} with an unknown callback`);
  if (!array.complete) {
    host.callMaybe(fn, undefined, site);
    return unknown(`array.${name} over an unknown array`);
  }
  if (name === 'reduce') {
    let index = hasInitial ? 0 : 1;
    let accumulator = hasInitial ? (initial ?? UNDEFINED) : (array.elements[0] ?? UNDEFINED);
    for (; index < array.elements.length; index++) {
      accumulator = host.call(fn, UNDEFINED, [accumulator, array.elements[index]!, primitive(index), array], site);
    }
    return accumulator;
  }
  const before = [...array.elements];
  const results = before.map((element, index) => host.call(fn, UNDEFINED, [element, primitive(index), array], site));
  if (name === 'forEach') return UNDEFINED;
  // A callback that changes the array changes which elements the rest of the loop sees.
  const unchanged = array.complete && array.elements.length === before.length && array.elements.every((element, index) => element === before[index]);
  if (name === 'map') return newArray(results, unchanged, host, site);
  if (!unchanged) return unknown(`the result of array.${name} over an array its callback changes`);
  // The tests, when each callback's result is known (`options.find((each) => each.selected)`).
  const tests = results.map(truthiness);
  if (name === 'flatMap' || tests.some((test) => test === undefined)) return unknown(`the result of array.${name}`);
  const found = tests.indexOf(true);
  switch (name) {
    case 'filter':
      return newArray(array.elements.filter((_, index) => tests[index]), true, host, site);
    case 'some':
      return primitive(found >= 0, host.span(site));
    case 'every':
      return primitive(tests.every(Boolean), host.span(site));
    case 'find':
      return found >= 0 ? array.elements[found]! : UNDEFINED;
    case 'findIndex':
      return primitive(found, host.span(site));
  }
  return unknown(`the result of array.${name}`);
}

/** The most parts a known string splits into as a known list. */
const MAX_SPLIT_PARTS = 64;

/**
 * The string methods code uses to test an option or a name (`kind.startsWith('lstm')`,
 * `modelType.match('lstm')`), on a known string with known arguments; undefined for the rest.
 */
export function callStringMethod(host: EvaluatorHost, text: string, name: string, args: readonly Value[], site: ts.Node): Value | undefined {
  const strings: string[] = [];
  for (const arg of args) {
    if (arg.kind !== 'primitive' || (typeof arg.value !== 'string' && typeof arg.value !== 'number')) return undefined;
    strings.push(String(arg.value));
  }
  const [first = '', second] = strings;
  const position = second === undefined ? undefined : Number(second);
  const span = host.span(site);
  switch (name) {
    case 'includes':
      return primitive(text.includes(first, position), span);
    case 'startsWith':
      return primitive(text.startsWith(first, position), span);
    case 'endsWith':
      return primitive(text.endsWith(first, position), span);
    case 'indexOf':
      return primitive(text.indexOf(first, position), span);
    case 'toLowerCase':
      return primitive(text.toLowerCase(), span);
    case 'toUpperCase':
      return primitive(text.toUpperCase(), span);
    case 'trim':
      return primitive(text.trim(), span);
    case 'match': {
      // A string pattern is a regular expression; one that is no valid expression leaves the result unknown.
      let pattern: RegExp;
      try {
        pattern = new RegExp(first);
      } catch {
        return undefined;
      }
      const found = text.match(pattern);
      return found ? newArray(found.map((part) => primitive(part)), true, host, site) : primitive(null, span);
    }
    case 'split': {
      // Data written into the code as text (a CSV in a template string) is data, not a choice: its
      // parts stay unknown, which keeps the analysis of the loops over them short.
      const parts = args.length === 1 ? text.split(first) : undefined;
      return parts && parts.length <= MAX_SPLIT_PARTS ? newArray(parts.map((part) => primitive(part)), true, host, site) : undefined;
    }
    case 'slice':
    case 'substring': {
      const start = Number(first);
      return primitive(name === 'slice' ? text.slice(start, position) : text.substring(start, position), span);
    }
    default:
      return undefined;
  }
}

/** The truthiness of a value, or undefined when it cannot be known. */
export function truthiness(value: Value): boolean | undefined {
  switch (value.kind) {
    case 'unknown':
      return undefined;
    case 'primitive':
      return Boolean(value.value);
    default:
      return true;
  }
}

export function isUndefined(value: Value): boolean {
  return value.kind === 'primitive' && value.value === undefined;
}

/** Applies a binary operator to two known primitives, as JavaScript would. */
export function binaryOperation(operator: string, left: Primitive, right: Primitive): Primitive | typeof NOT_FOLDED {
  // The operands are JavaScript values already; let JavaScript apply its own coercions.
  const l = left as never as number;
  const r = right as never as number;
  switch (operator) {
    case '+': return (left as never as string) + (right as never as string);
    case '-': return l - r;
    case '*': return l * r;
    case '/': return l / r;
    case '%': return l % r;
    case '**': return l ** r;
    case '<': return l < r;
    case '>': return l > r;
    case '<=': return l <= r;
    case '>=': return l >= r;
    case '===': return left === right;
    case '!==': return left !== right;
    // Loose equality is what the analysed code asked for.
    case '==': return left == right;
    case '!=': return left != right;
    case '&': return l & r;
    case '|': return l | r;
    case '^': return l ^ r;
    case '<<': return l << r;
    case '>>': return l >> r;
    case '>>>': return l >>> r;
  }
  return NOT_FOLDED;
}

export const NOT_FOLDED = Symbol('not folded');

/** A property written by the analysed code, with where its key and value are. */
export function makeProperty(value: Value, keySpan: Property['keySpan'], span: Property['span'], valueSpan: Property['valueSpan']): Property {
  return { value, keySpan, span, valueSpan };
}
