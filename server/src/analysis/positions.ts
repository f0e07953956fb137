/** Maps character offsets of a text to 0-based lines and characters. */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 0-based line and character of an offset. */
  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }

  /** The offset of a 0-based line and character (clamped to the text). */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, line)]!;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    return Math.min(start + Math.max(0, character), end);
  }

  lineText(line: number): string {
    const start = this.starts[line] ?? this.text.length;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}
