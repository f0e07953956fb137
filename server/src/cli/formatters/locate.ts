import type { Span } from '../../../../rules/core/span';
import { LineMap } from '../../analysis/positions';

/** 1-based positions with an exclusive end column, as ESLint and SARIF count them. */
export interface Location {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Computes report positions for spans of many files, mapping each text once. */
export class Locator {
  private readonly maps = new Map<string, LineMap>();

  constructor(private readonly read: (file: string) => string) {}

  map(file: string): LineMap {
    let map = this.maps.get(file);
    if (!map) this.maps.set(file, (map = new LineMap(this.read(file))));
    return map;
  }

  locate(span: Span): Location {
    const map = this.map(span.file);
    const start = map.position(span.start);
    const end = map.position(span.end);
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  }
}
