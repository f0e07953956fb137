import type { ObjectValue, Property, Value } from '../../../../rules/core/values';
import { sameValue, unknown } from '../../../../rules/core/values';

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import';

export interface Binding {
  value: Value;
  readonly kind: BindingKind;
  /** Nesting of "maybe" contexts (callbacks, unrolled-loop fallbacks, ...) when the binding was made. */
  readonly level: number;
  /** Import bindings read through to the exporting module on every access (ES live bindings). */
  readonly resolve?: () => Value;
}

/** A lexical scope. */
export class Scope {
  private readonly vars = new Map<string, Binding>();

  constructor(readonly parent: Scope | undefined) {}

  declare(name: string, binding: Binding): void {
    this.vars.set(name, binding);
  }

  lookup(name: string): Binding | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walks the chain of scopes from this one
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const binding = scope.vars.get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  hasOwn(name: string): boolean {
    return this.vars.has(name);
  }
}

/** The join of values reaching one point along different paths: known only if all agree. */
export function joinValues(values: readonly Value[], reason = 'differs between code paths'): Value {
  const first = values[0];
  if (first === undefined) return unknown(reason);
  return values.every((value) => sameValue(value, first)) ? first : unknown(reason);
}

type PropState = Property | undefined;

/**
 * Records the state of every variable and object property written while the branches of an `if`
 * or `switch` run, so each branch starts from the same state and their results can be joined.
 */
export class BranchLog {
  private readonly bindings = new Map<Binding, Value>();

  /** `start`: how many objects had been made when the log started (objects made since have no earlier state). */
  constructor(readonly start: number) {}

  private readonly props = new Map<ObjectValue, Map<string, PropState>>();

  noteBinding(binding: Binding): void {
    if (!this.bindings.has(binding)) this.bindings.set(binding, binding.value);
  }

  noteProp(object: ObjectValue, key: string): void {
    let keys = this.props.get(object);
    if (!keys) this.props.set(object, (keys = new Map<string, PropState>()));
    if (!keys.has(key)) keys.set(key, object.props.get(key));
  }

  /** The current state of everything written so far. */
  capture(): BranchState {
    const bindings = new Map<Binding, Value>();
    for (const binding of this.bindings.keys()) bindings.set(binding, binding.value);
    const props = new Map<ObjectValue, Map<string, PropState>>();
    for (const [object, keys] of this.props) {
      const now = new Map<string, PropState>();
      for (const key of keys.keys()) now.set(key, object.props.get(key));
      props.set(object, now);
    }
    return { bindings, props };
  }

  /** Puts everything written back to its state before the first branch. */
  restore(): void {
    for (const [binding, value] of this.bindings) binding.value = value;
    for (const [object, keys] of this.props) {
      for (const [key, property] of keys) setProp(object, key, property);
    }
  }

  /**
   * After a join with the state before code that may not run: a variable or property that held only
   * a placeholder before (`let model;`, `this.model = null`) and a tfjs object at the end of `after`
   * holds that object. A function nothing in the code calls (an event handler, an init function)
   * that stores a model or a tensor there is what the code that reads it later needs to have run:
   * read before, the placeholder throws (`undefined.fit`), so the object is what works.
   */
  keepStored(after: BranchState): void {
    for (const [binding, original] of this.bindings) {
      const now = after.bindings.get(binding);
      if (isPlaceholder(original) && isStored(now)) binding.value = now;
    }
    for (const [object, keys] of this.props) {
      for (const [key, original] of keys) {
        const now = after.props.get(object)?.get(key);
        if (isPlaceholder(original?.value) && now && isStored(now.value)) setProp(object, key, now);
      }
    }
  }

  /** Sets everything written to the join of its state at the end of each of `states`. */
  join(states: readonly BranchState[]): void {
    if (states.length === 0) return;
    for (const [binding, original] of this.bindings) {
      binding.value = joinValues(states.map((state) => state.bindings.get(binding) ?? original));
    }
    for (const [object, keys] of this.props) {
      for (const [key, original] of keys) {
        const versions = states.map((state) => state.props.get(object)?.get(key) ?? original);
        setProp(object, key, joinProps(versions));
      }
    }
  }
}

/** The tfjs objects a variable or property set aside for them (`let model;`) comes to hold. */
const STORED_KINDS: ReadonlySet<Value['kind']> = new Set(['model', 'layer', 'tensor', 'symbolic', 'tfObject']);

/** A value that only holds a place: undefined, null, or no property at all. */
function isPlaceholder(value: Value | undefined): boolean {
  return value === undefined || (value.kind === 'primitive' && (value.value === undefined || value.value === null));
}

function isStored(value: Value | undefined): value is Value {
  return value !== undefined && STORED_KINDS.has(value.kind);
}

export interface BranchState {
  readonly bindings: Map<Binding, Value>;
  readonly props: Map<ObjectValue, Map<string, PropState>>;
}

function setProp(object: ObjectValue, key: string, property: PropState): void {
  if (property) object.props.set(key, property);
  else object.props.delete(key);
}

function joinProps(versions: readonly PropState[]): PropState {
  const first = versions[0];
  if (versions.every((version) => version === first)) return first;
  const defined = versions.filter((version): version is Property => version !== undefined);
  if (defined.length === versions.length && defined.every((version) => sameValue(version.value, defined[0]!.value))) {
    return defined[0];
  }
  return { value: unknown('set on only some code paths') };
}
