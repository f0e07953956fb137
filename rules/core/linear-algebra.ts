/** Small dense linear algebra for rules that reason about known data exactly. */

/** `Aᵀ A` of a row-major matrix with `rows` rows and `columns` columns. */
export function gram(values: readonly number[], rows: number, columns: number): number[][] {
  const result = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
  for (let row = 0; row < rows; row++) {
    for (let i = 0; i < columns; i++) {
      const a = values[row * columns + i]!;
      if (a === 0) continue;
      for (let j = i; j < columns; j++) result[i]![j]! += a * values[row * columns + j]!;
    }
  }
  for (let i = 0; i < columns; i++) for (let j = 0; j < i; j++) result[i]![j] = result[j]![i]!;
  return result;
}

/**
 * The largest eigenvalue of a symmetric positive semi-definite matrix, by power iteration (exact
 * enough for a bound: it converges from below, and the iteration count is generous for the small
 * matrices of known data).
 */
export function largestEigenvalue(matrix: readonly (readonly number[])[], iterations = 500): number {
  const size = matrix.length;
  if (size === 0) return 0;
  let vector = Array.from({ length: size }, (_, index) => 1 + index / size);
  let eigenvalue = 0;
  for (let step = 0; step < iterations; step++) {
    const next = matrix.map((row) => row.reduce((total, value, index) => total + value * vector[index]!, 0));
    const norm = Math.hypot(...next);
    if (norm === 0) return 0;
    const estimate = next.reduce((total, value, index) => total + value * vector[index]!, 0) / vector.reduce((total, value) => total + value * value, 0);
    vector = next.map((value) => value / norm);
    if (Math.abs(estimate - eigenvalue) <= 1e-12 * Math.abs(estimate)) return estimate;
    eigenvalue = estimate;
  }
  return eigenvalue;
}
