import type { ArrayValue, FunctionValue, ObjectValue, Value } from '../../../../rules/core/values';
import { unknown } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { isUndefined } from './builtins';
import { Scope, joinValues } from './scope';
import type { ClassInfo, Closure, FunctionLike } from './types';
import { UNDEFINED, SK, parameterKey, type Frame, type Args } from './evaluator-base';
import { isClassValue, findMember, numericDefault, skipOuterExpressions } from './syntax';
import { CallEvaluator } from './calls';
import { addConfigLayers, functionalInstance, sequentialInstance, setFunctionalEnds } from './tfjs-api';

export { DEFAULT_LIMITS, parameterKey, type AnalysisHost, type Evaluation, type ParameterStandIns, type RunLimits, type UnitAbort } from './evaluator-base';

/**
 * Evaluates JavaScript and TypeScript symbolically, far enough to rebuild the tfjs models the code
 * creates: constants are folded, functions are called with their arguments, modules are followed
 * through imports, and anything that cannot be determined becomes an unknown value.
 *
 * The evaluator is built in layers, each in a file of its own: its state (evaluator-base.ts), modules,
 * statements, expressions, calls, and here classes and functions.
 */
/** The model class of tfjs a base class is (`tf.Sequential`, `tf.LayersModel`, however reached: `import { Sequential }`); undefined for any other. */
function modelBase(base: Value | undefined): 'Sequential' | 'LayersModel' | undefined {
  return base?.kind === 'tf' && (base.path === 'Sequential' || base.path === 'LayersModel') ? base.path : undefined;
}

/** The model class of tfjs the class extends, itself or through classes of the code's own. */
function extendedModel(info: ClassInfo): 'Sequential' | 'LayersModel' | undefined {
  for (let current: ClassInfo | undefined = info, depth = 0; current && depth < 32; depth++) {
    const base = modelBase(current.base);
    if (base) return base;
    current = current.base && isClassValue(current.base) ? (current.base.closure as ClassInfo) : undefined;
  }
  return undefined;
}

export class Interpreter extends CallEvaluator {
  // ---- classes -------------------------------------------------------------------------------

  protected makeClass(decl: ts.ClassLikeDeclaration, scope: Scope): FunctionValue {
    const heritage = decl.heritageClauses?.find((clause) => clause.token === SK.ExtendsKeyword)?.types[0];
    const base = heritage ? this.eval(heritage.expression, scope) : undefined;
    const name = decl.name?.text;
    const info: ClassInfo = { kind: 'class', decl, scope, module: this.frame().module, base, instances: [], ...(name ? { name } : {}) };
    const ofModule = this.classes.get(info.module);
    if (ofModule) ofModule.push(info);
    else this.classes.set(info.module, [info]);
    return { kind: 'function', name, span: this.span(decl), closure: info };
  }

  protected construct(info: ClassInfo, args: Args, site: ts.Node, unknownArgs: boolean): ObjectValue {
    const instance = this.newObject(info.name ?? 'anonymous class');
    // A class that extends code outside the analysis (such as tf.layers.Layer) may add anything.
    if (info.base && !isClassValue(info.base)) instance.complete = false;
    this.instanceClass.set(instance, info);
    // An instance of a class extending tf.Sequential is a sequential model made where it is: the
    // methods and members its classes do not define are the model's. One extending tf.LayersModel is
    // a functional model, whose inputs and outputs its constructor gives `super`.
    const model = extendedModel(info);
    if (model) this.instanceModel.set(instance, model === 'Sequential' ? sequentialInstance(this, site) : functionalInstance(this, site));
    this.initialise(info, instance, args, site, unknownArgs);
    return instance;
  }

  /** Runs field initialisers and the constructor of `info` (and, through `super`, of its bases). */
  protected initialise(info: ClassInfo, instance: ObjectValue, args: Args, site: ts.Node, unknownArgs: boolean): void {
    // An instance of a subclass is one of its base class too: the sweep does not make the base on its own.
    if (!info.instances.includes(instance)) info.instances.push(instance);
    const constructor = info.decl.members.find((member): member is ts.ConstructorDeclaration => ts.isConstructorDeclaration(member) && member.body !== undefined);
    const baseInfo = info.base && isClassValue(info.base) ? (info.base.closure as ClassInfo) : undefined;
    if (!baseInfo) this.initialiseFields(info, instance);
    if (constructor) {
      this.invoke(this.methodClosure(info, constructor), instance, args, site, unknownArgs);
    } else if (baseInfo) {
      this.initialise(baseInfo, instance, args, site, unknownArgs);
      this.initialiseFields(info, instance);
    } else {
      // A class without a constructor extending tfjs' model gives the model its arguments, as `super(...args)` does.
      this.configureModel(info, instance, unknownArgs ? unknown('the arguments of a call the analysis cannot see') : args.values[0]);
    }
  }

