// test-process: own (runs `tfjs-doctor train` on training scripts in child processes and waits on them)
/**
 * The learning-curve doctor end to end: `tfjs-doctor train --format json` runs each script of
 * test-workspace/training-runs/ to its end in the check's worker, and the doctor must name the
 * pathology the script shows, at its fit call, while the script's healthy twin gets no finding.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { TrainingFinding } from '../overfit/src/training/types';
import type { TrainJson } from '../server/src/cli/train';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const RUNS = path.join(root, 'test-workspace', 'training-runs');
const CLI = path.join(root, 'dist', 'cli.js');

/** Each pathology's script, the check that must name it, and the fix it must carry (when it proposes one). */
const PATHOLOGIES: readonly { script: string; check: string; fix?: NonNullable<TrainingFinding['fix']>['kind'] }[] = [
  { script: 'diverging-loss.mjs', check: 'diverging-loss', fix: 'set-learning-rate' },
  { script: 'dying-relu.mjs', check: 'dying-relu' },
  { script: 'not-learning.mjs', check: 'not-learning', fix: 'set-learning-rate' },
  { script: 'oscillating-loss.mjs', check: 'oscillating-loss', fix: 'set-learning-rate' },
  { script: 'overfitting.mjs', check: 'overfitting', fix: 'add-early-stopping' },
  { script: 'still-improving.mjs', check: 'still-improving', fix: 'set-epochs' },
  { script: 'validation-below-training.mjs', check: 'unrepresentative-validation', fix: 'shuffle-before-split' },
  { script: 'vanishing-gradient.mjs', check: 'vanishing-gradient' },
];

function train(script: string): { code: number; json: TrainJson; stderr: string } {
  const run = cp.spawnSync(process.execPath, [CLI, 'train', path.join(RUNS, script), '--format', 'json'], {
    cwd: RUNS,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  let json: TrainJson;
  try {
    json = JSON.parse(run.stdout) as TrainJson;
  } catch {
    assert.fail(`no JSON from ${script} (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  assert.equal(json.error, undefined, json.error);
  return { code: run.status ?? -1, json, stderr: run.stderr };
}

/** The line of the script's fit call. */
function fitLine(script: string): number {
  const lines = fs.readFileSync(path.join(RUNS, script), 'utf8').split('\n');
  return lines.findIndex((line) => line.includes('model.fit(')) + 1;
}

describe('learning-curve doctor on real training runs', () => {
  it('has a healthy twin for every pathology script, and no script without a check', () => {
    const scripts = fs.readdirSync(RUNS).filter((name) => name.endsWith('.mjs')).sort();
    const expected = PATHOLOGIES.flatMap(({ script }) => [script, script.replace(/\.mjs$/, '-healthy.mjs')]).sort();
    assert.deepEqual(scripts, expected);
  });

  for (const { script, check, fix } of PATHOLOGIES) {
    it(`${check}: named on ${script}, at its fit call${fix ? `, with a ${fix} fix` : ''}`, () => {
      const { code, json } = train(script);
      const findings = json.findings.filter((finding) => finding.id === check);
      assert.equal(findings.length, 1, `findings: ${json.findings.map((finding) => `${finding.id}: ${finding.message}`).join('\n')}`);
      const finding = findings[0]!;
      const file = path.join(RUNS, script);
      assert.deepEqual(finding.at, { file, line: fitLine(script) });
      assert.ok(finding.evidence.epochs.length > 0 && finding.evidence.epochs.length === finding.evidence.values.length);
      assert.ok(finding.causes.length > 0);
      assert.equal(finding.fix?.kind, fix);
      if (finding.fix) assert.deepEqual(finding.fix.at, finding.at);
      assert.equal(code, json.findings.some((candidate) => candidate.severity === 'error') ? 1 : 0, 'exit code follows the worst severity');
    });

    const twin = script.replace(/\.mjs$/, '-healthy.mjs');
    it(`${check}: no finding on ${twin}`, () => {
      const { code, json } = train(twin);
      assert.deepEqual(
        json.findings.map((finding) => `${finding.id}: ${finding.message}`),
        [],
      );
      assert.equal(code, 0);
      assert.equal(json.record?.end, 'finished');
    });
  }
});
