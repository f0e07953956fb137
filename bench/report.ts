import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../server/src/docs';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[index]! * 100) / 100;
}

/** Prints a benchmark's figures and keeps them in bench/results/ (ignored by git). */
export function report(name: string, figures: Record<string, unknown>): void {
  const record = { name, date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, ...figures };
  const text = JSON.stringify(record, null, 2);
  console.log(text);
  const dir = path.join(packageRoot(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${text}\n`);
}
