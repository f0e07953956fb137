/**
 * Positions as editors and report readers count them: lines end at CR LF, CR or LF (LSP, ESLint's
 * JSON and SARIF agree on these three), characters are UTF-16 code units.
 */

export function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Why a 0-based position is not in the text, or undefined if it is. */
export function positionProblem(position: Position, lines: readonly string[]): string | undefined {
  if (!isCount(position?.line) || !isCount(position?.character)) return `not a position: ${JSON.stringify(position)}`;
  if (position.line >= lines.length) return `line ${position.line} past the last line (${lines.length - 1})`;
  const length = lines[position.line]!.length;
  if (position.character > length) return `character ${position.character} past the end of line ${position.line} (length ${length})`;
  return undefined;
}

export function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Why a range is not a range of the text, or undefined if it is. */
export function rangeProblem(range: Range, lines: readonly string[]): string | undefined {
  const problem = positionProblem(range?.start, lines) ?? positionProblem(range?.end, lines);
  if (problem) return problem;
  if (before(range.end, range.start)) return `range ends before it starts: ${JSON.stringify(range)}`;
  return undefined;
}

/** Why 1-based line/column positions with an exclusive end column (ESLint, SARIF) are not in the text. */
export function lineColumnProblem(location: { line: unknown; column: unknown; endLine: unknown; endColumn: unknown }, lines: readonly string[]): string | undefined {
  const { line, column, endLine, endColumn } = location;
  if (![line, column, endLine, endColumn].every((value) => typeof value === 'number' && Number.isInteger(value) && value >= 1)) {
    return `not a location: ${JSON.stringify(location)}`;
  }
  return rangeProblem(
    { start: { line: (line as number) - 1, character: (column as number) - 1 }, end: { line: (endLine as number) - 1, character: (endColumn as number) - 1 } },
    lines,
  );
}
