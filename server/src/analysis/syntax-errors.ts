import { LineMap } from './positions';
import { ts } from './typescript';

/** A syntax error: where it is (1-based line and column) and what it is. */
export interface SyntaxErrorAt {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The parser records syntax errors on the source file without exposing them in the public API. */
interface WithParseDiagnostics {
  readonly parseDiagnostics?: readonly ts.Diagnostic[];
}

/** The first syntax error the parser met in a source file: its offset and message. */
export function firstParseError(sourceFile: ts.SourceFile): { readonly offset: number; readonly message: string } | undefined {
  const first = (sourceFile as unknown as WithParseDiagnostics).parseDiagnostics?.[0];
  return first ? { offset: first.start ?? 0, message: ts.flattenDiagnosticMessageText(first.messageText, ' ') } : undefined;
}

/** The error at an offset of `text`, on the lines editors count (TypeScript also breaks lines at U+2028 and U+2029). */
export function syntaxErrorAt(text: string, error: { readonly offset: number; readonly message: string }): SyntaxErrorAt {
  const position = new LineMap(text).position(error.offset);
  return { line: position.line + 1, column: position.character + 1, message: error.message };
}
