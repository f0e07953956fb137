import * as path from 'node:path';
import type { ObjectValue, Property, Value } from '../../../../rules/core/values';
import { unknown } from '../../../../rules/core/values';
import { isRelativeSpecifier, isTfjsPackage, relativeImports, resolveRelative } from '../resolve';
import type { PageHandler, PageScript } from '../html/page';
import { handlerStatementStart } from '../html/program-text';
import type { ParsedFile } from '../source';
import { ts } from '../typescript';
import { type Evaluation, moduleUnit, functionUnit, abortReason, UNDEFINED, SK, EvaluatorBase } from './evaluator-base';
import { Scope } from './scope';
import type { ClassInfo, Closure, ModuleRecord } from './types';
import { boundNames, declarationName } from './syntax';

/**
 * Modules and their interop: loading and running modules in ES module order, imports and exports,
 * `require`, and the sweep that runs the functions of an entry nothing called.
 */
export abstract class ModuleEvaluator extends EvaluatorBase {
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
    this.runListeners();
    for (const record of this.sweepOrder(records)) this.sweep(record);
    return { graph: this.builder, files: this.files, aborts: this.aborts, options: { parsed: this.commandLine.parsed, read: this.commandLine.read }, page: { fields: this.pageFields.read, lists: this.pageFields.lists } };
  }

  // ---- modules -------------------------------------------------------------------------------


  protected loadModule(file: string): ModuleRecord | undefined {
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
      test: this.isTest(file),
      status: 'new',
    };
    this.modules.set(file, record);
    return record;
  }

  /** The parsed file; a parser that throws (on code nested too deeply for it) stops the module's unit. */
  protected parseModule(file: string): ParsedFile | undefined {
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
  protected executeModule(record: ModuleRecord): void {
    if (record.status !== 'new') return;
    const order = this.linkOrder(record);
    for (const module of order) module.status = 'running';
    for (const module of order) this.runModuleBody(module);
  }

  /** `root` and the modules it imports, directly or not, that have not run: imports first. */
  protected linkOrder(root: ModuleRecord): ModuleRecord[] {
    const order: ModuleRecord[] = [];
    const visited = new Set<ModuleRecord>([root]);
    const stack = [{ record: root, targets: this.importedFiles(root), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.targets.length) {
        const target = this.loadModule(top.targets[top.next++]!);
        if (target) this.noteLoad(top.record, target);
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
  protected importedFiles(record: ModuleRecord): string[] {
    return relativeImports(record.parsed.text).flatMap((specifier) => resolveRelative(record.file, specifier, (candidate) => this.host.exists(candidate)) ?? []);
  }

  protected runModuleBody(record: ModuleRecord): void {
    this.unit(moduleUnit(record.file), record.file, () => {
      this.frames.push({ module: record, thisValue: UNDEFINED, returns: [], maybeReturned: false, loops: 0, testCode: record.test });
      try {
        const scripts = record.parsed.scripts;
        if (scripts) {
          this.runPageScripts(record, scripts, record.parsed.handlers ?? []);
        } else {
          this.declareModule(record);
          this.execStatements(record.parsed.sourceFile.statements, record.scope);
        }
      } finally {
        this.frames.pop();
      }
    });
    record.status = 'done';
  }

  /**
   * The inline scripts of an HTML page, as a browser runs them. The classic scripts run first, in
   * document order, in one scope, the page's global one: a model made in one script is there for
   * the scripts after it (and for the functions of any script, called later). The module scripts run
   * after them (a browser defers them until the page is parsed), in document order, each in a scope
   * of its own inside the global one. A script that throws stops alone: the next one still runs.
   * An event handler's code is a function of the global scope that only its event calls: it is made
   * where it is written, among the classic scripts, and run as functions nothing calls are.
   */
  protected runPageScripts(record: ModuleRecord, scripts: readonly PageScript[], handlers: readonly PageHandler[]): void {
    const statements = record.parsed.sourceFile.statements;
    const sourceFile = record.parsed.sourceFile;
    // Each statement starts inside the script it belongs to, or just before the handler whose
    // function it makes; the separators between scripts (programText) start in none and are left out.
    const statementsIn = (from: number, to: number): ts.Statement[] =>
      statements.filter((statement) => {
        const start = statement.getStart(sourceFile);
        return from <= start && start < to;
      });
    const statementsOf = (script: PageScript): ts.Statement[] => statementsIn(script.start, script.end);
    const classic = [
      ...scripts.filter((script) => script.kind === 'classic').map((script) => ({ at: script.start, body: () => statementsOf(script) })),
      ...handlers.map((handler) => ({ at: handler.start, body: () => statementsIn(handlerStatementStart(handler), handler.start) })),
    ].sort((a, b) => a.at - b.at);
    for (const piece of classic) this.execStatements(piece.body(), record.scope);
    for (const script of scripts) {
      if (script.kind !== 'module') continue;
      const scope = new Scope(record.scope);
      const body = statementsOf(script);
      for (const statement of body) if (ts.isImportDeclaration(statement)) this.declareImport(record, statement, scope);
      this.execStatements(body, scope);
    }
  }

  protected resolveModule(from: ModuleRecord, specifier: string): ModuleRecord | undefined {
    if (!isRelativeSpecifier(specifier)) return undefined;
    const file = resolveRelative(from.file, specifier, (candidate) => this.host.exists(candidate));
    const target = file ? this.loadModule(file) : undefined;
    if (target) this.noteLoad(from, target);
    return target;
  }

  /** Which files each file loads (imports or requires), for the sweep's order. */
  private readonly moduleLoads = new Map<string, Set<string>>();

  private noteLoad(from: ModuleRecord, target: ModuleRecord): void {
    const loads = this.moduleLoads.get(from.file);
    if (loads) loads.add(target.file);
    else this.moduleLoads.set(from.file, new Set([target.file]));
  }

  /** Binds imports (running the imported modules first, as ES modules do) and notes what is exported. */
  protected declareModule(record: ModuleRecord): void {
    for (const statement of record.parsed.sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) this.declareImport(record, statement);
      else if (ts.isImportEqualsDeclaration(statement)) this.declareImportEquals(record, statement);
      else if (ts.isExportDeclaration(statement)) this.declareExportDeclaration(record, statement);
      else this.declareExportedDeclaration(record, statement);
    }
  }

  /** Binds an import's names in `scope`: the module's own, or that of the module script of a page it is written in. */
  protected declareImport(record: ModuleRecord, statement: ts.ImportDeclaration, scope = record.scope): void {
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly || !ts.isStringLiteral(statement.moduleSpecifier)) return;
    const specifier = statement.moduleSpecifier.text;
    const bind = (name: string, value: () => Value): void =>
      scope.declare(name, { value: UNDEFINED, kind: 'import', level: 0, resolve: value });
    /** Binds the default and namespace imports to the package itself, and each named one to `member` of it. */
    const bindPackage = (whole: Value, member: (importedName: string, element: ts.ImportSpecifier) => Value): void => {
      if (clause.name) bind(clause.name.text, () => whole);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bind(named.name.text, () => whole);
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) {
          if (element.isTypeOnly) continue;
          const importedName = (element.propertyName ?? element.name).text;
          bind(element.name.text, () => member(importedName, element));
        }
      }
    };
    if (isTfjsPackage(specifier)) {
      bindPackage({ kind: 'tf', path: '' }, (importedName) => ({ kind: 'tf', path: importedName }));
      return;
    }
    // A command-line parsing library: its parsers are read (command-line.ts).
    const parsing = this.commandLine.module(specifier, this.span(statement));
    if (parsing) {
      bindPackage(parsing, (importedName, element) => this.commandLine.member(parsing, importedName, this.span(element)) ?? unknown(`${importedName} comes from ${specifier}`));
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

  protected declareImportEquals(record: ModuleRecord, statement: ts.ImportEqualsDeclaration): void {
    const reference = statement.moduleReference;
    if (!ts.isExternalModuleReference(reference) || !ts.isStringLiteral(reference.expression)) return;
    const specifier = reference.expression.text;
    record.scope.declare(statement.name.text, { value: UNDEFINED, kind: 'import', level: 0, resolve: () => this.requireModule(record, specifier) });
  }

  protected declareExportDeclaration(record: ModuleRecord, statement: ts.ExportDeclaration): void {
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

  protected declareExportedDeclaration(record: ModuleRecord, statement: ts.Statement): void {
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

  protected getExport(record: ModuleRecord, name: string, seen = new Set<ModuleRecord>()): Value {
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

  protected hasExport(record: ModuleRecord, name: string): boolean {
    return record.exports.has(name) || record.stars.some((file) => {
      const target = this.modules.get(file);
      return target ? target.exports.has(name) : false;
    });
  }

  protected namespaceObject(record: ModuleRecord): Value {
    this.executeModule(record);
    const props = new Map<string, Property>();
    for (const name of record.exports.keys()) props.set(name, { value: this.getExport(record, name) });
    return { kind: 'object', props, complete: record.stars.length === 0 };
  }

  /** What `import(specifier)` gives once it settles: the module's namespace (tfjs itself for a tfjs package); a CommonJS module's exports are its `default`. */
  protected importModule(record: ModuleRecord, specifier: string): Value {
    if (isTfjsPackage(specifier)) return { kind: 'tf', path: '' };
    const target = this.resolveModule(record, specifier);
    if (!target) return unknown(`the module ${specifier}`);
    this.executeModule(target);
    if (target.exports.size > 0 || target.stars.length > 0) return this.namespaceObject(target);
    const exported = target.moduleObject.props.get('exports')?.value;
    return exported ? { kind: 'object', props: new Map([['default', { value: exported }]]), complete: false } : unknown(`the exports of ${specifier}`);
  }

  protected requireModule(record: ModuleRecord, specifier: string): Value {
    if (isTfjsPackage(specifier)) return { kind: 'tf', path: '' };
    const parsing = this.commandLine.module(specifier, undefined);
    if (parsing) return parsing;
    const target = this.resolveModule(record, specifier);
    if (!target) return unknown(`the module ${specifier}`);
    this.executeModule(target);
    const exported = target.moduleObject.props.get('exports')?.value;
    if (target.exports.size > 0 && exported?.kind === 'object' && exported.props.size === 0) return this.namespaceObject(target);
    return exported ?? unknown(`the exports of ${specifier}`);
  }

  // ---- functions never called --------------------------------------------------------------

  /**
   * The entries in the order the sweep runs their functions: a file before the files it loads,
   * directly or not. A function of it that nothing calls may call theirs with the values it has
   * (`lstm.create([64], 5)`), which is how they run; their sweep then leaves them be, as called.
   * Files that load each other keep the entries' order.
   */
  private sweepOrder(records: readonly ModuleRecord[]): ModuleRecord[] {
    if (records.length < 2) return [...records];
    // The entries each entry reaches through the files it loads: one walk per entry.
    const index = new Map(records.map((record, position) => [record.file, position]));
    const reached = records.map((record) => {
      const seen = new Set([record.file]);
      const found = new Set<number>();
      const pending = [record.file];
      while (pending.length > 0) {
        for (const next of this.moduleLoads.get(pending.pop()!) ?? []) {
          if (seen.has(next)) continue;
          seen.add(next);
          pending.push(next);
          const position = index.get(next);
          if (position !== undefined) found.add(position);
        }
      }
      return found;
    });
    // An entry waits for the entries that reach it and that it does not reach back; of those ready, the first in the entries' order goes.
    const waits = records.map((_, position) => reached.filter((set, other) => other !== position && set.has(position) && !reached[position]!.has(other)).length);
    const order: ModuleRecord[] = [];
    const done = new Set<number>();
    while (order.length < records.length) {
      const next = waits.findIndex((count, position) => count === 0 && !done.has(position));
      // Only a cycle the rule above leaves (it does not) could stop it; the entries' order then goes on.
      const position = next >= 0 ? next : records.findIndex((_, other) => !done.has(other));
      done.add(position);
      order.push(records[position]!);
      for (const other of reached[position]!) if (!reached[other]!.has(position)) waits[other]!--;
    }
    return order;
  }

  /**
   * Runs the entry file's functions and class methods that its own code never called (event
   * handlers, exported factories), with unknown arguments, so that models built there are found.
   */
  protected sweep(entry: ModuleRecord): void {
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
  protected sweepUnit(entry: ModuleRecord, decl: ts.Node, body: () => void): void {
    const key = functionUnit(entry.file, decl);
    if (this.opaque.has(key)) {
      // As if it had run, so that later rounds do not come back to it.
      this.entered.add(decl);
      return;
    }
    this.unit(key, entry.file, () => {
      this.unseenCallers++;
      try {
        body();
      } finally {
        this.unseenCallers--;
      }
    });
    this.runListeners();
  }

  /**
   * Runs the event listeners registered so far (and those they register), each as a unit of its
   * own, as the platform does once the code that registered them has finished: a listener reads the
   * variables the module declares after the registration (`trainButton.addEventListener('click', ...)`
   * above `const model = ...`) with their values.
   */
  protected runListeners(): void {
    for (let next = this.listeners.shift(); next; next = this.listeners.shift()) {
      const { fn, site } = next;
      const closure = fn.closure as Closure;
      const key = `listener:${functionUnit(closure.module.file, closure.decl)}`;
      // As if it had run: the sweep does not come back to it under a key of its own.
      this.entered.add(closure.decl);
      if (this.opaque.has(key)) continue;
      this.unit(key, closure.module.file, () => this.callMaybe(fn, undefined, site));
    }
  }

  protected callMaybeClosure(closure: Closure, thisValue: Value, site: ts.Node): void {
    const name = closure.name ?? declarationName(closure.decl);
    this.runMaybe(() => this.invoke(closure, thisValue, { values: [], spans: [] }, site, true), { decl: closure.decl, ...(name !== undefined ? { name } : {}) });
  }

}
