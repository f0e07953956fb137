/** Runs `tfjs-doctor overfit` from the built CLI, as a user's terminal or CI would, and reads its JSON. */
import * as cp from 'node:child_process';
import * as path from 'node:path';
import type { OverfitResult } from '../../overfit/src/types';
import { packageRoot } from '../../server/src/docs';

export const CLI = path.join(packageRoot(), 'dist', 'cli.js');
export const FIXTURES = path.join(packageRoot(), 'test', 'overfit-fixtures');

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON report, when stdout held one. */
  readonly result?: OverfitResult;
}

/** `overfit <file> --format json --steps <steps> ...args`, from `cwd` when given. */
export function runOverfit(file: string, args: readonly string[], options: { readonly steps: number; readonly cwd?: string }): Outcome {
  const run = cp.spawnSync(process.execPath, [CLI, 'overfit', file, '--format', 'json', '--steps', String(options.steps), ...args], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  let result: OverfitResult | undefined;
  try {
    result = JSON.parse(run.stdout) as OverfitResult;
  } catch {
    result = undefined;
  }
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, ...(result ? { result } : {}) };
}
