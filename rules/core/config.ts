import type { Span } from './span';
import type { ObjectValue, Property, Value } from './values';

/** The result of reading one key of a config object (a layer's, `compile`'s, `fit`'s). */
export type ConfigEntry =
  | { readonly state: 'present'; readonly value: Value; readonly property: Property }
  /** The config is fully known and does not set the key: the tfjs default applies. */
  | { readonly state: 'absent'; readonly object: ObjectValue | undefined }
  | { readonly state: 'unknown'; readonly reason: string };

/** Reads `key` from a config value: an object literal, an absent argument, or something unknown. */
export function configEntry(config: Value | undefined, key: string): ConfigEntry {
  if (config === undefined || (config.kind === 'primitive' && config.value === undefined)) {
    return { state: 'absent', object: undefined };
  }
  if (config.kind !== 'object') {
    return { state: 'unknown', reason: config.kind === 'unknown' ? config.reason : `the config is a ${config.kind}` };
  }
  const property = config.props.get(key);
  if (property) return { state: 'present', value: property.value, property };
  if (!config.complete) return { state: 'unknown', reason: 'the config has properties that could not be read' };
  return { state: 'absent', object: config };
}

/** The value of `key`, or undefined when the key is absent or unknown. */
export function configValue(config: Value | undefined, key: string): Value | undefined {
  const entry = configEntry(config, key);
  return entry.state === 'present' ? entry.value : undefined;
}

/** Whether a boolean option is on (`returnSequences: true`): false when the config leaves it out, undefined when it is not known. */
export function configFlag(config: Value | undefined, key: string): boolean | undefined {
  const entry = configEntry(config, key);
  if (entry.state === 'absent') return false;
  return entry.state === 'present' && entry.value.kind === 'primitive' ? entry.value.value === true : undefined;
}

/** Where a value is written at its use: the property's value expression, else the value's own origin. */
export function useSite(entry: ConfigEntry & { state: 'present' }): Span | undefined {
  return entry.property.valueSpan ?? entry.value.span;
}

/** The object literal of a config, when it is one. */
export function configObject(config: Value | undefined): ObjectValue | undefined {
  return config?.kind === 'object' ? config : undefined;
}
