import type { TextEdit } from './rule';
import type { Span } from './span';

/** The source text of a span. */
export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

const QUOTE = /^(['"`])/;

/** Whether the span holds exactly a string literal (so replacing it changes only this use). */
export function isStringLiteralAt(text: string, span: Span | undefined): span is Span {
  if (!span) return false;
  const written = spanText(text, span);
  const quote = QUOTE.exec(written)?.[1];
  return quote !== undefined && written.length >= 2 && written.endsWith(quote) && !written.includes('${');
}

/** Replaces a string literal, keeping its quote style. */
export function replaceString(text: string, span: Span, value: string): TextEdit {
  const quote = QUOTE.exec(spanText(text, span))?.[1] ?? "'";
  return { span, text: `${quote}${value}${quote}` };
}

/**
 * Removes an object property together with the comma that separates it from its neighbours,
 * leaving the rest of the line's formatting intact.
 */
export function removeProperty(text: string, property: Span): TextEdit {
  let start = property.start;
  let end = property.end;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  if (text[after] === ',') {
    end = after + 1;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    // A property alone on its line takes its line break with it.
    if (text[end] === '\n' && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) {
      start = text.lastIndexOf('\n', start - 1) + 1;
      end++;
    }
  } else {
    let before = start;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    if (text[before - 1] === ',') start = before - 1;
  }
  return { span: { file: property.file, start, end }, text: '' };
}
