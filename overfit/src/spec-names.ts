/** How the parts of a layer's config are named in the check's messages. */

export const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * Names of the parts of a config in words, for the reasons a model cannot be rebuilt:
 * `inputShape` of `the config of the conv2d layer at line 4` is `the input shape of the conv2d
 * layer at line 4`, and its entry 0 `the first dimension of the input shape of ...`.
 */
export function propertyOf(what: string, key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return `the ${words} of ${what.replace(/^the config of /, '')}`;
}

/** The entry at `index` of a config value, in words: a shape's dimension, another list's entry. */
export function entryOf(what: string, index: number): string {
  const kind = /^the (\w+ )*shape\b/.test(what) ? 'dimension' : 'entry';
  return `the ${ORDINALS[index] ?? `${index + 1}th`} ${kind} of ${what}`;
}
