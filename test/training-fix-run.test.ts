// test-process: own (runs training scripts through the command line)
/**
 * The doctor's fixes, end to end: a script the doctor finds a problem in, its fix placed in the code,
 * and the fixed script run again, which must run and must no longer show the problem (or, for early
 * stopping, must stop early).
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TrainJson } from '../server/src/cli/train';
import { applyEdits } from '../server/src/analysis/edits';
import { trainingFixEdit } from '../server/src/analysis/training-fixes';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const CLI = path.join(root, 'dist', 'cli.js');
const RUNS = path.join(root, 'test-workspace', 'training-runs');

function train(file: string): TrainJson {
  const run = cp.spawnSync(process.execPath, [CLI, 'train', file, '--format', 'json'], { cwd: path.dirname(file), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(run.stdout.trim().startsWith('{'), `the command printed JSON: ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
  return JSON.parse(run.stdout) as TrainJson;
}

describe('training fixes, run again', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-training-fix-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The script with the fix of its finding of `id` applied, written beside the others in the temporary folder. */
  function fixedCopy(name: string, id: string): { readonly file: string; readonly kind: string; readonly text: string; readonly epochs?: number } {
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(RUNS, name), file);
    const before = train(file);
    const finding = before.findings.find((candidate) => candidate.id === id);
    assert.ok(finding?.fix, `${name}: a ${id} finding with a fix; got ${JSON.stringify(before.findings.map((candidate) => candidate.id))}`);
    const text = fs.readFileSync(file, 'utf8');
    const placed = trainingFixEdit(file, text, finding.fix);
    assert.ok(placed.kind === 'edit', placed.kind === 'unplaced' ? placed.reason : '');
    const fixed = applyEdits(text, placed.edits);
    fs.writeFileSync(file, fixed);
    return { file, kind: finding.fix.kind, text: fixed, ...(finding.fix.kind === 'set-epochs' ? { epochs: finding.fix.epochs } : {}) };
  }

  it('shuffling before the validation split makes the validation set representative', () => {
    const { file, kind, text } = fixedCopy('validation-below-training.mjs', 'unrepresentative-validation');
    assert.equal(kind, 'shuffle-before-split');
    assert.match(text, /tf\.gather\(xs, shuffledOrder\)/);
    const after = train(file);
    assert.equal(after.record?.end, 'finished', after.error ?? after.record?.error);
    assert.deepEqual(after.findings.map((finding) => finding.id), []);
  });

  it('early stopping ends an overfitting run before its epochs are done', () => {
    const { file, kind } = fixedCopy('overfitting.mjs', 'overfitting');
    assert.equal(kind, 'add-early-stopping');
    const after = train(file);
    const call = after.record?.calls[0];
    assert.equal(after.record?.end, 'finished', after.error ?? after.record?.error);
    assert.ok(call && call.config.epochs !== undefined && call.epochs.length < call.config.epochs, `stopped early: ${call?.epochs.length} of ${call?.config.epochs} epochs`);
    assert.equal(call.config.earlyStopping, true);
  });

  it('a run that was still improving trains the epochs the fix sets, to a lower validation loss', () => {
    const original = train(path.join(RUNS, 'still-improving.mjs')).record?.calls[0];
    const { file, kind, epochs } = fixedCopy('still-improving.mjs', 'still-improving');
    assert.equal(kind, 'set-epochs');
    const call = train(file).record?.calls[0];
    assert.equal(call?.epochs.length, epochs);
    const last = (record: typeof call) => record?.epochs.at(-1)?.logs['val_loss'] ?? Number.NaN;
    assert.ok(last(call) < last(original), `val_loss ${last(original)} → ${last(call)}`);
  });
});
