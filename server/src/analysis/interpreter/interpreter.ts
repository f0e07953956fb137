import * as path from 'node:path';
import type { ProgramGraph } from '../../../../rules/core/graph';
import { containsSpan, type Span } from '../../../../rules/core/span';
import type { ArrayValue, FunctionValue, ObjectValue, Property, TensorValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import { isRelativeSpecifier, isTfjsPackage, relativeImports, resolveRelative } from '../resolve';
import type { ParsedFile } from '../source';
import { ts } from '../typescript';
import {
  KNOWN_GLOBALS,
  NOT_FOLDED,
  arrayElement,
  binaryOperation,
  callArrayMethod,
  callGlobal,
  globalMember,
  isUndefined,
  mergeInto,
  truthiness,
} from './builtins';
import { GraphBuilder, type CreationContext } from './graph-builder';
import { undisposedTensor } from './tensor-lifetime';
import { BranchLog, type BranchState, type Binding, type BindingKind, Scope, joinValues } from './scope';
import { callLayerMethod, callModelMethod, callTensorMethod, callTf, callTfObjectMethod, layerMember, modelMember } from './tfjs-api';
import type { CallSite, ClassInfo, Closure, Completion, EvaluatorHost, FunctionLike, ModuleRecord } from './types';

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
}

export function moduleUnit(file: string): string {
  return `module:${file}`;
}

export function functionUnit(file: string, decl: ts.Node): string {
  return `function:${file}:${decl.pos}`;
}

class BudgetExceeded extends Error {}

/** Why a unit stopped, from what it threw. */
function abortReason(error: unknown, limits: RunLimits): string {
  if (error instanceof BudgetExceeded) return `the analysis budget of ${limits.maxSteps} steps ran out`;
  // The engine's own stack overflow: code nested deeper than a recursive walk can follow.
  if (error instanceof RangeError) return 'the code is nested too deeply to analyse';
  return `the analysis failed (${error instanceof Error ? error.message : String(error)})`;
}

/** The evaluator's position in its stacks and counters, restored when a unit stops early. */
interface UnitState {
  readonly frames: number;
  readonly logs: number;
  readonly callStack: number;
  readonly maybe: number;
  readonly maybeSequential: number;
  readonly branch: number;
  readonly loop: number;
  readonly loopUncertain: boolean;
  readonly gradient: number;
  readonly tidy: number;
  readonly steps: number;
  readonly callCounts: Map<ts.Node, number>;
}

const UNDEFINED = primitive(undefined);
const SK = ts.SyntaxKind;

interface Frame {
  readonly module: ModuleRecord;
  readonly thisValue: Value;
  readonly returns: Value[];
  maybeReturned: boolean;
  readonly closure?: Closure;
  /** Loops of this function the evaluator is inside (followed iteration by iteration or not). */
  loops: number;
}

type Args = { values: Value[]; spans: (Span | undefined)[] };

/**
 * Evaluates JavaScript and TypeScript symbolically, far enough to rebuild the tfjs models the code
 * creates: constants are folded, functions are called with their arguments, modules are followed
 * through imports, and anything that cannot be determined becomes an unknown value.
 */
export class Interpreter implements EvaluatorHost {
  readonly builder = new GraphBuilder();
  private readonly modules = new Map<string, ModuleRecord | null>();
  private readonly files = new Set<string>();
  private readonly logs: BranchLog[] = [];
  private readonly frames: Frame[] = [];
  private readonly callStack: FunctionLike[] = [];
  private readonly entered = new Set<ts.Node>();
  /** Calls of each function in the current unit. */
  private callCounts = new Map<ts.Node, number>();
  /** Closures and classes by the module that created them, for the sweep. */
  private readonly closures = new Map<ModuleRecord, Closure[]>();
  private readonly classes = new Map<ModuleRecord, ClassInfo[]>();
  private readonly aborts: UnitAbort[] = [];
  private readonly methodClosures = new Map<ts.Node, Map<ClassInfo, Closure>>();
  private readonly instanceClass = new WeakMap<ObjectValue, ClassInfo>();
  private readonly created = new WeakMap<object, CreationContext>();
  private maybe = 0;
  /** For each maybe-level below `maybe`: whether that level was entered by `runMaybe`. */
  private readonly maybeSequential: boolean[] = [];
  private branch = 0;
  private loop = 0;
  /** Set when a `break`/`continue` happened on only some paths of the current loop body. */
  private loopUncertain = false;
  private steps = 0;
  private gradient = 0;
  private tidy = 0;

