import { configEntry, configFlag, configValue } from '../../../../rules/core/config';
import type { CompileNode, FitNode, LayerNode, ModelNode } from '../../../../rules/core/graph';
import { containsSpan, type Span } from '../../../../rules/core/span';
import { TENSOR_OPS } from '../../../../rules/core/tfjs';
import type { ModelValue, TensorValue, TfObjectValue, Value } from '../../../../rules/core/values';
import { primitive, unknown } from '../../../../rules/core/values';
import { ts } from '../typescript';
import { callbackObjects, trainingHooks } from './repeated-calls';
import type { CallSite, EvaluatorHost } from './types';

/**
 * What TensorFlow.js calls do, as far as the model graph cares: which ones build layers and models,
 * which record training, which compute tensors.
 */

const UNDEFINED = primitive(undefined);

/** Namespaces whose functions return tensors (`tf.image.resizeBilinear`, `tf.browser.fromPixels`, ...). */
const TENSOR_NAMESPACES = new Set(['browser', 'image', 'linalg', 'node', 'signal', 'spectral']);
const FACTORY_NAMESPACES = new Set(['constraints', 'initializers', 'regularizers', 'train']);
/** Functions that run their function argument right away. */
const RUNS_CALLBACK_NOW = new Set(['tidy', 'profile', 'time']);
/** Functions that take the gradient of their function argument. */
const TAKES_GRADIENT = new Set(['variableGrads', 'valueAndGrads', 'valueAndGrad', 'grads', 'grad', 'customGrad']);

function tensor(host: EvaluatorHost, site: CallSite, op: string, args: readonly Value[], argSpans: readonly (Span | undefined)[], extra: Partial<Omit<TensorValue, 'facts'>> = {}): TensorValue {
  const gradient = host.currentGradient();
  return host.builder.tensor({ kind: 'tensor', op, args, argSpans, span: host.span(site.node), ...(gradient ? { inGradient: true, gradient } : {}), ...extra });
}

/** Whether the code waits for the promise a call returns: `await call`, `call.then(...)`, or not at all. */
function awaitedness(node: ts.Node): 'yes' | 'no' | 'unknown' {
  let current: ts.Node = node;
  let parent = node.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent))) {
    current = parent;
    parent = parent.parent;
  }
  if (!parent) return 'unknown';
  if (ts.isAwaitExpression(parent)) return 'yes';
  if (ts.isPropertyAccessExpression(parent) && parent.expression === current && /^(then|catch|finally)$/.test(parent.name.text)) return 'yes';
  if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return 'no';
  return 'unknown';
}

function tfObject(host: EvaluatorHost, site: CallSite, path: string): TfObjectValue {
  const object: TfObjectValue = {
    kind: 'tfObject',
    path,
    args: site.args,
    argSpans: site.argSpans,
    span: host.span(site.node),
    ...(host.inLoopHere() ? { inLoop: true } : {}),
  };
  return path.startsWith('train.') ? host.builder.optimizer(object) : object;
}

