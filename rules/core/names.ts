/**
 * Matching names the code writes against the names tfjs accepts: exact, the same letters in another
 * case, or a known spelling from Keras or Python (snake_case, abbreviations).
 */
export type NameCheck =
  | { readonly valid: true }
  /** `replacement` is the accepted name the code most likely means, when there is one. */
  | { readonly valid: false; readonly replacement?: string };

function squash(name: string): string {
  return name.replace(/[_\s-]/g, '').toLowerCase();
}

export function checkName(name: string, accepted: ReadonlySet<string>, aliases: Readonly<Record<string, string>> = {}): NameCheck {
  if (accepted.has(name)) return { valid: true };
  const alias = aliases[name] ?? aliases[squash(name)];
  if (alias !== undefined) return { valid: false, replacement: alias };
  const same = [...accepted].find((candidate) => squash(candidate) === squash(name));
  return same !== undefined ? { valid: false, replacement: same } : { valid: false };
}