  constructor(
    private readonly host: AnalysisHost,
    private readonly limits: RunLimits = DEFAULT_LIMITS,
    /** Units left out: modules read as unknown, functions the sweep does not run. */
    private readonly opaque: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * Runs each entry module (and what it imports, each module once), then the functions of the entries
   * that nothing called. Each module's top level and each of those functions is a unit with its own
   * budget: one that runs out, nests too deeply or trips the evaluator stops alone, and the others go on.
   */
  evaluate(entries: readonly string[]): Evaluation {
    const records: ModuleRecord[] = [];
    for (const entry of entries) {
      const record = this.loadModule(entry);
      if (!record) continue;
      records.push(record);
      this.executeModule(record);
    }
    for (const record of records) this.sweep(record);
    return { graph: this.builder, files: this.files, aborts: this.aborts };
  }

  /** Runs `body` as a unit: with a fresh budget, and back to the state before it when it stops early. */
  private unit(key: string, file: string, body: () => void): void {
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

  private saveState(): UnitState {
    return {
      frames: this.frames.length,
      logs: this.logs.length,
      callStack: this.callStack.length,
      maybe: this.maybe,
      maybeSequential: this.maybeSequential.length,
      branch: this.branch,
      loop: this.loop,
      loopUncertain: this.loopUncertain,
      gradient: this.gradient,
      tidy: this.tidy,
      steps: this.steps,
      callCounts: this.callCounts,
    };
  }

  private restoreState(state: UnitState): void {
    this.frames.length = state.frames;
    this.logs.length = state.logs;
    this.callStack.length = state.callStack;
    this.maybe = state.maybe;
    this.maybeSequential.length = state.maybeSequential;
    this.branch = state.branch;
    this.loop = state.loop;
    this.loopUncertain = state.loopUncertain;
    this.gradient = state.gradient;
    this.tidy = state.tidy;
  }

  // ---- EvaluatorHost ------------------------------------------------------------------------

  span(node: ts.Node): Span {
    const module = this.frame().module;
    return { file: module.file, start: node.getStart(module.parsed.sourceFile), end: node.getEnd() };
  }

  context(): CreationContext {
    return { maybe: this.maybe, branch: this.branch, loop: this.loop };
  }

  conditionalSince(since: CreationContext): boolean {
    return this.maybe > since.maybe || this.branch > since.branch;
  }

  repeatedSince(since: CreationContext): boolean {
    return this.loop > since.loop;
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
    return this.runMaybe(() =>
      this.invoke(target, target.home ?? unknown('this of a callback'), { values: args ? [...args] : [], spans: [] }, site, args === undefined),
    );
  }

  /**
   * Runs code that may or may not run (a callback, a function nothing calls, a catch block). Inside, the
   * code runs in order, so its writes are seen by what follows them; afterwards each written variable or
   * property holds the join of its value before and after.
   */
  private runMaybe<T>(body: () => T): T {
    const log = new BranchLog();
    this.logs.push(log);
    this.enterMaybe(true);
    try {
      return body();
    } finally {
      this.maybe--;
      this.logs.pop();
      log.join([log.capture(), { bindings: new Map(), props: new Map() }]);
    }
  }

  /** Enters code that runs on only some paths; `sequential` when a `runMaybe` log joins its writes. */
  private enterMaybe(sequential = false): void {
    this.maybeSequential[this.maybe] = sequential;
    this.maybe++;
  }

  /** Whether a write now to state made at maybe-level `level` happens on every path that state exists on. */
  private writesCertainAbove(level: number): boolean {
    for (let index = level; index < this.maybe; index++) if (!this.maybeSequential[index]) return false;
    return true;
  }

  member(value: Value, key: string): Value {
    return this.getMember(value, key);
  }

  inGradient(): boolean {
    return this.gradient > 0;
  }

  inLoopHere(): boolean {
    return this.frame().loops > 0;
  }

  inTidy(): boolean {
    return this.tidy > 0 || this.gradient > 0;
  }

  callInTidy(fn: Value, site: ts.Node): Value {
    this.tidy++;
    try {
      return this.call(fn, UNDEFINED, [], site);
    } finally {
      this.tidy--;
    }
  }

  callForGradient(fn: Value, site: ts.Node, maybe: boolean, args?: readonly Value[]): Value {
    this.gradient++;
    try {
      return maybe ? this.callMaybe(fn, args, site) : this.call(fn, UNDEFINED, args ?? [], site);
    } finally {
      this.gradient--;
    }
  }

  // ---- modules -------------------------------------------------------------------------------

  private frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private loadModule(file: string): ModuleRecord | undefined {
    const cached = this.modules.get(file);
    if (cached !== undefined) return cached ?? undefined;
    this.files.add(file);
    const parsed = this.opaque.has(moduleUnit(file)) ? undefined : this.parseModule(file);
    if (!parsed || parsed.syntaxError) {
      this.modules.set(file, null);
      return undefined;
    }
    const exportsObject: ObjectValue = { kind: 'object', props: new Map(), complete: true };
    const moduleObject: ObjectValue = { kind: 'object', props: new Map([['exports', { value: exportsObject }]]), complete: true };
    const record: ModuleRecord = {
      file,
      parsed,
      scope: new Scope(undefined),
      exports: new Map(),
      stars: [],
      moduleObject,
      status: 'new',
    };
    this.modules.set(file, record);
    return record;
  }

  /** The parsed file; a parser that throws (on code nested too deeply for it) stops the module's unit. */
  private parseModule(file: string): ParsedFile | undefined {
    try {
      return this.host.parse(file);
    } catch (error) {
      this.aborts.push({ key: moduleUnit(file), file, reason: abortReason(error, this.limits) });
      return undefined;
    }
  }

  /**
   * Runs a module and, first, the modules it imports that have not run, in the order ES modules run:
   * each after its imports, and a module that imports one still running (a cycle) sees that one's
   * bindings before they are set. The order is worked out beforehand, so a long chain of imports
   * does not nest one module's run inside the next.
   */
  private executeModule(record: ModuleRecord): void {
    if (record.status !== 'new') return;
    const order = this.linkOrder(record);
    for (const module of order) module.status = 'running';
    for (const module of order) this.runModuleBody(module);
  }

  /** `root` and the modules it imports, directly or not, that have not run: imports first. */
  private linkOrder(root: ModuleRecord): ModuleRecord[] {
    const order: ModuleRecord[] = [];
    const visited = new Set<ModuleRecord>([root]);
    const stack = [{ record: root, targets: this.importedFiles(root), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.targets.length) {
        const target = this.loadModule(top.targets[top.next++]!);
        if (target && target.status === 'new' && !visited.has(target)) {
          visited.add(target);
          stack.push({ record: target, targets: this.importedFiles(target), next: 0 });
        }
      } else {
        stack.pop();
        order.push(top.record);
      }
    }
    return order;
  }

  /** The files a module imports or requires by a relative path, in the order they are written. */
  private importedFiles(record: ModuleRecord): string[] {
    return relativeImports(record.parsed.text).flatMap((specifier) => resolveRelative(record.file, specifier, (candidate) => this.host.exists(candidate)) ?? []);
  }

  private runModuleBody(record: ModuleRecord): void {
    this.unit(moduleUnit(record.file), record.file, () => {
      this.frames.push({ module: record, thisValue: UNDEFINED, returns: [], maybeReturned: false, loops: 0 });
      try {
        this.declareModule(record);
        this.execStatements(record.parsed.sourceFile.statements, record.scope);
      } finally {
        this.frames.pop();
      }
    });
    record.status = 'done';
  }

  private resolveModule(from: ModuleRecord, specifier: string): ModuleRecord | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const file = resolveRelative(from.file, specifier, (candidate) => this.host.exists(candidate));
    return file ? this.loadModule(file) : undefined;
  }

  /** Binds imports (running the imported modules first, as ES modules do) and notes what is exported. */
  private declareModule(record: ModuleRecord): void {
    for (const statement of record.parsed.sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) this.declareImport(record, statement);
      else if (ts.isImportEqualsDeclaration(statement)) this.declareImportEquals(record, statement);
      else if (ts.isExportDeclaration(statement)) this.declareExportDeclaration(record, statement);
      else this.declareExportedDeclaration(record, statement);
    }
  }