/** A call of a function of the tfjs namespace, by its path under `tf` (`layers.dense`, `sequential`). */
export function callTf(host: EvaluatorHost, path: string, site: CallSite): Value {
  const args = site.args;
  switch (path) {
    case 'sequential':
      return createSequential(host, site);
    case 'model':
      return createFunctional(host, site);
    case 'input':
    // tf.layers.input is tf.input under another name.
    case 'layers.input':
      return { kind: 'symbolic', inputConfig: args[0] ?? UNDEFINED, span: host.span(site.node) };
    case 'loadLayersModel':
    case 'models.modelFromJSON': {
      const model = host.builder.model('loaded', host.span(site.node), host.context(), host.runningFiles());
      model.incomplete.push('the model is loaded at run time');
      return { kind: 'promise', value: { kind: 'model', model } };
    }
    case 'keep':
      return args[0] ?? UNDEFINED;
    case 'util.shuffle':
    case 'util.shuffleCombo':
      // Shuffled in place: the order of the elements is no longer known.
      args.forEach((arg, index) => {
        if (arg.kind === 'array') {
          arg.complete = false;
          delete arg.segments;
        }
        // A dataset has no length: the shuffle loop never runs.
        if (arg.kind === 'tfObject' && arg.path.startsWith('data.')) {
          host.builder.event({ kind: 'utilShuffle', span: host.span(site.node), dataset: arg, datasetSpan: site.argSpans[index], order: host.builder.next() });
        }
      });
      return UNDEFINED;
    case 'dispose':
    case 'disposeVariables':
      return UNDEFINED;
  }
  if (RUNS_CALLBACK_NOW.has(path) || TAKES_GRADIENT.has(path)) {
    const fn = args.find((arg) => arg.kind === 'function');
    if (!fn) return unknown(`tf.${path} without a function`);
    if (TAKES_GRADIENT.has(path)) {
      // Only variableGrads differentiates with respect to the weights; the others with respect to the
      // function's own arguments, and return a function that is called later with them.
      const varList = path === 'variableGrads' ? args[1] : undefined;
      const gradient = host.builder.gradient({
        api: `tf.${path}`,
        span: host.span(site.node),
        wrt: path === 'variableGrads' ? 'variables' : 'inputs',
        ...(varList ? { varList } : {}),
      });
      host.callForGradient(fn, site.node, gradient, true);
      return unknown(`the result of tf.${path}`);
    }
    if (path === 'tidy' && fn.kind === 'function' && fn.async) host.builder.event({ kind: 'asyncTidy', span: host.span(site.node), order: host.builder.next() });
    return path === 'tidy' ? host.callInTidy(fn, site.node) : (host.callMaybe(fn, undefined, site.node), unknown(`the result of tf.${path}`));
  }
  const dot = path.indexOf('.');
  const namespace = dot < 0 ? '' : path.slice(0, dot);
  const name = dot < 0 ? path : path.slice(dot + 1);
  if (namespace === 'layers' && /^[a-z]/.test(name)) {
    const layer = host.builder.layer(name, args[0] ?? UNDEFINED, host.span(site.node), host.context());
    return { kind: 'layer', layer };
  }
  if (namespace === 'losses' || namespace === 'metrics') return tensor(host, site, path, args, site.argSpans);
  if (FACTORY_NAMESPACES.has(namespace)) return tfObject(host, site, path);
  if (namespace === 'data') {
    for (const arg of args) if (arg.kind === 'function') host.callMaybe(arg, undefined, site.node);
    return tfObject(host, site, path);
  }
  if (TENSOR_NAMESPACES.has(namespace)) return tensor(host, site, path, args, site.argSpans);
  if (namespace === '' && TENSOR_OPS.has(name)) return tensor(host, site, name, args, site.argSpans);
  for (const arg of args) if (arg.kind === 'function') host.callMaybe(arg, undefined, site.node);
  return unknown(`the result of tf.${path}`);
}

function createSequential(host: EvaluatorHost, site: CallSite): ModelValue {
  const model = host.builder.model('sequential', host.span(site.node), host.context(), host.runningFiles());
  addConfigLayers(host, model, site.args[0]);
  return { kind: 'model', model };
}

/**
 * The sequential model an instance of a class extending `tf.Sequential` is, made where the instance
 * is (`new Policy()`); its constructor's `super(config)` gives it the layers of its config.
 */
export function sequentialInstance(host: EvaluatorHost, node: ts.Node): ModelValue {
  return { kind: 'model', model: host.builder.model('sequential', host.span(node), host.context(), host.runningFiles()) };
}

/** The layers of a `tf.sequential` config (`{ layers: [...] }`), added to the model; none when it has no `layers`. */
export function addConfigLayers(host: EvaluatorHost, model: ModelNode, config: Value | undefined): void {
  const entry = configEntry(config, 'layers');
  if (entry.state === 'unknown') {
    host.builder.addSlot(model, { layer: undefined, span: model.span, conditional: false, repeated: false });
  } else if (entry.state === 'present') {
    const layers = entry.value;
    if (layers.kind === 'array') {
      // In a list that is not fully known, the known layers' positions are not certain either.
      for (const element of layers.elements) {
        const span = element.kind === 'layer' ? element.layer.span : (element.span ?? model.span);
        host.builder.addSlot(model, { layer: element.kind === 'layer' ? element.layer : undefined, span, conditional: !layers.complete, repeated: false });
      }
      if (!layers.complete) host.builder.addSlot(model, { layer: undefined, span: model.span, conditional: false, repeated: false });
    } else {
      host.builder.addSlot(model, { layer: undefined, span: model.span, conditional: false, repeated: false });
    }
  }
}

