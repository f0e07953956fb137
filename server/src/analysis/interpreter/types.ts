import type { CallbackKind } from '../../../../rules/core/callbacks';
import type { GradientNode, LayerSlot, Repetition } from '../../../../rules/core/graph';
import type { Span } from '../../../../rules/core/span';
import type { ArrayValue, ObjectValue, Value } from '../../../../rules/core/values';
import type { ParsedFile } from '../source';
import type { ts } from '../typescript';
import type { CreationContext, GraphBuilder } from './graph-builder';
import type { Scope } from './scope';

export type Completion = 'normal' | 'return' | 'break' | 'continue' | 'throw';

/** A module as the evaluator runs it: its top-level scope and what it exports. */
export interface ModuleRecord {
  readonly file: string;
  readonly parsed: ParsedFile;
  readonly scope: Scope;
  readonly exports: Map<string, ExportRef>;
  /** Files re-exported with `export * from`. */
  readonly stars: string[];
  /** The CommonJS `module` object; its `exports` property is what `require` returns. */
  readonly moduleObject: ObjectValue;
  /** A test file (server/src/analysis/test-files.ts): its code is test code. */
  readonly test: boolean;
  status: 'new' | 'running' | 'done';
  /** The value of `export default <expression>`. */
  defaultValue?: Value;
}

export type ExportRef =
  | { readonly kind: 'local'; readonly name: string }
  | { readonly kind: 'reexport'; readonly file: string | undefined; readonly name: string }
  | { readonly kind: 'value'; readonly value: Value }
  | { readonly kind: 'defaultExpression' };

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

/** A function value of the analysed code with the scope it closes over. */
export interface Closure {
  readonly kind: 'closure';
  readonly decl: FunctionLike;
  readonly scope: Scope;
  readonly module: ModuleRecord;
  /** `this` captured by an arrow function. */
  readonly lexicalThis?: Value;
  /** The object literal a method was written in. */
  readonly home?: ObjectValue;
  /** The class a method or constructor belongs to. */
  readonly ownerClass?: ClassInfo;
  readonly name?: string;
  /** Written in test code: in a test file, or inside a function that test code defines. */
  readonly testCode: boolean;
}

export interface ClassInfo {
  readonly kind: 'class';
  readonly decl: ts.ClassLikeDeclaration;
  readonly scope: Scope;
  readonly module: ModuleRecord;
  /** The evaluated `extends` clause. */
  readonly base: Value | undefined;
  readonly name?: string;
  readonly instances: ObjectValue[];
}

/** A call as the tfjs semantics see it: evaluated arguments and where they are written. */
export interface CallSite {
  readonly node: ts.CallExpression | ts.NewExpression;
  readonly args: readonly Value[];
  readonly argSpans: readonly (Span | undefined)[];
  /** Set for method calls: the receiver expression's span. */
  readonly receiverSpan?: Span;
}

/** What the tfjs semantics and the built-ins need from the evaluator. */
export interface EvaluatorHost {
  readonly builder: GraphBuilder;
  span(node: ts.Node): Span;
  context(): CreationContext;
  /** The files whose code is running now, from the outermost call to the innermost. */
  runningFiles(): string[];
  /**
   * Whether test code now changes something that code outside the tests made (a model a library
   * function built, an object of a library module). Such changes are not taken into the graph.
   */
  foreignChange(since: CreationContext | undefined): boolean;
  /** Whether a side effect now is less certain than something created in `since`. */
  conditionalSince(since: CreationContext): boolean;
  /**
   * The function nothing calls that the code now runs in, when it makes what it does now conditional
   * to something made in `since` and nothing else does (see LayerSlot.uncalled).
   */
  uncalledRunSince(since: CreationContext): LayerSlot['uncalled'];
  repeatedSince(since: CreationContext): boolean;
  /** Calls a function value now; unknown results for anything that is not analysed code. */
  call(fn: Value, thisValue: Value, args: readonly Value[], site: ts.Node): Value;
  /** Calls a function value that may or may not run (a callback), with unknown arguments unless given. */
  callMaybe(fn: Value, args: readonly Value[] | undefined, site: ts.Node): Value;
  member(value: Value, key: string): Value;
  /**
   * Notes a push onto an array made once per pass of a loop whose passes are not counted; true when
   * the array's segments (see `ArrayValue.segments`) still describe every element, false when not.
   */
  patternPush(array: ArrayValue, values: readonly Value[]): boolean;
  /** Notes a push that certainly happens once onto an array that has segments. */
  certainPush(array: ArrayValue, values: readonly Value[]): void;
  /** Creation context of an array or object, for deciding whether a mutation is certain. */
  createdIn(value: object): CreationContext | undefined;
  /** Whether the code now runs inside a loop of the function being evaluated. */
  inLoopHere(): boolean;
  /**
   * What makes `node`, about to run, run again and again: the innermost loop of its function (when
   * the evaluator is inside one), or else the calls of its function when that function runs again
   * and again (see `RepeatedCallback`).
   */
  repetition(node: ts.Node): Repetition | undefined;
  /** Notes that code the analysis does not see calls the function `fn` again and again. */
  registerRepeated(fn: Value, kind: CallbackKind, trigger: string, registration: Span): void;
  /** Whether the code now runs inside a function whose gradient tfjs takes. */
  inGradient(): boolean;
  /** The innermost function whose gradient tfjs takes that the code now runs in. */
  currentGradient(): GradientNode | undefined;
  /** Whether tensors made now are freed by tfjs itself (inside `tf.tidy` or a function whose gradient it takes). */
  inTidy(): boolean;
  /** Calls the function given to `tf.tidy`. */
  callInTidy(fn: Value, site: ts.Node): Value;
  /** Calls a function value as tfjs does when it takes its gradient (optimizer.minimize, tf.variableGrads). */
  callForGradient(fn: Value, site: ts.Node, gradient: GradientNode, maybe: boolean, args?: readonly Value[]): Value;
}
