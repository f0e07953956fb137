/**
 * Adding the watch's callback to a `fit` or `fitDataset` call. tfjs reads `callbacks` as a callback
 * object, a list of them, or one or a list of plain `{ onEpochEnd, ... }` objects, which it wraps in
 * `CustomCallback`s that also yield to the event loop now and then. The user's callbacks are turned
 * into the same list tfjs would make of them, and the watch's is added at its end: they run as they
 * would have, in the same order, and see the same logs (the watch's runs after them).
 */
import type { Tf } from '../tf';

type CallbackLike = object;

/** tfjs's base class of every callback, which `tf` does not export by name. */
function baseCallbackClass(tf: Tf): abstract new () => object {
  const prototype = Object.getPrototypeOf(tf.CustomCallback.prototype as object) as { constructor: abstract new () => object };
  return prototype.constructor;
}

/** The callbacks as tfjs's `standardizeCallbacks` would list them for `fit`'s `yieldEvery`. */
export function standardCallbacks(tf: Tf, given: unknown, yieldEvery: unknown): CallbackLike[] {
  const Base = baseCallbackClass(tf);
  const CustomCallback = tf.CustomCallback as unknown as new (args: unknown, yieldEvery?: unknown) => CallbackLike;
  if (given === null || given === undefined) return [new CustomCallback({}, yieldEvery)];
  if (given instanceof Base) return [given];
  if (Array.isArray(given) && given[0] instanceof Base) return [...(given as CallbackLike[])];
  const list = Array.isArray(given) ? (given as unknown[]) : [given];
  return list.map((args) => new CustomCallback(args, yieldEvery));
}

/** The callbacks given, as tfjs would use them, followed by `added`. */
export function withCallback(tf: Tf, given: unknown, yieldEvery: unknown, added: CallbackLike): CallbackLike[] {
  return [...standardCallbacks(tf, given, yieldEvery), added];
}

/** Whether the callbacks given include one of `tf.callbacks.earlyStopping`. */
export function hasEarlyStopping(tf: Tf, given: unknown): boolean {
  const EarlyStopping = (tf.callbacks.earlyStopping() as object).constructor as abstract new () => object;
  const list: unknown[] = Array.isArray(given) ? given : [given];
  return list.some((callback) => callback instanceof EarlyStopping);
}