function createFunctional(host: EvaluatorHost, site: CallSite): ModelValue {
  const made = functionalInstance(host, site.node);
  setFunctionalEnds(made.model, site.args[0]);
  return made;
}

/** A functional model made at `node`, whose inputs and outputs are not known until its config is read (see setFunctionalEnds). */
export function functionalInstance(host: EvaluatorHost, node: ts.Node): ModelValue {
  const model = host.builder.model('functional', host.span(node), host.context(), host.runningFiles());
  model.outputs = unknown('the model outputs are not known');
  model.inputs = unknown('the model inputs are not known');
  return { kind: 'model', model };
}

/** The inputs and outputs of a functional model, from its config (`tf.model({ inputs, outputs })`, `super({ inputs, outputs })`). */
export function setFunctionalEnds(model: ModelNode, config: Value | undefined): void {
  model.outputs = configValue(config, 'outputs') ?? unknown('the model outputs are not known');
  model.inputs = configValue(config, 'inputs') ?? unknown('the model inputs are not known');
}

function addLayer(host: EvaluatorHost, model: ModelNode, site: CallSite): Value {
  const value = site.args[0] ?? UNDEFINED;
  const since = host.builder.creationOf(model);
  const conditional = host.conditionalSince(since);
  const uncalled = conditional ? host.uncalledRunSince(since) : undefined;
  host.builder.addSlot(model, {
    layer: value.kind === 'layer' ? value.layer : undefined,
    span: host.span(site.node),
    conditional,
    repeated: host.repeatedSince(since),
    ...(uncalled ? { uncalled } : {}),
  });
  return UNDEFINED;
}

function compile(host: EvaluatorHost, model: ModelNode, site: CallSite): Value {
  const config = site.args[0] ?? UNDEFINED;
  const node: CompileNode = {
    span: host.span(site.node),
    order: host.builder.next(),
    config,
    conditional: host.conditionalSince(host.builder.creationOf(model)),
  };
  host.builder.addCompile(model, node);
  const loss = configValue(config, 'loss');
  const losses = loss?.kind === 'array' ? loss.elements : loss?.kind === 'object' ? [...loss.props.values()].map((p) => p.value) : loss ? [loss] : [];
  for (const fn of losses) {
    if (fn.kind !== 'function' && !(fn.kind === 'tf' && fn.path.startsWith('losses.'))) continue;
    // A custom loss receives the labels and the model's predictions for them.
    const labels = host.builder.tensor({ kind: 'tensor', op: 'labels', args: [], argSpans: [], span: node.span, role: 'labels', model });
    const predictions = host.builder.tensor({ kind: 'tensor', op: 'predict', args: [], argSpans: [], span: node.span, role: 'predictions', model });
    const gradient = host.builder.gradient({ api: 'model.compile', span: node.span, wrt: 'variables', model });
    if (fn.kind === 'function') {
      host.callForGradient(fn, site.node, gradient, true, [labels, predictions]);
    } else {
      // A tf.losses function given as the loss: tfjs calls it as lossFn(labels, predictions), so it is
      // that call, made where the function is named.
      const where = fn.span ?? lossSpanOf(config) ?? node.span;
      host.builder.tensor({ kind: 'tensor', op: fn.path, args: [labels, predictions], argSpans: [undefined, where], span: where, inGradient: true, gradient });
    }
  }
  return UNDEFINED;
}

/** Where the `loss` of a compile config is written. */
function lossSpanOf(config: Value): Span | undefined {
  const entry = configEntry(config, 'loss');
  return entry.state === 'present' ? (entry.property.valueSpan ?? entry.value.span) : undefined;
}

function fit(host: EvaluatorHost, model: ModelNode, method: FitNode['method'], site: CallSite): Value {
  const [first, second, third] = site.args;
  const config = (method === 'fitDataset' ? second : method === 'fit' ? third : undefined) ?? UNDEFINED;
  const node: FitNode = {
    method,
    span: host.span(site.node),
    order: host.builder.next(),
    awaited: awaitedness(site.node),
    x: first ?? UNDEFINED,
    y: method === 'fitDataset' ? undefined : (second ?? UNDEFINED),
    config,
    compile: model.compiles.at(-1),
    conditional: host.conditionalSince(host.builder.creationOf(model)),
    repeated: host.repeatedSince(host.builder.creationOf(model)),
  };
  host.builder.addFit(model, node);
  runCallbacks(host, configValue(config, 'callbacks'), site);
  return { kind: 'promise', value: unknown('the training history') };
}

