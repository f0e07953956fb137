import { containsSpan } from '../../../../rules/core/span';
import type { TensorValue, Value } from '../../../../rules/core/values';
import { unknown } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { arrayElement, isUndefined, truthiness } from './builtins';
import { undisposedTensor } from './tensor-lifetime';
import { BranchLog, type BranchState, type BindingKind, Scope, joinValues } from './scope';
import type { Completion } from './types';
import { UNDEFINED, SK } from './evaluator-base';
import { assignedNames, withDeclaredDefault } from './syntax';
import { ModuleEvaluator } from './modules';

/**
 * Statements: declarations and bindings, branches explored one after the other and joined, loops
 * unrolled when their iterations can be counted, try and switch.
 */
export abstract class StatementEvaluator extends ModuleEvaluator {
  // ---- statements ----------------------------------------------------------------------------


  protected execStatements(statements: readonly ts.Statement[], scope: Scope): Completion {
    this.hoist(statements, scope);
    for (const statement of statements) {
      const completion = this.exec(statement, scope);
      if (completion !== 'normal') return completion;
    }
    return 'normal';
  }

  /** Function declarations exist before the statements of their block run. */
  protected hoist(statements: readonly ts.Statement[], scope: Scope): void {
    for (const statement of statements) {
      if (ts.isFunctionDeclaration(statement) && statement.body) {
        const name = statement.name?.text ?? '*default*';
        scope.declare(name, { value: this.makeClosure(statement, scope, name), kind: 'function', level: this.maybe });
      }
    }
  }

  protected exec(statement: ts.Statement, scope: Scope): Completion {
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
      case SK.ForOfStatement:
      case SK.ForInStatement:
      case SK.WhileStatement:
      case SK.DoStatement:
        return this.execLoop(statement as ts.IterationStatement, scope);
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

  protected declareVariables(list: ts.VariableDeclarationList, scope: Scope): void {
    const kind: BindingKind = list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : 'var';
    for (const declaration of list.declarations) {
      const value = declaration.initializer ? this.eval(declaration.initializer, scope) : UNDEFINED;
      if (value.kind === 'tensor' && declaration.initializer && !this.inTidy()) this.noteLeakedTensor(declaration, declaration.initializer, value);
      this.bindPattern(declaration.name, value, scope, kind);
    }
  }

  /**
   * A tensor stored in a variable by code that runs again and again (a loop body, a frame callback):
   * reported when the block never frees it.
   */
  protected noteLeakedTensor(declaration: ts.VariableDeclaration, initializer: ts.Expression, value: TensorValue): void {
    const repeats = this.repetition(declaration);
    if (!repeats) return;
    const span = this.span(initializer);
    // Only a tensor this expression makes: a variable holding an older tensor owns nothing new.
    if (!containsSpan(span, value.span)) return;
    const leak = undisposedTensor(declaration);
    if (!leak) return;
    this.builder.leak({
      kind: 'leakedTensor',
      span,
      repeats,
      testCode: this.inTestCode(),
      name: (declaration.name as ts.Identifier).text,
      ...(leak.dispose ? { dispose: { statement: this.span(leak.dispose.statement), before: leak.dispose.before } } : {}),
      order: this.builder.next(),
    });
  }

  protected bindPattern(name: ts.BindingName, value: Value, scope: Scope, kind: BindingKind): void {
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
        else member = withDeclaredDefault(member, element.initializer);
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
      else member = withDeclaredDefault(member, element.initializer);
      this.bindPattern(element.name, member, scope, kind);
    });
  }

  /** Remembers the variable a model or layer was first stored in, for messages. */
  protected nameValue(value: Value, name: string): void {
    // An instance of a class extending tf.Sequential names its model.
    const model = value.kind === 'model' ? value.model : value.kind === 'object' ? this.instanceModel.get(value)?.model : undefined;
    if (model && model.name === undefined) model.name = name;
    else if (value.kind === 'layer' && value.layer.name === undefined) value.layer.name = name;
  }

  protected execIf(statement: ts.IfStatement, scope: Scope): Completion {
    const condition = truthiness(this.eval(statement.expression, scope));
    const thenBranch = (): Completion => this.exec(statement.thenStatement, new Scope(scope));
    const elseBranch = (): Completion => (statement.elseStatement ? this.exec(statement.elseStatement, new Scope(scope)) : 'normal');
    if (condition === true) return thenBranch();
    if (condition === false) return elseBranch();
    return this.branches([thenBranch, elseBranch]);
  }

  /** Runs alternatives from the same state, then continues with the join of those that fall through. */
  protected branches(alternatives: readonly (() => Completion)[]): Completion {
    const log = new BranchLog(this.birthCount());
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
  protected markMaybeReturned(): void {
    const frame = this.frame();
    if (frame.maybeReturned) return;
    frame.maybeReturned = true;
    this.enterMaybe();
  }

  /** Runs a loop statement, and notes it as a training loop when the model trained while it ran. */
  protected execLoop(statement: ts.IterationStatement, scope: Scope): Completion {
    const before = this.builder.trainingSteps;
    this.activeLoops.push(statement);
    try {
      return ts.isForStatement(statement)
        ? this.execFor(statement, scope)
        : ts.isForOfStatement(statement)
          ? this.execForOf(statement, scope)
          : this.execOtherLoop(statement as ts.ForInStatement | ts.WhileStatement | ts.DoStatement, scope);
    } finally {
      this.activeLoops.pop();
      if (this.builder.trainingSteps !== before) this.builder.event({ kind: 'trainingLoop', span: this.span(statement), order: this.builder.next() });
    }
  }

  protected execFor(statement: ts.ForStatement, scope: Scope): Completion {
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

  protected execOtherLoop(statement: ts.ForInStatement | ts.WhileStatement | ts.DoStatement, scope: Scope): Completion {
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
  protected unroll(statement: ts.IterationStatement, scope: Scope, condition: () => boolean | undefined, body: () => Completion): Completion {
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
  protected loopOnce(statement: ts.IterationStatement, scope: Scope, body: () => Completion): Completion {
    const assigned = assignedNames(statement);
    this.havoc(assigned, scope);
    this.enterMaybe();
    this.loop++;
    this.frame().loops++;
    this.enterLoopPass();
    let completion: Completion;
    try {
      completion = body();
    } finally {
      this.leaveLoopPass();
      this.maybe--;
      this.loop--;
      this.frame().loops--;
    }
    this.havoc(assigned, scope);
    if (completion === 'return') this.markMaybeReturned();
    return 'normal';
  }

  protected havoc(names: ReadonlySet<string>, scope: Scope): void {
    for (const name of names) {
      const binding = scope.lookup(name);
      if (binding && !binding.resolve) this.writeBinding(binding, unknown('changed in a loop'), true);
    }
  }

  protected execForOf(statement: ts.ForOfStatement, scope: Scope): Completion {
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

  protected bindLoopVariable(initializer: ts.ForInitializer, value: Value, scope: Scope): void {
    if (ts.isVariableDeclarationList(initializer)) {
      const declaration = initializer.declarations[0];
      if (declaration) this.bindPattern(declaration.name, value, scope, 'let');
    } else {
      this.assign(initializer, value, scope);
    }
  }

  protected execTry(statement: ts.TryStatement, scope: Scope): Completion {
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

  protected execSwitch(statement: ts.SwitchStatement, scope: Scope): Completion {
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

}
