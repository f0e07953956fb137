/**
 * Expected findings written in a fixture under the code they flag:
 *
 *     model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
 *     //                                                 ^^^^^^^^^ error: softmax-with-binary-crossentropy
 *
 * The carets give the columns on the nearest code line above; the severity is optional.
 */
export interface Expectation {
  /** 0-based line of the flagged code. */
  readonly line: number;
  /** 0-based first column. */
  readonly column: number;
  /** 0-based column after the last caret. */
  readonly endColumn: number;
  readonly severity?: string;
  readonly ruleId: string;
}

const ANNOTATION = /^(\s*\/\/)(\s*)(\^+)\s+(?:(error|warning|info|hint):\s*)?([a-z0-9]+(?:-[a-z0-9]+)*)\s*$/;

export function isAnnotation(line: string): boolean {
  return ANNOTATION.test(line);
}

export function parseAnnotations(text: string): Expectation[] {
  const lines = text.split('\n');
  const expectations: Expectation[] = [];
  lines.forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (!match) return;
    let target = index - 1;
    while (target >= 0 && isAnnotation(lines[target]!)) target--;
    if (target < 0) throw new Error(`annotation on line ${index + 1} has no code above it`);
    const column = match[1]!.length + match[2]!.length;
    expectations.push({
      line: target,
      column,
      endColumn: column + match[3]!.length,
      ...(match[4] ? { severity: match[4] } : {}),
      ruleId: match[5]!,
    });
  });
  return expectations;
}