/** Runs the functions of a `callbacks` option (an object of hooks, or a list of them) as maybe-called. */
function runCallbacks(host: EvaluatorHost, callbacks: Value | undefined, site: CallSite): void {
  for (const object of callbackObjects(callbacks)) {
    for (const { fn, hook, span } of trainingHooks(object)) host.registerRepeated(fn, 'training', hook, span ?? host.span(site.node));
    for (const property of object.props.values()) {
      if (property.value.kind === 'function') host.callMaybe(property.value, undefined, site.node);
    }
  }
}

function isSymbolic(value: Value | undefined): boolean {
  if (!value) return false;
  if (value.kind === 'symbolic') return true;
  return value.kind === 'array' && value.elements.length > 0 && value.elements.every((element) => element.kind === 'symbolic');
}

/**
 * Test code that compiles, trains or extends a model built by code outside the tests: the model is
 * treated as handed to code the analysis does not follow, so that what the test does with it does not
 * end up in findings about the library that built it.
 */
function foreignChange(host: EvaluatorHost, model: ModelNode): boolean {
  if (!host.foreignChange(host.builder.creationOf(model))) return false;
  model.escaped = true;
  return true;
}

export function callModelMethod(host: EvaluatorHost, model: ModelNode, name: string, site: CallSite): Value {
  if ((name === 'add' || name === 'compile' || name === 'fit' || name === 'fitDataset' || name === 'trainOnBatch') && foreignChange(host, model)) {
    if (name === 'add') host.builder.addSlot(model, { layer: undefined, span: model.span, conditional: true, repeated: false });
    return name === 'add' || name === 'compile' ? UNDEFINED : { kind: 'promise', value: unknown(`the result of model.${name}`) };
  }
  switch (name) {
    case 'add':
      return addLayer(host, model, site);
    case 'compile':
      return compile(host, model, site);
    case 'fit':
    case 'fitDataset':
    case 'trainOnBatch':
      return fit(host, model, name, site);
    case 'apply':
      if (isSymbolic(site.args[0])) return { kind: 'symbolic', model, from: site.args[0], span: host.span(site.node) };
      return predict(host, model, name, site);
    case 'predict':
    case 'predictOnBatch':
    case 'execute':
    case 'call':
      return predict(host, model, name, site);
    case 'getLayer':
      return getLayer(model, site.args[0]);
    case 'getWeights':
      return weightsOf(model, host.span(site.node));
    case 'summary':
    case 'dispose':
    case 'setWeights':
    case 'resetStates':
      return UNDEFINED;
    case 'save':
    case 'evaluateDataset':
      return { kind: 'promise', value: unknown(`the result of ${name}`) };
    default:
      return unknown(`the result of model.${name}`);
  }
}

function predict(host: EvaluatorHost, model: ModelNode, name: string, site: CallSite): Value {
  // apply and call keep their options (`{ training: true }`); predict's options only batch the input.
  const keep = name === 'apply' || name === 'call' ? 2 : 1;
  const output = tensor(host, site, name === 'apply' || name === 'call' ? 'apply' : 'predict', site.args.slice(0, keep), site.argSpans.slice(0, keep), { model });
  // The model's outputs computed inside a gradient function: a training path of the model (unless
  // test code runs it on a model the tests did not build).
  const gradient = output.gradient;
  if (gradient && !model.gradients.includes(gradient) && !host.foreignChange(host.builder.creationOf(model))) model.gradients.push(gradient);
  return output;
}

function getLayer(model: ModelNode, key: Value | undefined): Value {
  if (model.kind === 'loaded') return loadedPart(model, 'a layer');
  const layers = model.slots.map((slot) => slot.layer);
  if (key?.kind === 'primitive' && typeof key.value === 'number') {
    const layer = model.incomplete.length === 0 ? layers[key.value] : undefined;
    return layer ? { kind: 'layer', layer } : unknown('the layer at that index is not known');
  }
  if (key?.kind === 'primitive' && typeof key.value === 'string') {
    const layer = layers.find((candidate) => candidate && layerNameOf(candidate) === key.value);
    return layer ? { kind: 'layer', layer } : unknown(`no layer named ${key.value} is known`);
  }
  return unknown('the layer is not known');
}

