/** What both panels' pages build their content with: elements, buttons, numbers, names and theme colours. */

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) if (child !== undefined) node.append(child);
  return node;
}

export function button(label: string, onClick: () => void, options: { disabled?: boolean; title?: string; class?: string } = {}): HTMLButtonElement {
  const node = element('button', { type: 'button', ...(options.title ? { title: options.title } : {}), ...(options.class ? { class: options.class } : {}) }, label);
  node.disabled = options.disabled ?? false;
  node.addEventListener('click', onClick);
  return node;
}

/** A number in three significant digits, in exponent form when it is very small or very large. */
export function format(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5)) return value.toExponential(2);
  return Number(value.toPrecision(3)).toString();
}

/** The file's name, from a path of either platform. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}

/** A theme variable's value now (the theme may have changed since the last read). */
export function cssVariable(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}
