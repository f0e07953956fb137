import type { CompileNode, FitNode, GradientNode, GraphEvent, LayerNode, LayerSlot, ModelKind, ModelNode, ProgramGraph } from '../../../../rules/core/graph';

type LeakedTensorEvent = Extract<GraphEvent, { kind: 'leakedTensor' }>;
import { sameSpan, spanKey, type Span } from '../../../../rules/core/span';
import { unknown, type TensorValue, type TfObjectValue, type Value } from '../../../../rules/core/values';
import type { TensorFacts } from '../../../../rules/core/facts';
import { tensorFacts, type TensorDraft } from '../facts/index';

/**
 * How deeply the evaluator was nested in uncertain code when something was created. A side effect on
 * a model is conditional when it happens in more uncertain code than the model's creation.
 */
export interface CreationContext {
  /** Callbacks that may not run, code after an early `return`, loops run once as a stand-in. */
  readonly maybe: number;
  /** Branches of `if`/`switch`/`?:` being explored one after the other. */
  readonly branch: number;
  /** Loops whose iterations could not be counted. */
  readonly loop: number;
  /** Made by test code (see `Frame.testCode`). */
  readonly testCode: boolean;
  /**
   * The run of code that may not run (a callback, a function nothing calls) it was made in, the
   * innermost one; 0 or absent at the top. Code in another such run is conditional to it: the
   * order of two functions nothing calls (two buttons' handlers) is not known.
   */
  readonly maybeRun?: number;
}

type MutableModel = ModelNode & { name?: string; outputs?: Value; inputs?: Value };

/** Creates the nodes of the model graph as the evaluator meets them. */
export class GraphBuilder implements ProgramGraph {
  readonly models: ModelNode[] = [];
  readonly layers: LayerNode[] = [];
  readonly tensors: TensorValue[] = [];
  readonly optimizers: TfObjectValue[] = [];
  readonly events: GraphEvent[] = [];
  readonly gradients: GradientNode[] = [];
  readonly derived = new Map<object, unknown>();
  /** Training calls so far (fits and gradient steps on weights): a loop that changes it trains. */
  trainingSteps = 0;
  private sequence = 0;
  /** Where in `events` the loop leak of each place is. */
  private readonly loopLeaks = new Map<string, number>();
  private nextId = 1;
  private readonly created = new Map<ModelNode | LayerNode, CreationContext>();

  layer(factory: string, config: Value, span: Span, context: CreationContext): LayerNode {
    const layer: LayerNode = { id: this.nextId++, factory, span, config, applications: [] };
    this.layers.push(layer);
    this.created.set(layer, context);
    return layer;
  }

  model(kind: ModelKind, span: Span, context: CreationContext, runningFiles: readonly string[] = []): MutableModel {
    const callers = [...new Set(runningFiles.filter((file) => file !== span.file))];
    const model: MutableModel = { id: this.nextId++, kind, span, slots: [], incomplete: [], compiles: [], fits: [], gradients: [], escaped: false, ...(callers.length > 0 ? { callers } : {}) };
    this.models.push(model);
    this.created.set(model, context);
    return model;
  }

  creationOf(node: ModelNode | LayerNode): CreationContext {
    return this.created.get(node) ?? { maybe: 0, branch: 0, loop: 0, testCode: false };
  }

  addSlot(model: ModelNode, slot: LayerSlot): void {
    model.slots.push(slot);
    if (!slot.layer) model.incomplete.push('a layer the extractor could not read');
    else if (slot.conditional) model.incomplete.push('a layer added on only some code paths');
    else if (slot.repeated) model.incomplete.push('a layer added in a loop');
  }

  addCompile(model: ModelNode, compile: CompileNode): void {
    model.compiles.push(compile);
  }

  addFit(model: ModelNode, fit: FitNode): void {
    model.fits.push(fit);
    this.trainingSteps++;
  }

  /** The next position in the order things happen. */
  next(): number {
    return this.sequence++;
  }

  event(event: GraphEvent): void {
    this.events.push(event);
  }