function layerNameOf(layer: LayerNode): string | undefined {
  const name = configValue(layer.config, 'name');
  return name?.kind === 'primitive' && typeof name.value === 'string' ? name.value : undefined;
}

/** The list of a model's weights (the variables themselves, as `read()` and `val` give them). */
function weightsOf(model: ModelNode, span: Span): TfObjectValue {
  return { kind: 'tfObject', path: 'model.weights', args: [], span, weightsOf: model };
}

/** A part of a model loaded at run time (its inputs, a layer): known only then, and said to be of that model, where it is loaded. */
function loadedPart(model: ModelNode, part: string): Value {
  return { ...unknown(`${part} of the model loaded at run time`, model.span), loadedModel: model.span };
}

export function modelMember(model: ModelNode, name: string): Value {
  switch (name) {
    case 'weights':
    case 'trainableWeights':
      return weightsOf(model, model.span);
    case 'layers':
      if (model.kind !== 'sequential' || model.incomplete.length > 0) return unknown('the layer list is not known');
      return { kind: 'array', elements: model.slots.map((slot) => ({ kind: 'layer', layer: slot.layer! })), complete: true };
    case 'outputs':
    case 'output':
      return model.outputs ?? (model.kind === 'loaded' ? loadedPart(model, 'the outputs') : unknown('the model outputs are not known'));
    case 'inputs':
    case 'input':
      return model.inputs ?? (model.kind === 'loaded' ? loadedPart(model, 'the inputs') : unknown('the model inputs are not known'));
    case 'optimizer': {
      const compiled = model.compiles.at(-1);
      return (compiled && configValue(compiled.config, 'optimizer')) ?? unknown('the optimizer is not known');
    }
    default:
      return unknown(`model.${name}`);
  }
}

/** The states a recurrent layer returns after its output when its config says `returnState: true`. */
const RECURRENT_STATES: Readonly<Record<string, number>> = { lstm: 2, gru: 1, simpleRNN: 1, convLstm2d: 2 };

/** Layers that take `returnState`. */
const RECURRENT_FACTORIES = new Set([...Object.keys(RECURRENT_STATES), 'rnn']);

/**
 * How many tensors applying the layer gives, when it gives a list: a recurrent layer with
 * `returnState` gives its output and its states; a bidirectional one gives its merged output (or,
 * with `mergeMode: null`, the forward and backward outputs) and then the forward layer's states and
 * the backward layer's. 1 for a layer that gives one tensor; undefined when the config leaves it open.
 */
function outputCount(layer: LayerNode): number | undefined {
  // How many states a recurrent layer returns with its output: undefined for one whose cell says (`tf.layers.rnn`).
  const statesOf = (inner: LayerNode) => (inner.factory === 'rnn' ? undefined : (RECURRENT_STATES[inner.factory] ?? 0));
  if (layer.factory !== 'bidirectional') {
    const returns = configFlag(layer.config, 'returnState');
    if (returns === false || !RECURRENT_FACTORIES.has(layer.factory)) return 1;
    const states = statesOf(layer);
    return returns === undefined || states === undefined ? undefined : states + 1;
  }
  const inner = configValue(layer.config, 'layer');
  const mergeMode = configEntry(layer.config, 'mergeMode');
  const outputs = mergeMode.state === 'absent' ? 1 : mergeMode.state === 'present' && mergeMode.value.kind === 'primitive' ? (mergeMode.value.value === null ? 2 : 1) : undefined;
  if (inner?.kind !== 'layer' || outputs === undefined) return undefined;
  const returns = configFlag(inner.layer.config, 'returnState');
  if (returns === false) return outputs;
  const states = statesOf(inner.layer);
  return returns === undefined || states === undefined ? undefined : outputs + 2 * states;
}

