import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WorkerOutcome } from './runner';
import { checkTrainingFunctions, MAX_OTHER_FUNCTIONS, otherFunctions } from './training-functions';
import type { ModelSpec, ModelTarget, OverfitRequest, OverfitResult, StepCall } from './types';

const FILE = '/project/agent.js';

function call(owner: string, line: number, extra: Partial<StepCall> = {}): StepCall {
  return { owner, line, trains: [0], parameters: [], ...extra };
}

function request(calls: readonly StepCall[], extra: Partial<OverfitRequest> = {}): OverfitRequest {
  return { file: FILE, mode: 'execute', targets: [], stepCalls: calls, batchSize: 32, seed: 1, searchPaths: [], ...extra };
}

function result(verdict: OverfitResult['verdict'], extra: Partial<OverfitResult> = {}): OverfitResult {
  return { verdict, model: 'policy', backend: 'cpu', mode: 'execute', data: { source: 'synthetic', batchSize: 32 }, steps: 10, initialLoss: 1, finalLoss: 0.5, ms: 5, losses: [1, 0.5], layers: [], causes: [], ...extra };
}

const detachedLoss = { id: 'loss-detached', severity: 'error' as const, message: 'No gradient reaches the weights.' };

/** A run of the check per function line: what each run asked for, and the outcome scripted for it. */
function scripted(outcomes: Record<string, WorkerOutcome>): { run: (request: OverfitRequest) => Promise<WorkerOutcome>; asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    run: (each) => {
      const key = each.at ? `:${each.at.line}` : 'default';
      asked.push(key);
      const outcome = outcomes[key];
      assert.ok(outcome, `no outcome for ${key}`);
      return Promise.resolve(outcome);
    },
  };
}

describe('the training functions a check goes through', () => {
  it('after one function in execute mode, every other; none asked for one function or model', () => {
    const calls = [call('imitate', 8), call('reward', 12)];
    const first = result('pass', { through: { name: 'imitate', line: 8 } });
    assert.deepEqual(otherFunctions(request(calls), first).map((each) => each.owner), ['reward']);
    assert.deepEqual(otherFunctions(request(calls, { at: { file: FILE, line: 8 } }), first), []);
    assert.deepEqual(otherFunctions(request(calls, { model: 'policy' }), first), []);
  });

  it('in execute mode none when the script trained by itself', () => {
    assert.deepEqual(otherFunctions(request([call('imitate', 8), call('reward', 12)]), result('pass')), []);
  });

  it('in static mode only the functions whose step the build trains through or knows to be cut off', () => {
    const loss = { graph: { nodes: [], root: 0, variables: [] }, line: 9, api: 'optimizer.minimize' };
    const model = (standIn: boolean): ModelTarget => ({ name: standIn ? 'policy' : 'critic', file: FILE, line: 3, spec: { kind: 'sequential', layers: [], compile: { optimizer: 'adam', loss: 'meanSquaredError', ...(standIn ? { standIn: true } : {}) } } as unknown as ModelSpec });
    const calls = [
      call('sampled', 8),
      call('reward', 12, { detached: { line: 13, api: 'tf.variableGrads' } }),
      call('other', 20),
      call('imitate', 30, { loss }),
      call('critic', 40, { loss, trains: [1] }),
      call('variables', 50, { loss, trains: [] }),
    ];
    const static_ = request(calls, { mode: 'static', targets: [model(true), model(false)] });
    // critic's model is compiled: the build trains it with the compile's loss, not the function's.
    assert.deepEqual(otherFunctions(static_, result('inconclusive', { mode: 'static' })).map((each) => each.owner), ['reward', 'imitate', 'variables']);
  });
});