  /**
   * Records a tensor leaked on every pass of a loop once per place, however many passes and paths
   * reach it: bounded only when every one was (see `Repetition`), test code only when every one was.
   * (Leaks of functions that run again and again stay one per path: each path may be a different
   * callback, and the rule judges each.)
   */
  leak(event: LeakedTensorEvent): void {
    if (event.repeats.kind !== 'loop') {
      this.events.push(event);
      return;
    }
    const key = spanKey(event.span);
    const index = this.loopLeaks.get(key);
    if (index === undefined) {
      this.loopLeaks.set(key, this.events.length);
      this.events.push(event);
      return;
    }
    const earlier = this.events[index] as LeakedTensorEvent & { repeats: { kind: 'loop' } };
    // Bounded on every path: the loops of all of them, for the rule to see whether one trains.
    const bounded =
      earlier.repeats.bounded && event.repeats.bounded
        ? [...earlier.repeats.bounded, ...event.repeats.bounded.filter((loop) => !earlier.repeats.bounded!.some((other) => sameSpan(other, loop)))]
        : undefined;
    this.events[index] = {
      ...earlier,
      repeats: { kind: 'loop', loop: earlier.repeats.loop, ...(bounded ? { bounded } : {}) },
      testCode: earlier.testCode && event.testCode,
    };
  }

  optimizer(optimizer: TfObjectValue): TfObjectValue {
    this.optimizers.push(optimizer);
    return optimizer;
  }

  /** Records a call that makes tfjs differentiate a function; its result is filled in once the function has run. */
  gradient(draft: Omit<GradientNode, 'id' | 'order' | 'result'>): GradientNode {
    const gradient: GradientNode = { ...draft, id: this.nextId++, order: this.next(), result: unknown('the function has not run') };
    this.gradients.push(gradient);
    // A custom loss given to compile trains only when fit runs, which counts itself.
    if (gradient.wrt === 'variables' && gradient.api !== 'model.compile') this.trainingSteps++;
    return gradient;
  }

  /** Records a tensor the code makes, with the facts about its values (see `TensorNode`). */
  tensor(draft: TensorDraft): TensorValue {
    const tensor = new TensorNode(draft);
    this.tensors.push(tensor);
    return tensor;
  }
}

/**
 * A tensor of the graph. Its facts are worked out when first read: many tensors' facts are never
 * read (no rule looks at them), and working them out is a good part of the analysis's time. Only
 * operands that cannot change are read late (tensors, primitives, unknowns); a tensor made from
 * arrays, objects or a model, which the code may still change, gets its facts at once. Every
 * tensor has the same properties in the same order, so that the rules' loops over thousands of
 * them stay fast.
 */
class TensorNode implements TensorValue {
  readonly kind = 'tensor' as const;
  readonly op: string;
  readonly args: readonly Value[];
  readonly argSpans: readonly (Span | undefined)[];
  readonly span: Span;
  readonly model: ModelNode | undefined;
  readonly role: TensorValue['role'];
  readonly name: string | undefined;
  readonly inGradient: boolean | undefined;
  readonly gradient: GradientNode | undefined;
  private known: TensorFacts | undefined;

  constructor(draft: TensorDraft) {
    this.op = draft.op;
    this.args = draft.args;
    this.argSpans = draft.argSpans;
    this.span = draft.span;
    this.model = draft.model;
    this.role = draft.role;
    this.name = draft.name;
    this.inGradient = draft.inGradient;
    this.gradient = draft.gradient;
    this.known = draft.model === undefined && draft.args.every(isSettled) ? undefined : tensorFacts(this);
  }

  get facts(): TensorFacts {
    return this.known ?? settleFacts(this);
  }

  /** The facts if they are worked out already. */
  peek(): TensorFacts | undefined {
    return this.known;
  }

  settle(): TensorFacts {
    return (this.known ??= tensorFacts(this));
  }
}

/** Values that stay as they are once made, so that facts read from them later are the same. */
function isSettled(value: Value): boolean {
  return value.kind === 'tensor' || value.kind === 'primitive' || value.kind === 'unknown';
}

/**
 * Works out the facts of a tensor and of the operands it needs, innermost first, with a list of its
 * own rather than the call stack: a chain of thousands of operations must not exhaust the stack.
 */
function settleFacts(root: TensorNode): TensorFacts {
  const pending: TensorNode[] = [root];
  while (pending.length > 0) {
    const tensor = pending[pending.length - 1]!;
    if (tensor.peek() !== undefined) {
      pending.pop();
      continue;
    }
    const operand = tensor.args.find((arg): arg is TensorNode => arg instanceof TensorNode && arg.peek() === undefined);
    if (operand) {
      pending.push(operand);
    } else {
      tensor.settle();
      pending.pop();
    }
  }
  return root.peek()!;
}
