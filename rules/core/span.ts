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

export function containsSpan(outer: Span, inner: Span): boolean {
  return outer.file === inner.file && outer.start <= inner.start && inner.end <= outer.end;
}