export function callLayerMethod(host: EvaluatorHost, layer: LayerNode, name: string, site: CallSite): Value {
  if (name !== 'apply') return unknown(`the result of layer.${name}`);
  const input = site.args[0] ?? UNDEFINED;
  if (isSymbolic(input)) {
    const span = host.span(site.node);
    // Initial states given as an option are inputs after the first, as tfjs takes them.
    const initialState = configValue(site.args[1], 'initialState');
    const from = initialState?.kind === 'array' && initialState.complete && initialState.elements.every((state) => state.kind === 'symbolic') && input.kind === 'symbolic' ? { kind: 'array' as const, elements: [input, ...initialState.elements], complete: true, span } : input;
    // A recurrent layer returning its states gives a list: its output, then each state (an array
    // `[x, h, c]` applied to it is its input and initial states, which tfjs reads as such); so does
    // a bidirectional one, and one that does not merge its two directions.
    const count = outputCount(layer);
    if (count === undefined) return unknown('the outputs of a layer whose config leaves open how many it gives', span);
    if (count > 1) {
      const outputs: Value[] = Array.from({ length: count }, (_, index): Value => ({ kind: 'symbolic', layer, from, span, output: index }));
      layer.applications.push({ input: from, output: outputs[0]!, span });
      return { kind: 'array', elements: outputs, complete: true, span };
    }
    const output: Value = { kind: 'symbolic', layer, from, span };
    layer.applications.push({ input: from, output, span });
    return output;
  }
  if (input.kind === 'tensor') return tensor(host, site, `layer.${layer.factory}`, [input], site.argSpans.slice(0, 1));
  if (input.kind === 'unknown') {
    // Usually the output of a loaded model (`base.getLayer(...).output`): the layer is known, its input
    // is not, so chains through it stop there.
    const output: Value = { kind: 'symbolic', layer, from: input, span: host.span(site.node) };
    layer.applications.push({ input, output, span: host.span(site.node) });
    return output;
  }
  return unknown('a layer applied to a value that is not a tensor');
}

export function layerMember(layer: LayerNode, name: string): Value {
  if (name === 'output' && layer.applications.length === 1) return layer.applications[0]!.output;
  return unknown(`layer.${name}`);
}

/** Tensor methods that copy its values out to JavaScript. */
export const READS_BACK: ReadonlySet<string> = new Set(['array', 'arraySync', 'buffer', 'bufferSync', 'data', 'dataSync']);

/** The statement around `node` when it is a call of a `console` method and `node` is one of its arguments' parts. */
function loggingStatement(node: ts.Node): ts.ExpressionStatement | undefined {
  let current: ts.Node = node;
  while (current.parent && !ts.isStatement(current.parent) && !ts.isFunctionLike(current.parent)) {
    const parent: ts.Node = current.parent;
    if (ts.isCallExpression(parent) && parent.expression !== current) {
      const callee = parent.expression;
      const isConsole = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'console';
      const statement = parent.parent;
      // Only a statement in a statement list can be removed without changing what follows it.
      const inList = ts.isBlock(statement.parent) || ts.isSourceFile(statement.parent) || ts.isCaseOrDefaultClause(statement.parent);
      if (isConsole && ts.isExpressionStatement(statement) && inList) return statement;
    }
    current = parent;
  }
  return undefined;
}

/** Tensor methods no common JavaScript object has, so a call of one marks its receiver as a tensor. */
const TENSOR_ONLY_METHODS = new Set([
  'argMax', 'argMin', 'asType', 'clipByValue', 'elu', 'expandDims', 'leakyRelu', 'logSigmoid', 'logSoftmax', 'logSumExp',
  'matMul', 'neg', 'prelu', 'relu', 'relu6', 'selu', 'sigmoid', 'softmax', 'softplus', 'square', 'squaredDifference',
  'squeeze', 'toFloat', 'toInt', 'as1D', 'as2D', 'as3D', 'as4D', 'as5D',
]);

/**
 * A method call on a tensor (or on an unknown value with a tensor argument, such as `labels.mul(p)`
 * where `labels` is a parameter): a tensor operation, or undefined if the method is not one.
 */
export function callTensorMethod(host: EvaluatorHost, receiver: Value, name: string, site: CallSite): Value | undefined {
  const receiverIsTensor = receiver.kind === 'tensor';
  if (!receiverIsTensor && !TENSOR_ONLY_METHODS.has(name) && !site.args.some((arg) => arg.kind === 'tensor')) return undefined;
  if (TENSOR_OPS.has(name)) {
    return tensor(host, site, name, [receiver, ...site.args], [site.receiverSpan, ...site.argSpans]);
  }
  if (!receiverIsTensor) return undefined;
  if (name === 'dispose' || name === 'print') return UNDEFINED;
  if (READS_BACK.has(name)) {
    // A tensor made in the receiver expression itself is never stored, so nothing can dispose it.
    const repeats = !host.inTidy() && site.receiverSpan && containsSpan(site.receiverSpan, receiver.span) ? host.repetition(site.node) : undefined;
    if (repeats && site.receiverSpan) {
      host.builder.leak({ kind: 'leakedTensor', span: site.receiverSpan, repeats, testCode: host.context().testCode, readback: name, order: host.builder.next() });
    }
    const logStatement = loggingStatement(site.node);
    const gradient = host.currentGradient();
    host.builder.event({
      kind: 'readback',
      span: host.span(site.node),
      method: name,
      inGradient: gradient !== undefined,
      ...(gradient ? { gradient } : {}),
      ...(logStatement ? { logStatement: host.span(logStatement) } : {}),
      order: host.builder.next(),
    });
    return unknown('values read back from a tensor');
  }
  return unknown(`the result of tensor.${name}`);
}

