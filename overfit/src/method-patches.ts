/** Methods of tfjs's classes replaced while a script runs, and put back afterwards in reverse order. */

export type Callable = (...args: unknown[]) => unknown;

export interface MethodPatches {
  /** Replaces the method the prototype itself defines (not one it inherits) with what `make` builds around it. */
  readonly patch: (prototype: object, method: string, make: (original: Callable) => Callable) => void;
  /** Puts every replaced method back, the last replaced first. */
  readonly restore: () => void;
}

export function methodPatches(): MethodPatches {
  const saved: [object, string, unknown][] = [];
  return {
    patch: (prototype, method, make) => {
      if (!Object.prototype.hasOwnProperty.call(prototype, method)) return;
      const original = (prototype as Record<string, unknown>)[method] as Callable;
      saved.push([prototype, method, original]);
      (prototype as Record<string, unknown>)[method] = make(original);
    },
    restore: () => {
      for (const [prototype, method, original] of saved.reverse()) (prototype as Record<string, unknown>)[method] = original;
      saved.length = 0;
    },
  };
}