  protected initialiseFields(info: ClassInfo, instance: ObjectValue): void {
    const fields = info.decl.members.filter(
      (member): member is ts.PropertyDeclaration =>
        ts.isPropertyDeclaration(member) && !ts.getModifiers(member)?.some((modifier) => modifier.kind === SK.StaticKeyword),
    );
    if (fields.length === 0) return;
    this.frames.push({ module: info.module, thisValue: instance, returns: [], maybeReturned: false, loops: 0, testCode: info.module.test });
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

  protected callSuperConstructor(node: ts.CallExpression, scope: Scope): Value {
    const args = this.evalArgs(node.arguments, scope);
    const frame = this.frame();
    const info = frame.closure?.ownerClass;
    const instance = frame.thisValue;
    if (!info || instance.kind !== 'object') return UNDEFINED;
    if (info.base && isClassValue(info.base)) this.initialise(info.base.closure as ClassInfo, instance, args, node, false);
    this.configureModel(info, instance, args.values[0]);
    this.initialiseFields(info, instance);
    return UNDEFINED;
  }

  /**
   * The config a class extending tfjs' model gives the model's constructor: `super({ layers: [...] })`
   * of one extending tf.Sequential, the model's first layers; `super({ inputs, outputs })` of one
   * extending tf.LayersModel, the model's ends.
   */
  protected configureModel(info: ClassInfo, instance: ObjectValue, config: Value | undefined): void {
    const model = this.instanceModel.get(instance);
    const base = modelBase(info.base);
    if (model && base === 'Sequential') addConfigLayers(this, model.model, config);
    if (model && base === 'LayersModel') setFunctionalEnds(model.model, config);
  }

  protected callSuperMethod(callee: ts.PropertyAccessExpression | ts.ElementAccessExpression, node: ts.CallExpression, scope: Scope): Value {
    const args = this.evalArgs(node.arguments, scope);
    const info = this.frame().closure?.ownerClass;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const base = info?.base && isClassValue(info.base) ? (info.base.closure as ClassInfo) : undefined;
    const method = base && name ? findMember(base, name, (member) => ts.isMethodDeclaration(member)) : undefined;
    if (!method) return this.unknownCall(args, node, 'a method of a base class');
    return this.invoke(this.methodClosure(method.owner, method.member as ts.MethodDeclaration), this.frame().thisValue, args, node, false);
  }

  protected methodClosure(info: ClassInfo, member: ts.MethodDeclaration | ts.ConstructorDeclaration | ts.GetAccessorDeclaration): Closure {
    let byClass = this.methodClosures.get(member);
    if (!byClass) this.methodClosures.set(member, (byClass = new Map<ClassInfo, Closure>()));
    let closure = byClass.get(info);
    if (!closure) {
      closure = { kind: 'closure', decl: member, scope: info.scope, module: info.module, ownerClass: info, testCode: info.module.test };
      byClass.set(info, closure);
    }
    return closure;
  }

  // ---- functions -----------------------------------------------------------------------------

  /**
   * A call that is not followed may change the models it can reach: the models among its arguments
   * and `this` get a slot the analysis cannot read, so nothing is concluded from their layer lists.
   */
  protected skipCall(thisValue: Value, args: Args): void {
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

  protected makeClosure(decl: FunctionLike, scope: Scope, name: string | undefined, home?: ObjectValue): FunctionValue {
    const closure: Closure = {
      kind: 'closure',
      decl,
      scope,
      module: this.frame().module,
      testCode: this.inTestCode() || this.frame().module.test,
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

  protected invoke(closure: Closure, thisValue: Value, args: Args, site: ts.Node, unknownArgs: boolean): Value {
    const decl = closure.decl;
    if (!decl.body) return unknown('a function without a body');
    const expectedToThrow = this.throwExpected === decl;
    if (expectedToThrow) this.throwExpected = undefined;
    // Test code never supplies argument values to code outside the tests: a test that checks a guard
    // (`expect(() => createNet(0, 10)).toThrow()`) or builds a tiny model must not make the linter build
    // the library's model with those sizes and report what it finds there. The callee runs as the sweep
    // runs an uncalled function, with unknown arguments; what it builds still counts, since it does not
    // depend on the test's values. Calls within the tests keep their values.
    if (this.inTestCode() && !closure.testCode) unknownArgs = true;
    const calls = (this.callCounts.get(decl) ?? 0) + 1;
    if (this.callStack.length >= this.limits.maxCallDepth || calls > this.limits.maxCallsPerFunction || this.callStack.includes(decl)) {
      // A render loop calling itself from the frame it schedules does again what the analysis follows it doing: nothing unseen.
      if (!this.repeatsItself(decl, site)) this.skipCall(thisValue, args);
      return unknown('a call the analysis did not follow');
    }
    this.callCounts.set(decl, calls);
    this.entered.add(decl);
    const scope = new Scope(closure.scope);
    const repeated = this.repeatedCall(closure, site);
    const isAsync = ts.getModifiers(decl)?.some((modifier) => modifier.kind === SK.AsyncKeyword) === true;
    // A generator's body runs to the end at the call, which gives what iterating it gives (see
    // Frame.generator), unless it writes what the code iterating it reads between two yields.
    const generator = decl.asteriskToken && !isAsync ? { yields: [], complete: !writesOutside(decl), maybe: this.maybe, branch: this.branch } : undefined;
    const siteSpan = generator ? this.span(site) : undefined;
    const frame: Frame = {
      module: closure.module,
      thisValue: closure.lexicalThis ?? thisValue,
      returns: [],
      maybeReturned: false,
      closure,
      loops: 0,
      testCode: closure.testCode || expectedToThrow,
      ...(repeated ? { repeated } : {}),
      ...(generator ? { generator } : {}),
    };
    this.frames.push(frame);
    this.callStack.push(decl);
    const maybeBefore = this.maybe;
    try {
      this.bindParameters(decl, scope, args, unknownArgs, frame.thisValue, closure.name);
      let result: Value;
      if (ts.isBlock(decl.body)) {
        const completion = this.execStatements(decl.body.statements, scope);
        if (completion === 'return') result = joinValues(frame.returns, 'differs between returns');
        else if (frame.returns.length > 0) result = joinValues([...frame.returns, UNDEFINED], 'differs between returns');
        else result = UNDEFINED;
      } else {
        result = this.eval(decl.body, scope);
      }
      if (generator) {
        const yields: ArrayValue = { kind: 'array', elements: generator.yields, complete: generator.complete && !frame.maybeReturned, generator: true, ...(siteSpan ? { span: siteSpan } : {}) };
        return yields;
      }
      if (decl.asteriskToken) return unknown('an async generator');
      return isAsync ? { kind: 'promise', value: result.kind === 'promise' ? result.value : result } : result;
    } finally {
      this.maybe = maybeBefore;
      this.callStack.pop();
      this.frames.pop();
    }
  }

  protected bindParameters(decl: FunctionLike, scope: Scope, args: Args, unknownArgs: boolean, thisValue: Value, owner?: string): void {
    decl.parameters.forEach((parameter, index) => {
      const name = ts.isIdentifier(parameter.name) ? parameter.name.text : `parameter ${index + 1}`;
      let value: Value;
      if (parameter.dotDotDotToken) {
        value = unknownArgs ? unknown('rest parameters') : { kind: 'array', elements: args.values.slice(index), complete: true };
      } else if (unknownArgs) {
        const declared = numericDefault(parameter.initializer);
        value = { ...unknown(`the parameter ${name}`, undefined, name), parameter: { name, index, ...(owner ? { owner } : {}), span: this.span(parameter) }, ...(declared !== undefined ? { defaultValue: declared } : {}) };
      } else {
        value = args.values[index] ?? UNDEFINED;
        if (isUndefined(value) && parameter.initializer) value = this.eval(parameter.initializer, scope);
      }
      if (value.kind === 'unknown') value = this.standIns.get(parameterKey(this.span(parameter))) ?? value;
      this.bindPattern(parameter.name, value, scope, 'param');
      if (ts.isParameterPropertyDeclaration(parameter, parameter.parent) && thisValue.kind === 'object' && ts.isIdentifier(parameter.name)) {
        thisValue.props.set(parameter.name.text, { value, keySpan: this.span(parameter.name) });
      }
    });
  }
}

/**
 * Whether a generator's body assigns anything but its own variables (a variable around it, a
 * property): running the body to the end at the call would show the code iterating it the last
 * value, where each pass of its loop sees the value of its own yield.
 */
function writesOutside(decl: FunctionLike): boolean {
  const own = new Set<string>();
  const declare = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) own.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declare(element.name);
  };
  for (const parameter of decl.parameters) declare(parameter.name);
  let writes = false;
  const isOwn = (target: ts.Expression): boolean => {
    const node = skipOuterExpressions(target);
    return ts.isIdentifier(node) && own.has(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (writes) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= SK.FirstAssignment && node.operatorToken.kind <= SK.LastAssignment && !ts.isObjectLiteralExpression(node.left) && !ts.isArrayLiteralExpression(node.left) && !isOwn(node.left)) writes = true;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === SK.PlusPlusToken || node.operator === SK.MinusMinusToken) && !isOwn(node.operand)) writes = true;
    ts.forEachChild(node, visit);
  };
  // Declarations first (a `var` or a function may be declared after its first write), then writes.
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node)) declare(node.name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) own.add(node.name.text);
    ts.forEachChild(node, collect);
  };
  if (decl.body) {
    collect(decl.body);
    visit(decl.body);
  }
  return writes;
}
