/**
 * Maps character offsets of a text to 0-based lines and characters, with the line breaks of the
 * Language Server Protocol and of editors: \n, \r\n and a lone \r.
 */
export class LineMap {
  /** The offset each line starts at. */
  private readonly starts: number[] = [0];
  /** The offset each line's text ends at (before its line break). */
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      this.ends.push(i);
      if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
      this.starts.push(i + 1);
    }
    this.ends.push(text.length);
  }

  /** 0-based line and character of an offset (an offset inside a \r\n is the end of its line). */
  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(offset, this.ends[low]!) - this.starts[low]! };
  }

  /** The offset of a 0-based line and character (clamped to the line's text). */
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const index = Math.max(0, line);
    return Math.min(this.starts[index]! + Math.max(0, character), this.ends[index]!);
  }

  lineText(line: number): string {
    if (line >= this.starts.length || line < 0) return '';
    return this.text.slice(this.starts[line]!, this.ends[line]!);
  }
}