  private declareImport(record: ModuleRecord, statement: ts.ImportDeclaration): void {
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) return;
    const specifier = statement.moduleSpecifier.text;
    const bind = (name: string, value: () => Value): void =>
      record.scope.declare(name, { value: UNDEFINED, kind: 'import', level: 0, resolve: value });
    if (isTfjsPackage(specifier)) {
      const root: Value = { kind: 'tf', path: '' };
      if (clause.name) bind(clause.name.text, () => root);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name.text, () => root);
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          if (element.isTypeOnly) continue;
          const importedName = (element.propertyName ?? element.name).text;
          bind(element.name.text, () => ({ kind: 'tf', path: importedName }));
        }
      }
      return;
    }
    const target = this.resolveModule(record, specifier);
    if (target) this.executeModule(target);
    const missing = (name: string) => (): Value => unknown(`${name} comes from ${specifier}`, undefined);
    if (clause.name) bind(clause.name.text, target ? () => this.getExport(target, 'default') : missing(clause.name.text));
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) {
      bind(named.name.text, target ? () => this.namespaceObject(target) : missing(named.name.text));
    }
    if (named && ts.isNamedImports(named)) {
      for (const element of named.elements) {
        if (element.isTypeOnly) continue;
        const importedName = (element.propertyName ?? element.name).text;
        bind(element.name.text, target ? () => this.getExport(target, importedName) : missing(importedName));
      }
    }
  }

  private declareImportEquals(record: ModuleRecord, statement: ts.ImportEqualsDeclaration): void {
    const reference = statement.moduleReference;
    if (!ts.isExternalModuleReference(reference) || !ts.isStringLiteral(reference.expression)) return;
    const specifier = reference.expression.text;
    record.scope.declare(statement.name.text, { value: UNDEFINED, kind: 'import', level: 0, resolve: () => this.requireModule(record, specifier) });
  }

  private declareExportDeclaration(record: ModuleRecord, statement: ts.ExportDeclaration): void {
    if (statement.isTypeOnly) return;
    const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const clause = statement.exportClause;
    if (specifier !== undefined && isTfjsPackage(specifier)) {
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          record.exports.set(element.name.text, { kind: 'value', value: { kind: 'tf', path: (element.propertyName ?? element.name).text } });
        }
      } else if (clause && ts.isNamespaceExport(clause)) {
        record.exports.set(clause.name.text, { kind: 'value', value: { kind: 'tf', path: '' } });
      }
      return;
    }
    const target = specifier !== undefined ? this.resolveModule(record, specifier) : undefined;
    if (!clause) {
      if (target) record.stars.push(target.file);
      return;
    }
    if (ts.isNamespaceExport(clause)) {
      if (target) record.exports.set(clause.name.text, { kind: 'value', value: this.namespaceObject(target) });
      return;
    }
    for (const element of clause.elements) {
      if (element.isTypeOnly) continue;
      const localName = (element.propertyName ?? element.name).text;
      if (specifier !== undefined) record.exports.set(element.name.text, { kind: 'reexport', file: target?.file, name: localName });
      else record.exports.set(element.name.text, { kind: 'local', name: localName });
    }
  }

  private declareExportedDeclaration(record: ModuleRecord, statement: ts.Statement): void {
    if (ts.isExportAssignment(statement)) {
      if (!statement.isExportEquals) record.exports.set('default', { kind: 'defaultExpression' });
      return;
    }
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (!modifiers?.some((modifier) => modifier.kind === SK.ExportKeyword)) return;
    const isDefault = modifiers.some((modifier) => modifier.kind === SK.DefaultKeyword);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        for (const name of boundNames(declaration.name)) record.exports.set(name, { kind: 'local', name });
      }
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      const name = statement.name?.text ?? '*default*';
      record.exports.set(isDefault ? 'default' : name, { kind: 'local', name });
    }
  }

  private getExport(record: ModuleRecord, name: string, seen = new Set<ModuleRecord>()): Value {
    this.executeModule(record);
    const ref = record.exports.get(name);
    if (ref) {
      switch (ref.kind) {
        case 'local': {
          const binding = record.scope.lookup(ref.name);
          return binding ? this.readBinding(binding) : unknown(`${ref.name} is not initialised yet`);
        }
        case 'reexport': {
          const target = ref.file ? this.loadModule(ref.file) : undefined;
          return target ? this.getExport(target, ref.name, seen) : unknown(`${name} is re-exported from an unknown module`);
        }
        case 'value':
          return ref.value;
        case 'defaultExpression':
          return record.defaultValue ?? unknown('the default export is not initialised yet');
      }
    }
    seen.add(record);
    for (const file of record.stars) {
      const target = this.loadModule(file);
      if (target && !seen.has(target) && this.hasExport(target, name)) return this.getExport(target, name, seen);
    }
    const exported = record.moduleObject.props.get('exports')?.value;
    if (exported && exported.kind === 'object' && exported.props.size === 0 && exported.complete && name !== 'default') {
      return unknown(`${name} is not exported by ${path.basename(record.file)}`);
    }
    if (exported) return name === 'default' ? exported : this.getMember(exported, name);
    return unknown(`${name} is not exported by ${path.basename(record.file)}`);
  }

  private hasExport(record: ModuleRecord, name: string): boolean {
    return record.exports.has(name) || record.stars.some((file) => {
      const target = this.modules.get(file);
      return target ? target.exports.has(name) : false;
    });
  }

  private namespaceObject(record: ModuleRecord): Value {
    this.executeModule(record);
    const props = new Map<string, Property>();
    for (const name of record.exports.keys()) props.set(name, { value: this.getExport(record, name) });
    return { kind: 'object', props, complete: record.stars.length === 0 };
  }

  private requireModule(record: ModuleRecord, specifier: string): Value {
    if (isTfjsPackage(specifier)) return { kind: 'tf', path: '' };
    const target = this.resolveModule(record, specifier);
    if (!target) return unknown(`the module ${specifier}`);
    this.executeModule(target);
    const exported = target.moduleObject.props.get('exports')?.value;
    if (target.exports.size > 0 && exported?.kind === 'object' && exported.props.size === 0) return this.namespaceObject(target);
    return exported ?? unknown(`the exports of ${specifier}`);
  }

  // ---- functions never called --------------------------------------------------------------

  /**
   * Runs the entry file's functions and class methods that its own code never called (event
   * handlers, exported factories), with unknown arguments, so that models built there are found.
   */
  private sweep(entry: ModuleRecord): void {
    const classes = (): ClassInfo[] => [...(this.classes.get(entry) ?? [])];
    for (let round = 0; round < this.limits.maxSweepRounds; round++) {
      let progressed = false;
      for (const info of classes()) {
        if (info.instances.length > 0 || this.opaque.has(functionUnit(entry.file, info.decl))) continue;
        this.sweepUnit(entry, info.decl, () => this.runMaybe(() => this.construct(info, { values: [], spans: [] }, info.decl, true)));
        progressed = true;
      }
      for (const info of classes()) {
        for (const member of info.decl.members) {
          if (!(ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) || !member.body || this.entered.has(member)) continue;
          const isStatic = ts.getModifiers(member)?.some((modifier) => modifier.kind === SK.StaticKeyword);
          const thisValue = isStatic ? unknown('this of a static method') : (info.instances[0] ?? unknown('an instance'));
          this.sweepUnit(entry, member, () => this.callMaybeClosure(this.methodClosure(info, member), thisValue, member));
          progressed = true;
        }
      }
      for (const closure of [...(this.closures.get(entry) ?? [])]) {
        if (this.entered.has(closure.decl)) continue;
        this.sweepUnit(entry, closure.decl, () => this.callMaybeClosure(closure, closure.home ?? unknown('this of an uncalled function'), closure.decl));
        progressed = true;
      }
      if (!progressed) return;
    }
  }

  /** Runs one function for the sweep as a unit of its own, unless an earlier evaluation left it out. */
  private sweepUnit(entry: ModuleRecord, decl: ts.Node, body: () => void): void {
    const key = functionUnit(entry.file, decl);
    if (this.opaque.has(key)) {
      // As if it had run, so that later rounds do not come back to it.
      this.entered.add(decl);
      return;
    }
    this.unit(key, entry.file, body);
  }

  private callMaybeClosure(closure: Closure, thisValue: Value, site: ts.Node): void {
    this.runMaybe(() => this.invoke(closure, thisValue, { values: [], spans: [] }, site, true));
  }

  // ---- statements ----------------------------------------------------------------------------

  private tick(): void {
    if (++this.steps > this.limits.maxSteps) throw new BudgetExceeded();
  }

  private execStatements(statements: readonly ts.Statement[], scope: Scope): Completion {
    this.hoist(statements, scope);
    for (const statement of statements) {
      const completion = this.exec(statement, scope);
      if (completion !== 'normal') return completion;
    }
    return 'normal';
  }

  /** Function declarations exist before the statements of their block run. */
  private hoist(statements: readonly ts.Statement[], scope: Scope): void {
    for (const statement of statements) {
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        const name = statement.name?.text ?? '*default*';
        scope.declare(name, { value: this.makeClosure(statement, scope, name), kind: 'function', level: this.maybe });
      }
    }
  }

  private exec(statement: ts.Statement, scope: Scope): Completion {
    this.tick();
    switch (statement.kind) {
      case SK.VariableStatement:
        this.declareVariables((statement as ts.VariableStatement).declarationList, scope);
        return 'normal';
      case SK.ExpressionStatement:
        this.eval((statement as ts.ExpressionStatement).expression, scope);
        return 'normal';
      case SK.ReturnStatement: {
        const expression = (statement as ts.ReturnStatement).expression;
        this.frame().returns.push(expression ? this.eval(expression, scope) : UNDEFINED);
        return 'return';
      }
      case SK.IfStatement:
        return this.execIf(statement as ts.IfStatement, scope);
      case SK.Block:
        return this.execStatements((statement as ts.Block).statements, new Scope(scope));
      case SK.ForStatement:
        return this.execFor(statement as ts.ForStatement, scope);
      case SK.ForOfStatement:
        return this.execForOf(statement as ts.ForOfStatement, scope);
      case SK.ForInStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
        return this.execOtherLoop(statement as ts.ForInStatement | ts.WhileStatement | ts.DoStatement, scope);
      case SK.ClassDeclaration: {
        const declaration = statement as ts.ClassDeclaration;
        const value = this.makeClass(declaration, scope);
        scope.declare(declaration.name?.text ?? '*default*', { value, kind: 'class', level: this.maybe });
        return 'normal';
      }
      case SK.TryStatement:
        return this.execTry(statement as ts.TryStatement, scope);
      case SK.ThrowStatement:
        this.eval((statement as ts.ThrowStatement).expression, scope);
        return 'throw';
      case SK.SwitchStatement:
        return this.execSwitch(statement as ts.SwitchStatement, scope);
      case SK.BreakStatement:
        return 'break';
      case SK.ContinueStatement:
        return 'continue';
      case SK.LabeledStatement:
        return this.exec((statement as ts.LabeledStatement).statement, scope);
      case SK.ExportAssignment: {
        const assignment = statement as ts.ExportAssignment;
        const value = this.eval(assignment.expression, scope);
        const module = this.frame().module;
        if (assignment.isExportEquals) module.moduleObject.props.set('exports', { value });
        else module.defaultValue = value;
        return 'normal';
      }
      default:
        return 'normal';
    }
  }

  private declareVariables(list: ts.VariableDeclarationList, scope: Scope): void {
    const kind: BindingKind = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : 'var';
    for (const declaration of list.declarations) {
      const value = declaration.initializer ? this.eval(declaration.initializer, scope) : UNDEFINED;
      if (value.kind === 'tensor' && declaration.initializer && this.inLoopHere() && !this.inTidy()) this.noteLoopTensor(declaration, declaration.initializer, value);
      this.bindPattern(declaration.name, value, scope, kind);
    }
  }

  /** A tensor made in a loop and stored in a variable: reported when the loop body never frees it. */
  private noteLoopTensor(declaration: ts.VariableDeclaration, initializer: ts.Expression, value: TensorValue): void {
    const span = this.span(initializer);
    // Only a tensor this expression makes: a variable holding an older tensor owns nothing new.
    if (!containsSpan(span, value.span)) return;
    const dispose = undisposedTensor(declaration);
    if (!dispose) return;
    this.builder.event({
      kind: 'loopTensor',
      span,
      name: (declaration.name as ts.Identifier).text,
      dispose: { statement: this.span(dispose.statement), before: dispose.before },
      order: this.builder.next(),
    });
  }

  private bindPattern(name: ts.BindingName, value: Value, scope: Scope, kind: BindingKind): void {
    if (ts.isIdentifier(name)) {
      this.nameValue(value, name.text);
      scope.declare(name.text, { value, kind, level: this.maybe });
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        if (element.dotDotDotToken) {
          this.bindPattern(element.name, unknown('the rest of an object'), scope, kind);
          continue;
        }
        const key = element.propertyName ? this.propertyKey(element.propertyName, scope) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        let member = key === undefined ? unknown('a computed key') : this.getMember(value, key);
        if (element.initializer && isUndefined(member)) member = this.eval(element.initializer, scope);
        this.bindPattern(element.name, member, scope, kind);
      }
      return;
    }
    name.elements.forEach((element, index) => {
      if (ts.isOmittedExpression(element)) return;
      let member: Value;
      if (element.dotDotDotToken) {
        member = value.kind === 'array' && value.complete ? { kind: 'array', elements: value.elements.slice(index), complete: true } : unknown('the rest of an array');
      } else {
        member = value.kind === 'array' ? arrayElement(value, index) : unknown('an element of an unknown array');
      }
      if (element.initializer && isUndefined(member)) member = this.eval(element.initializer, scope);
      this.bindPattern(element.name, member, scope, kind);
    });
  }

  /** Remembers the variable a model or layer was first stored in, for messages. */
  private nameValue(value: Value, name: string): void {
    if (value.kind === 'model' && value.model.name === undefined) value.model.name = name;
    else if (value.kind === 'layer' && value.layer.name === undefined) value.layer.name = name;
  }

  private execIf(statement: ts.IfStatement, scope: Scope): Completion {
    const condition = truthiness(this.eval(statement.expression, scope));
    const thenBranch = (): Completion => this.exec(statement.thenStatement, new Scope(scope));
    const elseBranch = (): Completion => (statement.elseStatement ? this.exec(statement.elseStatement, new Scope(scope)) : 'normal');
    if (condition === true) return thenBranch();
    if (condition === false) return elseBranch();
    return this.branches([thenBranch, elseBranch]);
  }

  /** Runs alternatives from the same state, then continues with the join of those that fall through. */
  private branches(alternatives: readonly (() => Completion)[]): Completion {
    const log = new BranchLog();
    this.logs.push(log);
    this.branch++;
    const outcomes: { completion: Completion; state: BranchState }[] = [];
    try {
      for (const alternative of alternatives) {
        const completion = alternative();
        outcomes.push({ completion, state: log.capture() });
        log.restore();
      }
    } finally {
      this.branch--;
      this.logs.pop();
    }
    const normal = outcomes.filter((outcome) => outcome.completion === 'normal');
    if (normal.length === 0) {
      return outcomes.some((outcome) => outcome.completion === 'return') ? 'return' : outcomes[0]!.completion;
    }
    log.join(normal.map((outcome) => outcome.state));
    if (outcomes.some((outcome) => outcome.completion === 'return')) this.markMaybeReturned();
    if (outcomes.some((outcome) => outcome.completion === 'break' || outcome.completion === 'continue')) this.loopUncertain = true;
    return 'normal';
  }

  /** After a `return` on some paths, the rest of the function runs on only the others. */
  private markMaybeReturned(): void {
    const frame = this.frame();
    if (frame.maybeReturned) return;
    frame.maybeReturned = true;
    this.enterMaybe();
  }

  private execFor(statement: ts.ForStatement, scope: Scope): Completion {
    const loopScope = new Scope(scope);
    const initializer = statement.initializer;
    if (initializer) {
      if (ts.isVariableDeclarationList(initializer)) this.declareVariables(initializer, loopScope);
      else this.eval(initializer, loopScope);
    }
    const body = (): Completion => {
      const completion = this.exec(statement.statement, new Scope(loopScope));
      if (statement.incrementor && (completion === 'normal' || completion === 'continue')) this.eval(statement.incrementor, loopScope);
      return completion;
    };
    const condition = (): boolean | undefined => (statement.condition ? truthiness(this.eval(statement.condition, loopScope)) : true);
    return this.unroll(statement, loopScope, condition, body);
  }

  private execOtherLoop(statement: ts.ForInStatement | ts.WhileStatement | ts.DoStatement, scope: Scope): Completion {
    if (ts.isForInStatement(statement)) {
      this.eval(statement.expression, scope);
      return this.loopOnce(statement, scope, () => {
        const iterationScope = new Scope(scope);
        this.bindLoopVariable(statement.initializer, unknown('a property name'), iterationScope);
        return this.exec(statement.statement, iterationScope);
      });
    }
    const body = (): Completion => this.exec(statement.statement, new Scope(scope));
    const condition = (): boolean | undefined => truthiness(this.eval(statement.expression, scope));
    if (ts.isDoStatement(statement)) {
      const first = body();
      if (first === 'break') return 'normal';
      if (first === 'return' || first === 'throw') return first;
    }
    return this.unroll(statement, scope, condition, body);
  }

  /** Runs a loop iteration by iteration while its condition is known, then once more as a stand-in. */
  private unroll(statement: ts.IterationStatement, scope: Scope, condition: () => boolean | undefined, body: () => Completion): Completion {
    const savedUncertain = this.loopUncertain;
    this.frame().loops++;
    try {
      for (let iteration = 0; iteration < this.limits.maxUnroll; iteration++) {
        const test = condition();
        if (test === false) return 'normal';
        if (test === undefined) break;
        this.loopUncertain = false;
        const completion = body();
        if (completion === 'break') return 'normal';
        if (completion === 'return' || completion === 'throw') return completion;
        if (this.loopUncertain) break;
      }
      return this.loopOnce(statement, scope, () => {
        const test = condition();
        if (test === false) return 'normal';
        return body();
      });
    } finally {
      this.loopUncertain = savedUncertain;
      this.frame().loops--;
    }
  }

  /** Runs a loop body once, standing for an unknown number of iterations. */
  private loopOnce(statement: ts.IterationStatement, scope: Scope, body: () => Completion): Completion {
    const assigned = assignedNames(statement);
    this.havoc(assigned, scope);
    this.enterMaybe();
    this.loop++;
    this.frame().loops++;
    let completion: Completion;
    try {
      completion = body();
    } finally {
      this.maybe--;
      this.loop--;
      this.frame().loops--;
    }
    this.havoc(assigned, scope);
    if (completion === 'return') this.markMaybeReturned();
    return 'normal';
  }

  private havoc(names: ReadonlySet<string>, scope: Scope): void {
    for (const name of names) {
      const binding = scope.lookup(name);
      if (binding && !binding.resolve) this.writeBinding(binding, unknown('changed in a loop'), true);
    }
  }

  private execForOf(statement: ts.ForOfStatement, scope: Scope): Completion {
    const iterable = this.eval(statement.expression, scope);
    if (iterable.kind === 'array' && iterable.complete && iterable.elements.length <= this.limits.maxUnroll) {
      const savedUncertain = this.loopUncertain;
      this.frame().loops++;
      try {
        for (const element of iterable.elements) {
          const iterationScope = new Scope(scope);
          this.bindLoopVariable(statement.initializer, element, iterationScope);
          this.loopUncertain = false;
          const completion = this.exec(statement.statement, iterationScope);
          if (completion === 'break') return 'normal';
          if (completion === 'return' || completion === 'throw') return completion;
          if (this.loopUncertain) break;
        }
        if (!this.loopUncertain) return 'normal';
      } finally {
        this.loopUncertain = savedUncertain;
        this.frame().loops--;
      }
    }
    const element = iterable.kind === 'array' && iterable.complete ? joinValues(iterable.elements) : unknown('an element of an iterable');
    return this.loopOnce(statement, scope, () => {
      const iterationScope = new Scope(scope);
      this.bindLoopVariable(statement.initializer, element, iterationScope);
      return this.exec(statement.statement, iterationScope);
    });
  }

  private bindLoopVariable(initializer: ts.ForInitializer, value: Value, scope: Scope): void {
    if (ts.isVariableDeclarationList(initializer)) {
      const declaration = initializer.declarations[0];
      if (declaration) this.bindPattern(declaration.name, value, scope, 'let');
    } else {
      this.assign(initializer, value, scope);
    }
  }

  private execTry(statement: ts.TryStatement, scope: Scope): Completion {
    const completion = this.exec(statement.tryBlock, scope);
    if (statement.catchClause) {
      const clause = statement.catchClause;
      this.runMaybe(() => {
        const catchScope = new Scope(scope);
        const variable = clause.variableDeclaration;
        if (variable) this.bindPattern(variable.name, unknown('a caught error'), catchScope, 'let');
        this.exec(clause.block, catchScope);
      });
    }
    if (statement.finallyBlock) {
      const finalCompletion = this.exec(statement.finallyBlock, scope);
      if (finalCompletion !== 'normal') return finalCompletion;
    }
    return completion === 'return' ? 'return' : 'normal';
  }

  private execSwitch(statement: ts.SwitchStatement, scope: Scope): Completion {
    const discriminant = this.eval(statement.expression, scope);
    const clauses = statement.caseBlock.clauses;
    const switchScope = new Scope(scope);
    const runFrom = (start: number) => (): Completion => {
      for (let i = start; i < clauses.length; i++) {
        const completion = this.execStatements(clauses[i]!.statements, switchScope);
        if (completion === 'break') return 'normal';
        if (completion !== 'normal') return completion;
      }
      return 'normal';
    };
    if (discriminant.kind === 'primitive') {
      let matched = -1;
      let allKnown = true;
      for (let i = 0; i < clauses.length && matched < 0; i++) {
        const clause = clauses[i]!;
        if (!ts.isCaseClause(clause)) continue;
        const test = this.eval(clause.expression, switchScope);
        if (test.kind !== 'primitive') allKnown = false;
        else if (allKnown && test.value === discriminant.value) matched = i;
      }
      if (allKnown) {
        if (matched < 0) matched = clauses.findIndex((clause) => ts.isDefaultClause(clause));
        return matched < 0 ? 'normal' : runFrom(matched)();
      }
    }
    const alternatives = clauses.map((_, index) => runFrom(index));
    if (!clauses.some((clause) => ts.isDefaultClause(clause))) alternatives.push(() => 'normal');
    return this.branches(alternatives);
  }

  // ---- expressions ---------------------------------------------------------------------------

  private eval(node: ts.Expression, scope: Scope): Value {
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
      default:
        return unknown(`a ${SK[node.kind]} expression`);
    }
  }

  /** JSX is not modelled, but the functions written in it (event handlers) are found and run later. */
  private evalJsx(node: ts.Node, scope: Scope): void {
    const visit = (child: ts.Node): void => {
      if (ts.isJsxExpression(child)) {
        if (child.expression) this.eval(child.expression, scope);
        return;
      }
      ts.forEachChild(child, visit);
    };
    ts.forEachChild(node, visit);
  }

  private evalIdentifier(node: ts.Identifier, scope: Scope): Value {
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
        // The global that the tfjs <script> bundle defines.
        return { kind: 'tf', path: '' };
      case 'module':
        return this.frame().module.moduleObject;
      case 'exports':
        return this.frame().module.moduleObject.props.get('exports')?.value ?? unknown('exports');
    }
    return unknown(`${name} is not defined in the analysed code`, this.span(node), name);
  }

  private readBinding(binding: Binding): Value {
    return binding.resolve ? binding.resolve() : binding.value;
  }

  /** The name of a known global (`Math`, `Object`, ...) that the code does not shadow. */
  private unboundGlobal(node: ts.Expression, scope: Scope): string | undefined {
    return ts.isIdentifier(node) && KNOWN_GLOBALS.has(node.text) && !scope.lookup(node.text) ? node.text : undefined;
  }

  private evalTemplate(node: ts.TemplateExpression, scope: Scope): Value {
    let text = node.head.text;
    let known = true;
    for (const span of node.templateSpans) {
      const value = this.eval(span.expression, scope);
      if (value.kind === 'primitive') text += String(value.value) + span.literal.text;
      else known = false;
    }
    return known ? primitive(text, this.span(node)) : unknown('a template string with unknown parts', this.span(node));
  }

  private evalPrefix(node: ts.PrefixUnaryExpression, scope: Scope): Value {
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
    if (operand.kind !== 'primitive') return unknown('an operation on an unknown value', this.span(node));
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

  private arithmetic(value: Value, delta: number, node: ts.Node): Value {
    return value.kind === 'primitive' && typeof value.value === 'number' ? primitive(value.value + delta, this.span(node)) : unknown('an updated unknown value');
  }

  private evalBinary(node: ts.BinaryExpression, scope: Scope): Value {
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

  private fold(operator: string, left: Value, right: Value, node: ts.Node): Value {
    if (left.kind !== 'primitive' || right.kind !== 'primitive') return unknown('an operation on an unknown value', this.span(node));
    const result = binaryOperation(operator, left.value, right.value);
    return result === NOT_FOLDED ? unknown(`the operator ${operator}`) : primitive(result, this.span(node));
  }

  private evalLogical(node: ts.BinaryExpression, scope: Scope): Value {
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

  private evalConditional(node: ts.ConditionalExpression, scope: Scope): Value {
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

  private evalObject(node: ts.ObjectLiteralExpression, scope: Scope): ObjectValue {
    const object: ObjectValue = { kind: 'object', props: new Map(), complete: true, span: this.span(node) };
    this.created.set(object, this.context());
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
        mergeInto(object, this.eval(property.expression, scope));
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

  private propertyKey(name: ts.PropertyName, scope: Scope): string | undefined {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const key = this.eval(name.expression, scope);
      return key.kind === 'primitive' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
    }
    return undefined;
  }

  private evalArray(node: ts.ArrayLiteralExpression, scope: Scope): ArrayValue {
    const array: ArrayValue = { kind: 'array', elements: [], complete: true, span: this.span(node) };
    this.created.set(array, this.context());
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

  // ---- members and assignment ----------------------------------------------------------------

  private getMember(value: Value, key: string): Value {
    switch (value.kind) {
      case 'tf':
        return { kind: 'tf', path: value.path ? `${value.path}.${key}` : key };
      case 'object': {
        const property = value.props.get(key);
        if (property) return property.value;
        const info = this.instanceClass.get(value);
        if (info) {
          const getter = findMember(info, key, (member) => ts.isGetAccessorDeclaration(member));
          if (getter) return this.invoke(this.methodClosure(getter.owner, getter.member as ts.GetAccessorDeclaration), value, { values: [], spans: [] }, getter.member, false);
          return unknown(`${key} of an instance`);
        }
        return value.complete ? UNDEFINED : unknown(`${key} of an object that is not fully known`);
      }
      case 'array':
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
      case 'unknown':
        return unknown(`${key} of an unknown value`, undefined, key);
      default:
        return unknown(`${key} of a ${value.kind}`, undefined, key);
    }
  }

  private assign(target: ts.Expression, value: Value, scope: Scope, assignment?: ts.BinaryExpression): void {
    const node = skipOuterExpressions(target);
    if (ts.isIdentifier(node)) {
      const binding = scope.lookup(node.text);
      if (binding && !binding.resolve) {
        this.nameValue(value, node.text);
        this.writeBinding(binding, value, false);
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

  private writeBinding(binding: Binding, value: Value, force: boolean): void {
    for (const log of this.logs) log.noteBinding(binding);
    binding.value = !force && !this.writesCertainAbove(binding.level) ? joinValues([binding.value, value], 'set on only some code paths') : value;
  }

  private setMember(object: Value, key: string | undefined, value: Value, keySpan: Span | undefined, assignment: ts.BinaryExpression | undefined): void {
    if ((object.kind === 'layer' || object.kind === 'model') && key === 'trainable' && assignment) {
      const owner = object.kind === 'layer' ? { layer: object.layer } : { model: object.model };
      const since = this.builder.creationOf(object.kind === 'model' ? object.model : object.layer);
      this.builder.event({ kind: 'trainable', span: this.span(assignment), value, ...owner, conditional: this.conditionalSince(since), order: this.builder.next() });
      return;
    }
    if (object.kind === 'unknown') markEscaped(value);
    if (object.kind === 'object') {
      if (key === undefined) {
        object.complete = false;
        return;
      }
      for (const log of this.logs) log.noteProp(object, key);
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

  private evalArgs(nodes: readonly ts.Expression[], scope: Scope): Args {
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

  private evalCall(node: ts.CallExpression, scope: Scope): Value {
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

  private elementKey(access: ts.ElementAccessExpression, scope: Scope): string | undefined {
    const key = this.eval(access.argumentExpression, scope);
    return key.kind === 'primitive' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
  }

  private callValue(fn: Value, thisValue: Value, args: Args, site: ts.Node, unknownArgs: boolean): Value {
    if (fn.kind === 'function') {
      const target = fn.closure as Closure | ClassInfo;
      if (target.kind === 'closure') return this.invoke(target, thisValue, args, site, unknownArgs);
      return unknown('a class called without new');
    }
    if (fn.kind === 'tf' && (ts.isCallExpression(site) || ts.isNewExpression(site))) {
      return callTf(this, fn.path, { node: site, args: args.values, argSpans: args.spans });
    }
    return this.unknownCall(args, site, 'a function the analysis cannot see');
  }

  /**
   * A call of code outside the analysis (a library, a browser API). Functions passed to it are
   * callbacks that may run; the arguments themselves are assumed not to be modified.
   */
  private unknownCall(args: Args, site: ts.Node, what: string): Value {
    for (const arg of args.values) {
      if (arg.kind === 'function') this.callMaybe(arg, undefined, site);
      else markEscaped(arg);
    }
    return unknown(`the result of ${what}`);
  }

  private callMethod(receiver: Value, name: string, args: Args, node: ts.CallExpression, receiverSpan: Span): Value {
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
        return callArrayMethod(this, receiver, name, args.values, node);
      case 'object': {
        const property = receiver.props.get(name);
        if (property) return this.callValue(property.value, receiver, args, node, false);
        const info = this.instanceClass.get(receiver);
        const method = info && findMember(info, name, (member) => ts.isMethodDeclaration(member));
        if (method) return this.invoke(this.methodClosure(method.owner, method.member as ts.MethodDeclaration), receiver, args, node, false);
        return this.unknownCall(args, node, `${name} of an object`);
      }
      case 'function':
        if (name === 'call') return this.callValue(receiver, args.values[0] ?? UNDEFINED, { values: args.values.slice(1), spans: args.spans.slice(1) }, node, false);
        if (name === 'apply') {
          const list = args.values[1];
          return this.callValue(receiver, args.values[0] ?? UNDEFINED, { values: list?.kind === 'array' ? list.elements : [], spans: [] }, node, list?.kind !== 'array');
        }
        return this.unknownCall(args, node, `function.${name}`);
      case 'unknown':
        return callTensorMethod(this, receiver, name, site) ?? this.unknownCall(args, node, `${receiver.name ?? 'an unknown value'}.${name}`);
      default:
        return this.unknownCall(args, node, `${receiver.kind}.${name}`);
    }
  }

  private callPromiseMethod(value: Value, name: string, args: Args, node: ts.CallExpression): Value {
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

  private evalNew(node: ts.NewExpression, scope: Scope): Value {
    const callee = this.eval(node.expression, scope);
    const args = this.evalArgs(node.arguments ?? [], scope);
    if (callee.kind === 'function') {
      const target = callee.closure as Closure | ClassInfo;
      if (target.kind === 'class') return this.construct(target, args, node, false);
      const instance = this.newObject(undefined);
      const result = this.invoke(target, instance, args, node, false);
      return result.kind === 'object' ? result : instance;
    }
    if (ts.isIdentifier(node.expression) && node.expression.text === 'Promise' && !scope.lookup('Promise')) {
      this.unknownCall(args, node, 'a promise executor');
      return { kind: 'promise', value: unknown('the value a promise resolves to') };
    }
    return this.unknownCall(args, node, 'a constructor the analysis cannot see');
  }

  private newObject(className: string | undefined): ObjectValue {
    const object: ObjectValue = className === undefined
      ? { kind: 'object', props: new Map(), complete: true }
      : { kind: 'object', props: new Map(), complete: true, className };
    this.created.set(object, this.context());
    return object;
  }

  // ---- classes -------------------------------------------------------------------------------

  private makeClass(decl: ts.ClassLikeDeclaration, scope: Scope): FunctionValue {
    const heritage = decl.heritageClauses?.find((clause) => clause.token === SK.ExtendsKeyword)?.types[0];
    const base = heritage ? this.eval(heritage.expression, scope) : undefined;
    const name = decl.name?.text;
    const info: ClassInfo = { kind: 'class', decl, scope, module: this.frame().module, base, instances: [], ...(name ? { name } : {}) };
    const ofModule = this.classes.get(info.module);
    if (ofModule) ofModule.push(info);
    else this.classes.set(info.module, [info]);
    return { kind: 'function', name, span: this.span(decl), closure: info };
  }

  private construct(info: ClassInfo, args: Args, site: ts.Node, unknownArgs: boolean): ObjectValue {
    const instance = this.newObject(info.name ?? 'anonymous class');
    // A class that extends code outside the analysis (such as tf.layers.Layer) may add anything.
    if (info.base && !isClassValue(info.base)) instance.complete = false;
    this.instanceClass.set(instance, info);
    info.instances.push(instance);
    this.initialise(info, instance, args, site, unknownArgs);
    return instance;
  }

  /** Runs field initialisers and the constructor of `info` (and, through `super`, of its bases). */
  private initialise(info: ClassInfo, instance: ObjectValue, args: Args, site: ts.Node, unknownArgs: boolean): void {
    const constructor = info.decl.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
    const baseInfo = info.base && isClassValue(info.base) ? (info.base.closure as ClassInfo) : undefined;
    if (!baseInfo) this.initialiseFields(info, instance);
    if (constructor) {
      this.invoke(this.methodClosure(info, constructor), instance, args, site, unknownArgs);
    } else if (baseInfo) {
      this.initialise(baseInfo, instance, args, site, unknownArgs);
      this.initialiseFields(info, instance);
    }
  }

  private initialiseFields(info: ClassInfo, instance: ObjectValue): void {
    const fields = info.decl.members.filter(
      (member): member is ts.PropertyDeclaration =>
        ts.isPropertyDeclaration(member) && !ts.getModifiers(member)?.some((modifier) => modifier.kind === SK.StaticKeyword),
    );
    if (fields.length === 0) return;
    this.frames.push({ module: info.module, thisValue: instance, returns: [], maybeReturned: false, loops: 0 });
    try {
      for (const field of fields) {
        const key = ts.isIdentifier(field.name) || ts.isPrivateIdentifier(field.name) || ts.isStringLiteral(field.name) ? field.name.text : undefined;
        if (key === undefined) continue;
        const value = field.initializer ? this.eval(field.initializer, new Scope(info.scope)) : UNDEFINED;
        instance.props.set(key, { value, keySpan: this.span(field.name), span: this.span(field) });
      }
    } finally {
      this.frames.pop();
    }
  }

  private callSuperConstructor(node: ts.CallExpression, scope: Scope): Value {
    const args = this.evalArgs(node.arguments, scope);
    const frame = this.frame();
    const info = frame.closure?.ownerClass;
    const instance = frame.thisValue;
    if (!info || instance.kind !== 'object') return UNDEFINED;
    if (info.base && isClassValue(info.base)) this.initialise(info.base.closure as ClassInfo, instance, args, node, false);
    this.initialiseFields(info, instance);
    return UNDEFINED;
  }

  private callSuperMethod(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, node: ts.CallExpression, scope: Scope): Value {
    const args = this.evalArgs(node.arguments, scope);
    const info = this.frame().closure?.ownerClass;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const base = info?.base && isClassValue(info.base) ? (info.base.closure as ClassInfo) : undefined;
    const method = base && name ? findMember(base, name, (member) => ts.isMethodDeclaration(member)) : undefined;
    if (!method) return this.unknownCall(args, node, 'a method of a base class');
    return this.invoke(this.methodClosure(method.owner, method.member as ts.MethodDeclaration), this.frame().thisValue, args, node, false);
  }

  private methodClosure(info: ClassInfo, member: ts.MethodDeclaration | ts.ConstructorDeclaration | ts.GetAccessorDeclaration): Closure {
    let byClass = this.methodClosures.get(member);
    if (!byClass) this.methodClosures.set(member, (byClass = new Map()));
    let closure = byClass.get(info);
    if (!closure) {
      closure = { kind: 'closure', decl: member, scope: info.scope, module: info.module, ownerClass: info };
      byClass.set(info, closure);
    }
    return closure;
  }

  // ---- functions -----------------------------------------------------------------------------

  /**
   * A call that is not followed may change the models it can reach: the models among its arguments
   * and `this` get a slot the analysis cannot read, so nothing is concluded from their layer lists.
   */
  private skipCall(thisValue: Value, args: Args): void {
    const seen = new Set<Value>();
    const visit = (value: Value, depth: number): void => {
      if (seen.has(value) || depth > 3) return;
      seen.add(value);
      if (value.kind === 'model') {
        if (value.model.kind === 'sequential') {
          this.builder.addSlot(value.model, { layer: undefined, span: value.model.span, conditional: true, repeated: false });
        }
        value.model.incomplete.push('passed to a call the analysis did not follow');
        value.model.escaped = true;
      } else if (value.kind === 'array') {
        for (const element of value.elements) visit(element, depth + 1);
      } else if (value.kind === 'object') {
        for (const property of value.props.values()) visit(property.value, depth + 1);
      }
    };
    visit(thisValue, 0);
    for (const arg of args.values) visit(arg, 0);
  }

  private makeClosure(decl: FunctionLike, scope: Scope, name: string | undefined, home?: ObjectValue): FunctionValue {
    const closure: Closure = {
      kind: 'closure',
      decl,
      scope,
      module: this.frame().module,
      ...(ts.isArrowFunction(decl) ? { lexicalThis: this.frame().thisValue } : {}),
      ...(home ? { home } : {}),
      ...(name ? { name } : {}),
    };
    const ofModule = this.closures.get(closure.module);
    if (ofModule) ofModule.push(closure);
    else this.closures.set(closure.module, [closure]);
    const isAsync = ts.getModifiers(decl)?.some((modifier) => modifier.kind === SK.AsyncKeyword) ?? false;
    return { kind: 'function', name, span: this.span(decl), closure, ...(isAsync ? { async: true } : {}) };
  }

  private invoke(closure: Closure, thisValue: Value, args: Args, _site: ts.Node, unknownArgs: boolean): Value {
    const decl = closure.decl;
    if (!decl.body) return unknown('a function without a body');
    const calls = (this.callCounts.get(decl) ?? 0) + 1;
    if (this.callStack.length >= this.limits.maxCallDepth || calls > this.limits.maxCallsPerFunction || this.callStack.includes(decl)) {
      this.skipCall(thisValue, args);
      return unknown('a call the analysis did not follow');
    }
    this.callCounts.set(decl, calls);
    this.entered.add(decl);
    const scope = new Scope(closure.scope);
    const frame: Frame = {
      module: closure.module,
      thisValue: closure.lexicalThis ?? thisValue,
      returns: [],
      maybeReturned: false,
      closure,
      loops: 0,
    };
    this.frames.push(frame);
    this.callStack.push(decl);
    const maybeBefore = this.maybe;
    try {
      this.bindParameters(decl, scope, args, unknownArgs, frame.thisValue);
      let result: Value;
      if (ts.isBlock(decl.body)) {
        const completion = this.execStatements(decl.body.statements, scope);
        if (completion === 'return') result = joinValues(frame.returns, 'differs between returns');
        else if (frame.returns.length > 0) result = joinValues([...frame.returns, UNDEFINED], 'differs between returns');
        else result = UNDEFINED;
      } else {
        result = this.eval(decl.body, scope);
      }
      if (decl.asteriskToken) return unknown('a generator');
      const isAsync = ts.getModifiers(decl)?.some((modifier) => modifier.kind === SK.AsyncKeyword);
      return isAsync ? { kind: 'promise', value: result.kind === 'promise' ? result.value : result } : result;
    } finally {
      this.maybe = maybeBefore;
      this.callStack.pop();
      this.frames.pop();
    }
  }

  private bindParameters(decl: FunctionLike, scope: Scope, args: Args, unknownArgs: boolean, thisValue: Value): void {
    decl.parameters.forEach((parameter, index) => {
      const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `parameter ${index + 1}`;
      let value: Value;
      if (parameter.dotDotDotToken) {
        value = unknownArgs ? unknown('rest parameters') : { kind: 'array', elements: args.values.slice(index), complete: true };
      } else if (unknownArgs) {
        value = unknown(`the parameter ${name}`, undefined, name);
      } else {
        value = args.values[index] ?? UNDEFINED;
        if (isUndefined(value) && parameter.initializer) value = this.eval(parameter.initializer, scope);
      }
      this.bindPattern(parameter.name, value, scope, 'param');
      if (ts.isParameterPropertyDeclaration(parameter, parameter.parent) && thisValue.kind === 'object' && ts.isIdentifier(parameter.name)) {
        thisValue.props.set(parameter.name.text, { value, keySpan: this.span(parameter.name) });
      }
    });
  }
}

/** A model handed to code the analysis cannot see may be compiled or trained there. */
function markEscaped(value: Value, depth = 0): void {
  if (depth > 3) return;
  if (value.kind === 'model') value.model.escaped = true;
  else if (value.kind === 'array') for (const element of value.elements) markEscaped(element, depth + 1);
  else if (value.kind === 'object') for (const property of value.props.values()) markEscaped(property.value, depth + 1);
}

function isClassValue(value: Value): value is FunctionValue {
  return value.kind === 'function' && (value.closure as Closure | ClassInfo).kind === 'class';
}

/** A member of a class or of its analysed base classes. */
function findMember(
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

function skipOuterExpressions(node: ts.Expression): ts.Expression {
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

function nameOfFunction(node: ts.FunctionExpression | ts.ArrowFunction): string | undefined {
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

/** The names a binding pattern declares. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const names: string[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) names.push(...boundNames(element.name));
  return names;
}

/** Variables a statement may assign, so a loop run once can forget what it may have changed. */
function assignedNames(statement: ts.Node): Set<string> {
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

function collectTargets(target: ts.Expression, names: Set<string>): void {
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
