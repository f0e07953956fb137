import { commentAt, type Comment } from './comments';
import type { ts } from './typescript';

/**
 * Inline comments that silence findings:
 *   // tfjs-doctor-disable-next-line rule-a, rule-b   (the next line; no ids = every rule)
 *   // tfjs-doctor-disable-line rule-a                (the comment's own line)
 *   /* tfjs-doctor-disable rule-a *\/                  (the whole file)
 * A finding is silenced by a line directive for the line it starts on, as in ESLint; the
 * "Disable for this line" code action writes its comment where it is read for that line
 * (disable-comments.ts).
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const DIRECTIVE = /^\s*tfjs-doctor-(disable-next-line|disable-line|disable)\b([^\n]*)$/;
const MARKER = 'tfjs-doctor-disable';
const NONE: Suppressions = { isSuppressed: () => false };

export interface Directive {
  readonly kind: 'disable-next-line' | 'disable-line' | 'disable';
  /** Undefined means every rule. */
  readonly rules: ReadonlySet<string> | undefined;
  /** 0-based line the directive applies to (unused for whole-file directives). */
  readonly line: number;
  readonly comment: Comment;
  /** The offset just after the last rule id (after the directive's name when it lists none). */
  readonly idsEnd: number;
}

function ruleList(text: string): string {
  // A description may follow ` -- `, as in ESLint.
  return text.split(/\s--\s/)[0]!.replace(/\*\/\s*$/, '').trimEnd();
}

function parseRules(list: string): ReadonlySet<string> | undefined {
  const ids = list.split(/[\s,]+/).filter((id) => id.length > 0);
  return ids.length > 0 ? new Set(ids) : undefined;
}

/** Whether the text has anything that could be a directive (without reading its comments). */
export function mayHaveSuppressions(text: string): boolean {
  return text.includes(MARKER);
}

/** The directive a comment holds, if its text starts with one. */
function directiveOf(text: string, comment: Comment, lineOf: (offset: number) => number): Directive | undefined {
  const bodyStart = comment.start + 2;
  const body = text.slice(bodyStart, comment.singleLine ? comment.end : comment.end - 2);
  const leading = body.length - body.trimStart().length;
  const firstLine = body.slice(leading).split(/\r\n|\r|\n/)[0]!;
  const match = DIRECTIVE.exec(firstLine);
  if (!match) return undefined;
  const kind = match[1] as Directive['kind'];
  const tail = match[2] ?? '';
  const list = ruleList(tail);
  return {
    kind,
    rules: parseRules(list),
    line: kind === 'disable-next-line' ? lineOf(comment.end) + 1 : lineOf(comment.start),
    comment,
    idsEnd: bodyStart + leading + firstLine.length - tail.length + list.length,
  };
}

/** The directives of a file, from its comments; `lineOf` maps an offset to a 0-based line. */
export function readDirectives(sourceFile: ts.SourceFile, lineOf: (offset: number) => number): Directive[] {
  const text = sourceFile.text;
  const directives: Directive[] = [];
  let lastComment = -1;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const comment = commentAt(sourceFile, at);
    if (!comment || comment.start === lastComment) continue;
    lastComment = comment.start;
    const directive = directiveOf(text, comment, lineOf);
    if (directive) directives.push(directive);
  }
  return directives;
}

export function readSuppressions(sourceFile: ts.SourceFile, lineOf: (offset: number) => number): Suppressions {
  if (!mayHaveSuppressions(sourceFile.text)) return NONE;
  const directives = readDirectives(sourceFile, lineOf);
  if (directives.length === 0) return NONE;
  const matches = (directive: Directive, ruleId: string): boolean => directive.rules === undefined || directive.rules.has(ruleId);
  return {
    isSuppressed(ruleId, line) {
      return directives.some((directive) => matches(directive, ruleId) && (directive.kind === 'disable' || directive.line === line));
    },
  };
}