describe('checking every training function', () => {
  it('a failure of another function is the verdict, with what the first gave', async () => {
    const { run, asked } = scripted({
      default: { kind: 'result', result: result('inconclusive', { through: { name: 'sampled', line: 8 }, inconclusive: { reason: 'stand-in-values', message: 'Made-up data.' } }) },
      ':12': { kind: 'result', result: result('fail', { through: { name: 'reward', line: 12 }, causes: [detachedLoss], line: 13 }) },
    });
    const outcome = await checkTrainingFunctions(request([call('sampled', 8), call('reward', 12)]), 60_000, run);
    assert.deepEqual(asked, ['default', ':12']);
    assert.equal(outcome.kind, 'result');
    const checked = (outcome as Extract<WorkerOutcome, { kind: 'result' }>).result;
    assert.equal(checked.verdict, 'fail');
    assert.equal(checked.line, 13);
    assert.deepEqual(checked.otherFunctions, [{ name: 'sampled', line: 8, verdict: 'inconclusive', why: 'Made-up data.' }]);
    assert.match(checked.notes![0]!, /this result is reward \(line 12\)'s, which fails\. The others: sampled \(line 8\) is inconclusive\./);
  });

  it('a first failure ends the check; a pass is kept with the others\' verdicts', async () => {
    const failing = scripted({ default: { kind: 'result', result: result('fail', { through: { name: 'a', line: 1 } }) } });
    await checkTrainingFunctions(request([call('a', 1), call('b', 5)]), 60_000, failing.run);
    assert.deepEqual(failing.asked, ['default']);

    const passing = scripted({
      default: { kind: 'result', result: result('pass', { through: { name: 'a', line: 1 } }) },
      ':5': { kind: 'failed', message: 'the script threw' },
    });
    const outcome = await checkTrainingFunctions(request([call('a', 1), call('b', 5)]), 60_000, passing.run);
    const checked = (outcome as Extract<WorkerOutcome, { kind: 'result' }>).result;
    assert.equal(checked.verdict, 'pass');
    assert.deepEqual(checked.otherFunctions, [{ name: 'b', line: 5, verdict: 'error', why: 'the script threw' }]);
    assert.match(checked.notes![0]!, /this result is a \(line 1\)'s\. The others: b \(line 5\) could not be checked \(the script threw\)\./);
  });

  it('goes through a bounded number of others and names the rest', async () => {
    const calls = Array.from({ length: MAX_OTHER_FUNCTIONS + 3 }, (_, index) => call(`step${index}`, index * 10 + 1));
    const outcomes: Record<string, WorkerOutcome> = { default: { kind: 'result', result: result('pass', { through: { name: 'step0', line: 1 } }) } };
    for (const each of calls.slice(1)) outcomes[`:${each.line}`] = { kind: 'result', result: result('pass', { through: { name: each.owner, line: each.line } }) };
    const { run, asked } = scripted(outcomes);
    const outcome = await checkTrainingFunctions(request(calls), 60_000, run);
    assert.equal(asked.length, 1 + MAX_OTHER_FUNCTIONS);
    const checked = (outcome as Extract<WorkerOutcome, { kind: 'result' }>).result;
    assert.match(checked.notes![0]!, /Not checked to keep the check short: step5 \(line 51\), step6 \(line 61\); run the check from their lenses\./);
  });

  it('the runs share the time limit: each gets what is left, and none starts with too little', async () => {
    const limits: number[] = [];
    const slow = async (each: OverfitRequest, timeLimitMs: number): Promise<WorkerOutcome> => {
      limits.push(timeLimitMs);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { kind: 'result', result: result('pass', { through: each.at ? { name: 'b', line: 5 } : { name: 'a', line: 1 } }) };
    };
    const plenty = await checkTrainingFunctions(request([call('a', 1), call('b', 5)]), 60_000, slow);
    assert.equal(limits.length, 2);
    assert.equal(limits[0], 60_000);
    assert.ok(limits[1]! < 60_000 && limits[1]! > 50_000, String(limits[1]));
    assert.equal((plenty as Extract<WorkerOutcome, { kind: 'result' }>).result.otherFunctions?.length, 1);
    limits.length = 0;
    const short = await checkTrainingFunctions(request([call('a', 1), call('b', 5)]), 3_020, slow);
    assert.equal(limits.length, 1, 'less than the least a run needs is left after the first');
    assert.match((short as Extract<WorkerOutcome, { kind: 'result' }>).result.notes![0]!, /Not checked in the time limit: b \(line 5\); run the check from its lens\./);
  });

  it('a cancelled run cancels the whole check', async () => {
    const { run } = scripted({ default: { kind: 'result', result: result('pass', { through: { name: 'a', line: 1 } }) }, ':5': { kind: 'cancelled' } });
    assert.deepEqual(await checkTrainingFunctions(request([call('a', 1), call('b', 5)]), 60_000, run), { kind: 'cancelled' });
  });
});
