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

/**
 * Adds `key: value` as the last property of an object literal, following its layout: on a new line
 * with the same indentation as the other properties when it spans several lines, else inline.
 */
export function insertProperty(text: string, object: Span, key: string, value: string): TextEdit {
  const literal = spanText(text, object);
  const close = literal.lastIndexOf('}');
  let end = object.start + close;
  while (end > object.start + 1 && /\s/.test(text[end - 1]!)) end--;
  const hasProperties = text.slice(object.start + 1, end).trim().length > 0;
  const trailingComma = text[end - 1] === ',';
  const multiline = literal.includes('\n');
  if (!hasProperties) return { span: { file: object.file, start: object.start + 1, end: object.start + close }, text: ` ${key}: ${value} ` };
  if (multiline) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    return { span: { file: object.file, start: end, end }, text: `${trailingComma ? '' : ','}\n${indent}${key}: ${value}${trailingComma ? ',' : ''}` };
  }
  return { span: { file: object.file, start: end, end }, text: `${trailingComma ? '' : ','} ${key}: ${value}` };
}

/** Whether the span holds exactly a number literal. */
export function isNumberLiteralAt(text: string, span: Span | undefined): span is Span {
  return span !== undefined && /^[0-9][0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9]+)?$|^\.[0-9]+([eE][+-]?[0-9]+)?$/.test(spanText(text, span));
}

/** Removes a statement; one alone on its line takes the whole line with it. */
export function removeStatement(text: string, statement: Span): TextEdit {
  const lineStart = text.lastIndexOf('\n', statement.start - 1) + 1;
  let lineEnd = text.indexOf('\n', statement.end);
  if (lineEnd < 0) lineEnd = text.length;
  const aloneOnLine = /^[ \t]*$/.test(text.slice(lineStart, statement.start)) && /^[ \t]*$/.test(text.slice(statement.end, lineEnd));
  if (aloneOnLine) return { span: { file: statement.file, start: lineStart, end: Math.min(lineEnd + 1, text.length) }, text: '' };
  let end = statement.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return { span: { file: statement.file, start: statement.start, end }, text: '' };
}

/**
 * The expression as the receiver of a method call: a name or a chain of property reads and calls
 * with flat arguments stays as it is, anything else (an `as` cast, an operator) is parenthesised.
 */
export function asReceiver(expression: string): string {
  return /^[\w$]+(?:\.[\w$]+|\([^()]*\))*$/.test(expression.trim()) ? expression : `(${expression})`;
}
