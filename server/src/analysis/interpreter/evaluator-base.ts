import { handlerEvent, PACED_EVENTS, type CallbackKind } from '../../../../rules/core/callbacks';
import type { GradientNode, LayerSlot, ProgramGraph, RepeatedCallback, Repetition } from '../../../../rules/core/graph';
import { type Span } from '../../../../rules/core/span';
import type { ArrayValue, FunctionValue, ModelValue, ObjectValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import type { ParsedFile } from '../source';
import { isTestFile } from '../test-files';
import { ts } from '../typescript';
import { CommandLineParsers, type CommandLineOption } from './command-line';
import { PageFields, type ElementsRead, type FieldRead, type PageLookup } from './page-fields';
import { GraphBuilder, type CreationContext } from './graph-builder';
import { selfScheduling, trainingHookMethod, type RepeatedUse } from './repeated-calls';
import { BranchLog, type Binding, Scope } from './scope';
import { enclosingLoop, isCountedLoop } from './syntax';
import type { ClassInfo, Closure, Completion, EvaluatorHost, FunctionLike, ModuleRecord } from './types';

/** Reads source files for the evaluator. */
export interface AnalysisHost {
  /** The parsed file, or undefined when it cannot be read or analysed. */
  parse(file: string): ParsedFile | undefined;
  exists(file: string): boolean;
}

export interface RunLimits {
  /** Syntax nodes evaluated before the run gives up. */
  readonly maxSteps: number;
  readonly maxCallDepth: number;
  /** Times one function is followed per run; later calls are treated as calls of unknown code. */
  readonly maxCallsPerFunction: number;
  /** Loop iterations followed one by one before the rest is treated as unknown. */
  readonly maxUnroll: number;
  /** Rounds of running functions the code defines but never calls. */
  readonly maxSweepRounds: number;
}

/**
 * Values a run gives parameters the code leaves unknown (no call gives them, or only values known
 * when the code runs), by the parameter's place (`file:start`). The overfit check's static build
 * uses them to stand in for a list whose length decides the model's layers; the linter never does,
 * since a rule must not judge a value the code does not give.
 */
export type ParameterStandIns = ReadonlyMap<string, Value>;

/** The key of a parameter in `ParameterStandIns`. */
export function parameterKey(span: Span): string {
  return `${span.file}:${span.start}`;
}

/** Groups of pushes an array's elements are followed in (beyond, they are not followed). */
const MAX_SEGMENTS = 64;

export const DEFAULT_LIMITS: RunLimits = { maxSteps: 400_000, maxCallDepth: 16, maxCallsPerFunction: 48, maxUnroll: 16, maxSweepRounds: 6 };

/**
 * A part of the program the evaluator runs under a budget of its own: the top level of a module, or
 * a function the sweep runs because nothing called it. Keys are the same from one evaluation to the
 * next, so a unit that stopped early can be left out of the next one.
 */
export interface UnitAbort {
  readonly key: string;
  readonly file: string;
  readonly reason: string;
}

/** What one evaluation of a set of entry files produced. */
export interface Evaluation {
  readonly graph: ProgramGraph;
  /** Every file the evaluation read. */
  readonly files: ReadonlySet<string>;
  /** Units that stopped early; what they did before they stopped is in the graph. */
  readonly aborts: readonly UnitAbort[];
  /** The command-line options of the parses the code made, and those it read, in the order first read. */
  readonly options: { readonly parsed: readonly CommandLineOption[]; readonly read: readonly CommandLineOption[] };
  /** The fields and lists of elements of its page the code read, in the order first read. */
  readonly page: PageReads;
}

/** What the code read of its page: fields, and lists of elements. */
export interface PageReads {
  readonly fields: readonly FieldRead[];
  readonly lists: readonly ElementsRead[];
}

/**
 * What a run takes for the inputs a script gets when it starts (the overfit check's static build):
 * each command-line option at its default, each field of the page at the value `pages` finds, each list of its elements as the page has them.
 */
export interface RunDefaults {
  readonly pages: PageLookup;
}

export function moduleUnit(file: string): string {
  return `module:${file}`;
}

export function functionUnit(file: string, decl: ts.Node): string {
  return `function:${file}:${decl.pos}`;
}

export class BudgetExceeded extends Error {}

function budgetReason(limits: RunLimits): string {
  return `the analysis budget of ${limits.maxSteps} steps ran out`;
}

/** Whether a unit stopped at its budget (a limit of the analysis), not on an error (see `abortReason`). */
export function stoppedAtBudget(reason: string, limits: RunLimits): boolean {
  return reason === budgetReason(limits);
}

/** Why a unit stopped, from what it threw. */
export function abortReason(error: unknown, limits: RunLimits): string {
  if (error instanceof BudgetExceeded) return budgetReason(limits);
  // The engine's own stack overflow: code nested deeper than a recursive walk can follow.
  if (error instanceof RangeError) return 'the code is nested too deeply to analyse';
  return `the analysis failed (${error instanceof Error ? error.message : String(error)})`;
}

/** The evaluator's position in its stacks and counters, restored when a unit stops early. */
export interface UnitState {
  readonly frames: number;
  readonly logs: number;
  readonly callStack: number;
  readonly maybe: number;
  readonly maybeSequential: number;
  readonly branch: number;
  readonly loop: number;
  readonly loopUncertain: boolean;
  readonly gradients: number;
  readonly loopPasses: number;
  readonly tidy: number;
  readonly steps: number;
  readonly callCounts: Map<ts.Node, number>;
}

export const UNDEFINED = primitive(undefined);
export const SK = ts.SyntaxKind;

export interface Frame {
  readonly module: ModuleRecord;
  readonly thisValue: Value;
  readonly returns: Value[];
  maybeReturned: boolean;
  readonly closure?: Closure;
  /** Loops of this function the evaluator is inside (followed iteration by iteration or not). */
  loops: number;
  /**
   * Test code: the top level of a test file, a function written in test code, or a function an
   * assertion expects to throw (`expect(() => f(0)).toThrow()`). Its values never reach code outside
   * the tests (see `Interpreter.invoke`).
   */
  readonly testCode: boolean;
  /**
   * Set when the function runs again and again (a frame callback, an event handler, a fit callback),
   * or is called, directly or not, by one that does.
   */
  readonly repeated?: RepeatedCallback;
  /**
   * For a generator function (`function*`): what it yields, in order, as the evaluator runs its body
   * to the end when it is called; `complete` until a yield runs on only some paths (in a branch, in a
   * loop whose passes are not counted) or yields a list not fully known. The maybe and branch levels
   * the body started at tell a yield that always runs.
   */
  readonly generator?: { readonly yields: Value[]; complete: boolean; readonly maybe: number; readonly branch: number };
}

/** Yields of one generator call the evaluator keeps at most: more are left unknown. */
export const MAX_YIELDS = 1000;

export type Args = { values: Value[]; spans: (Span | undefined)[] };

/**
 * The evaluator's state and the services it offers the tfjs semantics: frames, budgets and units,
 * and the levels of uncertainty it runs at. The layers above it evaluate modules, statements,
 * expressions, calls and classes.
 */
export abstract class EvaluatorBase implements EvaluatorHost {
  readonly builder = new GraphBuilder();
  protected readonly modules = new Map<string, ModuleRecord | null>();
  protected readonly files = new Set<string>();
  protected readonly logs: BranchLog[] = [];
  protected readonly frames: Frame[] = [];
  protected readonly callStack: FunctionLike[] = [];
  protected readonly entered = new Set<ts.Node>();
  /** Calls of each function in the current unit. */
  protected callCounts = new Map<ts.Node, number>();
  /** Closures and classes by the module that created them, for the sweep. */
  protected readonly closures = new Map<ModuleRecord, Closure[]>();
  protected readonly classes = new Map<ModuleRecord, ClassInfo[]>();
  protected readonly aborts: UnitAbort[] = [];
  protected readonly methodClosures = new Map<ts.Node, Map<ClassInfo, Closure>>();
  protected readonly instanceClass = new Map<ObjectValue, ClassInfo>();
  /** The model an instance of a class extending tf.Sequential is. */
  protected readonly instanceModel = new Map<ObjectValue, ModelValue>();
  /** When each object and array of the analysed code was made: the context, and its place in the order things are made. */
  protected readonly created = new Map<object, CreationContext & { readonly birth: number }>();
  /** The function an assertion expects to throw, until it is invoked (see `CallEvaluator.unknownCall`). */
  protected throwExpected: FunctionLike | undefined;
  private readonly testFiles = new Map<string, boolean>();
  private birthsSoFar = 0;
  /** The passes of uncounted loops being run as a stand-in, innermost last (see `loopOnce`). */
  protected readonly loopPasses: number[] = [];
  private nextLoopPass = 1;
  /** The span of each node met so far (a Map, not a WeakMap: it goes with the evaluator). */
  private readonly spans = new Map<ts.Node, Span>();
  /**
   * For an array with segments whose last was pushed in a loop pass: that pass. An array with
   * segments that is not here had its last group pushed by certain pushes, which it collects.
   */
  private readonly patternPass = new Map<ArrayValue, number>();
  protected maybe = 0;
  /** The runs of code that may not run (runMaybe) now running, innermost last, each by a number of its own. */
  protected readonly maybeRuns: number[] = [];
  private nextMaybeRun = 1;
  /** The runs of functions nothing calls (see `uncalledRunSince`): the function, and the levels it runs at. */
  private readonly uncalledRuns = new Map<number, { readonly decl: ts.Node; readonly name?: string; readonly maybe: number; readonly branch: number }>();
  /** For each maybe-level below `maybe`: whether that level was entered by `runMaybe`. */
  protected readonly maybeSequential: boolean[] = [];
  protected branch = 0;
  protected loop = 0;
  /** Set when a `break`/`continue` happened on only some paths of the current loop body. */
  protected loopUncertain = false;
  /**
   * Calls in progress that code the analysis does not see may make again and again: callbacks run as
   * maybe (given to a library, to `.catch`), and functions the sweep runs because nothing called them.
   */
  protected unseenCallers = 0;
  /**
   * Event listeners registered with code the analysis does not see (`button.addEventListener('click',
   * train)`, `emitter.on('data', fn)`), with where: the platform calls them when the event fires,
   * after the code running now has finished, when the variables it declares after the registration
   * hold their values (see `runListeners`).
   */
  protected readonly listeners: { readonly fn: FunctionValue; readonly site: ts.Node }[] = [];
  /** The declaration of every function registered as a listener: each runs once, even when it is registered again. */
  protected readonly registeredListeners = new Set<ts.Node>();
  /** The loop statements now running, of every function on the stack, outermost first. */
  protected readonly activeLoops: ts.IterationStatement[] = [];
  protected steps = 0;
  /** The functions whose gradient tfjs takes that the evaluator is inside, innermost last. */
  protected readonly gradientStack: GradientNode[] = [];
  protected tidy = 0;
  /** Functions handed to code that calls them again and again (setInterval, addEventListener, fit's callbacks). */
  private readonly registeredCallbacks = new Map<ts.Node, RepeatedCallback>();
  /** What each function's own code says about it running again and again (see `repeatedCall`). */
  private readonly ownRepetitions = new Map<ts.Node, RepeatedUse | null>();

  constructor(
    protected readonly host: AnalysisHost,
    protected readonly limits: RunLimits = DEFAULT_LIMITS,
    /** Units left out: modules read as unknown, functions the sweep does not run. */
    protected readonly opaque: ReadonlySet<string> = new Set(),
    protected readonly standIns: ParameterStandIns = new Map(),
    /** Command-line options and form fields hold what the script gets without arguments, on a page left as it loads (see command-line.ts, page-fields.ts). */
    defaults?: RunDefaults,
  ) {
    // yargs calls a command's builder and handler as it parses: each a command the user may pick.
    this.commandLine = new CommandLineParsers(defaults !== undefined, (fn, args) => {
      const target = fn.kind === 'function' ? (fn.closure as Closure | ClassInfo) : undefined;
      if (target?.kind === 'closure') this.callMaybe(fn, args, target.decl);
    });
    this.pageFields = new PageFields(defaults?.pages);
  }

  /** The command-line parsers of the code and the options they declare. */
  readonly commandLine: CommandLineParsers;
  /** The form fields and elements of the page the code reads. */
  readonly pageFields: PageFields;

  /** Runs `body` as a unit: with a fresh budget, and back to the state before it when it stops early. */
  protected unit(key: string, file: string, body: () => void): void {
    const saved = this.saveState();
    this.steps = 0;
    this.callCounts = new Map();
    try {
      body();
    } catch (error) {
      this.restoreState(saved);
      this.aborts.push({ key, file, reason: abortReason(error, this.limits) });
    } finally {
      this.steps = saved.steps;
      this.callCounts = saved.callCounts;
    }
  }

  protected saveState(): UnitState {
    return {
      frames: this.frames.length,
      logs: this.logs.length,
      callStack: this.callStack.length,
      maybe: this.maybe,
      maybeSequential: this.maybeSequential.length,
      branch: this.branch,
      loop: this.loop,
      loopUncertain: this.loopUncertain,
      gradients: this.gradientStack.length,
      loopPasses: this.loopPasses.length,
      tidy: this.tidy,
      steps: this.steps,
      callCounts: this.callCounts,
    };
  }

  protected restoreState(state: UnitState): void {
    this.frames.length = state.frames;
    this.logs.length = state.logs;
    this.callStack.length = state.callStack;
    this.maybe = state.maybe;
    this.maybeSequential.length = state.maybeSequential;
    this.branch = state.branch;
    this.loop = state.loop;
    this.loopUncertain = state.loopUncertain;
    this.gradientStack.length = state.gradients;
    this.loopPasses.length = state.loopPasses;
    this.tidy = state.tidy;
  }

  protected isTest(file: string): boolean {
    let test = this.testFiles.get(file);
    if (test === undefined) this.testFiles.set(file, (test = isTestFile(file, (candidate) => this.host.exists(candidate))));
    return test;
  }

  // ---- EvaluatorHost ------------------------------------------------------------------------

  span(node: ts.Node): Span {
    // Each path through the code asks again for the spans of the same nodes; finding where a node
    // starts means scanning past the comments and spaces before it.
    let span = this.spans.get(node);
    if (span === undefined) {
      const module = this.frame().module;
      span = { file: module.file, start: node.getStart(module.parsed.sourceFile), end: node.getEnd() };
      this.spans.set(node, span);
    }
    return span;
  }

  context(): CreationContext {
    return { maybe: this.maybe, branch: this.branch, loop: this.loop, testCode: this.inTestCode(), maybeRun: this.maybeRuns.at(-1) ?? 0 };
  }

  runningFiles(): string[] {
    // A module's imports and relative requires run before it, each from a frame of its own: what is
    // on the stack calls, it does not import.
    return this.frames.map((frame) => frame.module.file);
  }

  protected inTestCode(): boolean {
    return this.frames.length > 0 && this.frame().testCode;
  }

  foreignChange(since: CreationContext | undefined): boolean {
    return this.inTestCode() && since !== undefined && !since.testCode;
  }

  conditionalSince(since: CreationContext): boolean {
    const elsewhere = since.maybeRun !== undefined && since.maybeRun !== 0 && !this.maybeRuns.includes(since.maybeRun);
    return this.maybe > since.maybe || this.branch > since.branch || elsewhere;
  }

  uncalledRunSince(since: CreationContext): LayerSlot['uncalled'] {
    const run = this.maybeRuns.at(-1);
    const entry = run !== undefined ? this.uncalledRuns.get(run) : undefined;
    // A run that began after the thing was made, with nothing conditional since it began.
    if (run === undefined || !entry || run <= (since.maybeRun ?? 0) || this.maybe !== entry.maybe || this.branch !== entry.branch) return undefined;
    return { run, span: this.span(entry.decl), ...(entry.name !== undefined ? { name: entry.name } : {}) };
  }

  repeatedSince(since: CreationContext): boolean {
    return this.loop > since.loop;
  }

  /** Records an object or array the analysed code makes, with the context it is made in. */
  protected noteCreated(value: object): void {
    this.created.set(value, { maybe: this.maybe, branch: this.branch, loop: this.loop, testCode: this.inTestCode(), birth: this.birthsSoFar++ });
  }

  protected birthCount(): number {
    return this.birthsSoFar;
  }

  /** Whether `value` existed when `log` started (objects of unknown birth are taken as old). */
  protected existedBefore(value: object, log: BranchLog): boolean {
    const birth = this.created.get(value)?.birth;
    return birth === undefined || birth < log.start;
  }

  /** Starts a pass of an uncounted loop run as a stand-in for all its passes. */
  protected enterLoopPass(): void {
    this.loopPasses.push(this.nextLoopPass++);
  }

  protected leaveLoopPass(): void {
    this.loopPasses.pop();
  }

  patternPush(array: ArrayValue, values: readonly Value[]): boolean {
    const since = this.created.get(array);
    const pass = this.loopPasses.at(-1);
    // Once per pass: one loop deeper than the array, and on every path of the pass.
    const oncePerPass = since !== undefined && pass !== undefined && this.loop === since.loop + 1 && this.maybe === since.maybe + 1 && this.branch === since.branch;
    if (!oncePerPass) return false;
    const owner = this.patternPass.get(array);
    if (owner === pass && array.segments) {
      array.segments.at(-1)!.push(...values);
      return true;
    }
    // The first such push keeps the elements so far as a group; a later loop filling the same array
    // (the same inner loop in the next pass of an outer loop followed pass by pass, or a loop after a
    // loop) starts a group of its own once the earlier pass has ended.
    if (!array.segments && array.complete) array.segments = array.elements.length > 0 ? [[...array.elements]] : [];
    const earlierEnded = owner === undefined || !this.loopPasses.includes(owner);
    if (!array.segments || !earlierEnded || array.segments.length >= MAX_SEGMENTS) return false;
    array.segments.push([...values]);
    this.patternPass.set(array, pass);
    return true;
  }

  certainPush(array: ArrayValue, values: readonly Value[]): void {
    if (!array.segments) return;
    const afterPattern = this.patternPass.delete(array);
    if (!afterPattern) array.segments.at(-1)!.push(...values);
    else if (array.segments.length < MAX_SEGMENTS) array.segments.push([...values]);
    else delete array.segments;
  }

  createdIn(value: object): CreationContext | undefined {
    return this.created.get(value);
  }

  call(fn: Value, thisValue: Value, args: readonly Value[], site: ts.Node): Value {
    return this.callValue(fn, thisValue, { values: [...args], spans: [] }, site, false);
  }

  callMaybe(fn: Value, args: readonly Value[] | undefined, site: ts.Node): Value {
    if (fn.kind !== 'function') return unknown('not a function');
    const target = fn.closure as Closure | ClassInfo;
    if (target.kind !== 'closure') return unknown('a class called as a callback');
    this.unseenCallers++;
    try {
      return this.runMaybe(() =>
        this.invoke(target, target.home ?? unknown('this of a callback'), { values: args ? [...args] : [], spans: [] }, site, args === undefined),
      );
    } finally {
      this.unseenCallers--;
    }
  }

  /**
   * Runs code that may or may not run (a callback, a function nothing calls, a catch block). Inside, the
   * code runs in order, so its writes are seen by what follows them; afterwards each written variable or
   * property holds the join of its value before and after. With `uncalled` (a function nothing in the
   * code calls), a placeholder it fills with a tfjs object keeps the object (BranchLog.keepStored), and
   * what it does on every path through it is its own (`uncalledRunSince`).
   */
  protected runMaybe<T>(body: () => T, uncalled?: { readonly decl: ts.Node; readonly name?: string }): T {
    const log = new BranchLog(this.birthsSoFar);
    this.logs.push(log);
    this.enterMaybe(true);
    const run = this.nextMaybeRun++;
    this.maybeRuns.push(run);
    if (uncalled) this.uncalledRuns.set(run, { ...uncalled, maybe: this.maybe, branch: this.branch });
    try {
      return body();
    } finally {
      this.maybeRuns.pop();
      this.maybe--;
      this.logs.pop();
      const after = log.capture();
      log.join([after, { bindings: new Map(), props: new Map() }]);
      if (uncalled) log.keepStored(after);
    }
  }

  /** Enters code that runs on only some paths; `sequential` when a `runMaybe` log joins its writes. */
  protected enterMaybe(sequential = false): void {
    this.maybeSequential[this.maybe] = sequential;
    this.maybe++;
  }

  /** Whether a write now to state made at maybe-level `level` happens on every path that state exists on. */
  protected writesCertainAbove(level: number): boolean {
    for (let index = level; index < this.maybe; index++) if (!this.maybeSequential[index]) return false;
    return true;
  }

  member(value: Value, key: string): Value {
    return this.getMember(value, key);
  }

  inGradient(): boolean {
    return this.gradientStack.length > 0;
  }

  currentGradient(): GradientNode | undefined {
    return this.gradientStack.at(-1);
  }

  inLoopHere(): boolean {
    return this.frame().loops > 0;
  }

  repetition(node: ts.Node): Repetition | undefined {
    const loop = enclosingLoop(node);
    if (this.inLoopHere()) {
      const bounded = loop ? this.boundedLoops() : undefined;
      return { kind: 'loop', loop: this.span(loop ?? node), ...(bounded ? { bounded } : {}) };
    }
    // A loop of this function not being followed pass by pass (the first pass of a do loop): the loop
    // is what repeats, not the function.
    if (loop || this.frames.length === 0) return undefined;
    const callback = this.frame().repeated;
    return callback ? { kind: 'callback', callback } : undefined;
  }

  /**
   * The loops now running, innermost first, when the code now running runs a known number of times:
   * every loop on the stack is counted (`isCountedLoop`), and every call on it was followed from the
   * top level, made neither by code that runs again and again nor by code the analysis does not see
   * (a callback given to a library, a function nothing called). Undefined otherwise.
   */
  protected boundedLoops(): Span[] | undefined {
    if (this.unseenCallers > 0 || this.frames.some((frame) => frame.repeated)) return undefined;
    if (!this.activeLoops.every(isCountedLoop)) return undefined;
    return this.activeLoops.map((loop) => this.span(loop)).reverse();
  }

  registerRepeated(fn: Value, kind: CallbackKind, trigger: string, registration: Span): void {
    if (fn.kind !== 'function') return;
    const target = fn.closure as Closure | ClassInfo;
    if (target.kind !== 'closure' || this.registeredCallbacks.has(target.decl)) return;
    this.registeredCallbacks.set(target.decl, { kind, trigger, registration });
  }

  /**
   * A function stored in an event-handler property (`onmousemove`, or the JSX prop `onMouseMove`)
   * of an event that fires again and again.
   */
  protected registerHandler(property: string, value: Value, registration: Span): void {
    const event = value.kind === 'function' ? handlerEvent(property) : undefined;
    if (event !== undefined) this.registerRepeated(value, 'event', event, registration);
  }

  /**
   * Whether a call of `closure` runs again and again: it was handed to code that calls it again and
   * again, its own code says so (it schedules itself again, it is a hook of a tf.Callback subclass),
   * or the function calling it runs again and again. Asked before the callee's frame is pushed.
   */
  protected repeatedCall(closure: Closure, site: ts.Node): RepeatedCallback | undefined {
    const decl = closure.decl;
    const registered = this.registeredCallbacks.get(decl);
    // A handler of clicks or key presses that a training hook or a frame loop also calls (`predict()`
    // after every epoch) runs as often as they do on that path.
    const caller = this.frames.at(-1)?.repeated;
    if (registered && caller && registered.kind === 'event' && PACED_EVENTS.has(registered.trigger) && !(caller.kind === 'event' && PACED_EVENTS.has(caller.trigger))) {
      return caller.via ? caller : { ...caller, via: this.span(site) };
    }
    if (registered) return registered;
    let own = this.ownRepetitions.get(decl);
    if (own === undefined) this.ownRepetitions.set(decl, (own = selfScheduling(decl) ?? trainingHookMethod(decl) ?? null));
    if (own) {
      const at = own.at;
      return { kind: own.kind, trigger: own.trigger, registration: { file: closure.module.file, start: at.getStart(closure.module.parsed.sourceFile), end: at.getEnd() } };
    }
    if (!caller) return undefined;
    return caller.via ? caller : { ...caller, via: this.span(site) };
  }

  /**
   * Whether the call at `site` is how `decl`, running now, runs again and again: the call of itself
   * in the frame a render loop schedules (`requestAnimationFrame(() => render(model))`), a repetition
   * the analysis already takes into account. Any other call of itself is recursion.
   */
  protected repeatsItself(decl: ts.Node, site: ts.Node): boolean {
    const own = this.ownRepetitions.get(decl);
    if (!own || !this.callStack.includes(decl as FunctionLike)) return false;
    for (let node: ts.Node | undefined = site; node; node = node.parent) if (node === own.at) return true;
    return false;
  }

  inTidy(): boolean {
    return this.tidy > 0 || this.gradientStack.length > 0;
  }

  callInTidy(fn: Value, site: ts.Node): Value {
    this.tidy++;
    try {
      return this.call(fn, UNDEFINED, [], site);
    } finally {
      this.tidy--;
    }
  }

  callForGradient(fn: Value, site: ts.Node, gradient: GradientNode, maybe: boolean, args?: readonly Value[]): Value {
    this.gradientStack.push(gradient);
    try {
      const result = maybe ? this.callMaybe(fn, args, site) : this.call(fn, UNDEFINED, args ?? [], site);
      gradient.result = result;
      return result;
    } finally {
      this.gradientStack.pop();
    }
  }

  protected frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  protected tick(): void {
    if (++this.steps > this.limits.maxSteps) throw new BudgetExceeded();
  }

  // ---- implemented by the layers above ---------------------------------------------------

  protected abstract execStatements(statements: readonly ts.Statement[], scope: Scope): Completion;
  protected abstract eval(node: ts.Expression, scope: Scope): Value;
  protected abstract propertyKey(name: ts.PropertyName, scope: Scope): string | undefined;
  protected abstract readBinding(binding: Binding): Value;
  protected abstract assign(target: ts.Expression, value: Value, scope: Scope, assignment?: ts.BinaryExpression): void;
  protected abstract callValue(fn: Value, thisValue: Value, args: Args, site: ts.Node, unknownArgs: boolean): Value;
  protected abstract evalCall(node: ts.CallExpression, scope: Scope): Value;
  protected abstract evalNew(node: ts.NewExpression, scope: Scope): Value;
  protected abstract getMember(value: Value, key: string): Value;
  protected abstract writeBinding(binding: Binding, value: Value, force: boolean): void;
  protected abstract callSuperConstructor(node: ts.CallExpression, scope: Scope): Value;
  protected abstract callSuperMethod(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, node: ts.CallExpression, scope: Scope): Value;
  protected abstract construct(info: ClassInfo, args: Args, site: ts.Node, unknownArgs: boolean): ObjectValue;
  protected abstract invoke(closure: Closure, thisValue: Value, args: Args, _site: ts.Node, unknownArgs: boolean): Value;
  protected abstract makeClass(decl: ts.ClassLikeDeclaration, scope: Scope): FunctionValue;
  protected abstract makeClosure(decl: FunctionLike, scope: Scope, name: string | undefined, home?: ObjectValue): FunctionValue;
  protected abstract methodClosure(info: ClassInfo, member: ts.MethodDeclaration | ts.ConstructorDeclaration | ts.GetAccessorDeclaration): Closure;
}
