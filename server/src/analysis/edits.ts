import type { TextEdit } from '../../../rules/core/rule';

/** Applies edits to one file's text; throws if two edits overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end);
  let result = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.span.end > limit) throw new Error('overlapping edits');
    result = result.slice(0, edit.span.start) + edit.text + result.slice(edit.span.end);
    limit = edit.span.start;
  }
  return result;
}

/** Groups edits by the file they change. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.span.file, [...(byFile.get(edit.span.file) ?? []), edit]);
  return byFile;
}
