/** A range of source text: a file path and character offsets (0-based, end exclusive). */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

export function spanKey(span: Span): string {
  return `${span.file}:${span.start}:${span.end}`;
}

/**
 * The items with distinct spans, each the first of its span: the interpreter meets the same code
 * once per path that reaches it, and a finding is reported once.
 */
export function firstPerSpan<T extends { readonly span: Span }>(items: Iterable<T>): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const item of items) {
    const key = spanKey(item.span);
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(item);
  }
  return result;
}

export function containsSpan(outer: Span, inner: Span): boolean {
  return outer.file === inner.file && outer.start <= inner.start && inner.end <= outer.end;
}