/**
 * A property of a tensor: its shape, rank, size and dtype as far as its facts know them, and the
 * `mean` and `variance` of the result of `tf.moments`.
 */
export function tensorMember(host: EvaluatorHost, value: TensorValue, key: string): Value {
  // Facts are read only in the cases that report them: a tensor's facts are worked out on first read.
  switch (key) {
    case 'shape': {
      const shape = value.facts.shape;
      return shape ? { kind: 'array', elements: shape.map((dim) => (dim === undefined ? unknown('a size known only at run time') : primitive(dim))), complete: true } : unknown('the shape of a tensor');
    }
    case 'rank':
      return value.facts.shape ? primitive(value.facts.shape.length) : unknown('the rank of a tensor');
    case 'size': {
      const shape = value.facts.shape;
      const size = shape?.every((dim) => dim !== undefined) ? (shape as number[]).reduce((product, dim) => product * dim, 1) : undefined;
      return size !== undefined ? primitive(size) : unknown('the size of a tensor');
    }
    case 'dtype':
      return value.facts.dtype ? primitive(value.facts.dtype) : unknown('the dtype of a tensor');
    case 'mean':
    case 'variance':
      if (value.op !== 'moments') break;
      return host.builder.tensor({
        kind: 'tensor',
        op: `moments.${key}`,
        args: value.args,
        argSpans: value.argSpans,
        span: value.span,
        ...(value.gradient ? { inGradient: true, gradient: value.gradient } : {}),
      });
  }
  return unknown(`${key} of a tensor`, undefined, key);
}

/** Array methods that turn a list of weights into a list of the same variables (`.map((w) => w.read())`). */
const KEEPS_WEIGHTS = new Set(['map', 'filter', 'slice']);

export function callTfObjectMethod(host: EvaluatorHost, object: TfObjectValue, name: string, site: CallSite): Value {
  if (object.path.startsWith('train.')) {
    if (name === 'minimize' || name === 'computeGradients') {
      if (name === 'minimize') host.builder.event({ kind: 'minimize', span: host.span(site.node), optimizer: object, order: host.builder.next() });
      const [fn, second, third] = site.args;
      if (!fn) return unknown(`the result of optimizer.${name}`);
      // minimize(f, returnCost, varList); computeGradients(f, varList).
      const varList = name === 'minimize' ? third : second;
      const gradient = host.builder.gradient({
        api: `optimizer.${name}`,
        span: host.span(site.node),
        wrt: 'variables',
        ...(varList && !(varList.kind === 'primitive' && varList.value == null) ? { varList } : {}),
        ...(name === 'minimize' && second ? { returnCost: second, ...(site.argSpans[1] ? { returnCostSpan: site.argSpans[1] } : {}) } : {}),
      });
      host.callForGradient(fn, site.node, gradient, false);
      return unknown(`the result of optimizer.${name}`);
    }
    return unknown(`the result of optimizer.${name}`);
  }
  if (object.weightsOf) {
    for (const arg of site.args) if (arg.kind === 'function') host.callMaybe(arg, undefined, site.node);
    if (KEEPS_WEIGHTS.has(name)) return { ...object, span: host.span(site.node) };
    return unknown(`the result of weights.${name}`);
  }
  if (object.path.startsWith('data.')) {
    for (const arg of site.args) if (arg.kind === 'function') host.callMaybe(arg, undefined, site.node);
    if (name === 'toArray' || name === 'forEachAsync') return { kind: 'promise', value: unknown('dataset elements') };
    return { kind: 'tfObject', path: `${object.path}.${name}`, args: site.args, span: host.span(site.node) };
  }
  return unknown(`the result of ${object.path}().${name}`);
}
