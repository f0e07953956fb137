import { ts } from './typescript';

/**
 * Inline comments that silence findings:
 *   // tfjs-doctor-disable-next-line rule-a, rule-b   (the next line; no ids = every rule)
 *   // tfjs-doctor-disable-line rule-a                (the comment's own line)
 *   /* tfjs-doctor-disable rule-a *\/                  (the whole file)
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const DIRECTIVE = /^\s*tfjs-doctor-(disable-next-line|disable-line|disable)\b([^\n]*)$/;
const NONE: Suppressions = { isSuppressed: () => false };

interface Directive {
  readonly kind: 'disable-next-line' | 'disable-line' | 'disable';
  /** Undefined means every rule. */
  readonly rules: ReadonlySet<string> | undefined;
  /** 0-based line the directive applies to (unused for whole-file directives). */
  readonly line: number;
}

function parseRules(text: string): ReadonlySet<string> | undefined {
  // A description may follow ` -- `, as in ESLint.
  const list = text.split(/\s--\s/)[0]!.replace(/\*\/\s*$/, '');
  const ids = list.split(/[\s,]+/).filter((id) => id.length > 0);
  return ids.length > 0 ? new Set(ids) : undefined;
}

function commentBody(text: string, kind: ts.SyntaxKind): string {
  return kind === ts.SyntaxKind.SingleLineCommentTrivia ? text.slice(2) : text.slice(2, -2);
}

/** Reads the directives of a file; `lineOf` maps an offset to a 0-based line. */
/** Whether the text has anything that could be a directive (without reading its comments). */
export function mayHaveSuppressions(text: string): boolean {
  return text.includes('tfjs-doctor-disable');
}

export function readSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  if (!mayHaveSuppressions(text)) return NONE;
  const directives: Directive[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const body = commentBody(scanner.getTokenText(), token);
    const match = DIRECTIVE.exec(body.trim().split('\n')[0]!);
    if (!match) continue;
    const kind = match[1] as Directive['kind'];
    const line = lineOf(scanner.getTokenStart());
    directives.push({ kind, rules: parseRules(match[2] ?? ''), line: kind === 'disable-next-line' ? lineOf(scanner.getTokenEnd()) + 1 : line });
  }
  if (directives.length === 0) return NONE;
  const matches = (directive: Directive, ruleId: string): boolean => directive.rules === undefined || directive.rules.has(ruleId);
  return {
    isSuppressed(ruleId, line) {
      return directives.some((directive) => matches(directive, ruleId) && (directive.kind === 'disable' || directive.line === line));
    },
  };
}
