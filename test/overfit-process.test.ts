// test-process: own (changes TMPDIR of its process and kills the processes the check starts)
/**
 * The overfit check's process: what the script starts ends with the check, the bundle's folder goes
 * with it, memory outside the heap counts, escaped errors get a message, and the script does not see
 * the environment's secrets.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { scriptEnvironment } from '../overfit/src/environment';
import { runWorker } from '../overfit/src/runner';
import type { OverfitResult } from '../overfit/src/types';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const CLI = path.join(root, 'dist', 'cli.js');
const WORKER = path.join(root, 'dist', 'overfit-worker.js');
const FIXTURES = path.join(root, 'test', 'overfit-fixtures');

interface ScriptProcesses {
  readonly worker: number;
  readonly helper: number;
  /** What the temporary folder held while the script ran: the check's own folder. */
  readonly temporary: readonly string[];
}

/** Whether a process runs; a zombie (killed, not yet reaped by whichever process adopted it) does not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Where the fixtures note their process ids, in the temporary folder. */
const NOTES = 'processes.json';

describe('the overfit check process', () => {
  let dir: string;
  /** The temporary folder the command line runs with, where the check makes its scratch folder. */
  let tmp: string;
  let started: number[];

  beforeEach(() => {
    // Apart: the script's writes reach the temporary folder as they are, and nothing of the project.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-process-'));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-process-tmp-'));
    started = [];
  });

  afterEach(() => {
    // Whatever a failed test left running.
    for (const pid of started) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Copies a fixture into the test's project folder. */
  const fixture = (name: string): string => {
    const file = path.join(dir, name);
    fs.copyFileSync(path.join(FIXTURES, name), file);
    return file;
  };

  const cliArgs = (file: string, ...args: string[]): string[] => [CLI, 'overfit', file, '--format', 'json', '--steps', '50', ...args];
  const cliEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', TMPDIR: tmp, TMP: tmp, TEMP: tmp, ...extra });

  const check = (name: string, args: readonly string[] = [], env?: NodeJS.ProcessEnv): { code: number; stdout: string; stderr: string } => {
    const run = cp.spawnSync(process.execPath, cliArgs(fixture(name), ...args), { cwd: dir, encoding: 'utf8', env: cliEnv(env), timeout: 60_000 });
    return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
  };

  const processes = (): ScriptProcesses | undefined => {
    try {
      const noted = JSON.parse(fs.readFileSync(path.join(tmp, NOTES), 'utf8')) as ScriptProcesses;
      started.push(noted.worker, noted.helper);
      return noted;
    } catch {
      return undefined;
    }
  };

  /** The worker and the helper the script started are gone, and so is the folder the script ran from. */
  const assertAllGone = async (noted: ScriptProcesses): Promise<void> => {
    // A killed process can take a moment to be taken off the process table.
    await waitFor('the processes to end', () => (isRunning(noted.worker) || isRunning(noted.helper) ? undefined : true), 5000).catch(() => undefined);
    assert.ok(!isRunning(noted.helper), `the script's helper process ${noted.helper} survived`);
    assert.ok(!isRunning(noted.worker), `the worker ${noted.worker} survived`);
    assert.ok(noted.temporary.some((name) => name.startsWith('tfjs-doctor-')), `the check made its folder in the temporary folder: ${noted.temporary.join(', ')}`);
    assert.deepEqual(fs.readdirSync(tmp).filter((name) => name !== NOTES), [], 'nothing of the check is left in the temporary folder');
  };

  describe('what the script starts ends with the check, and its bundle is removed', () => {
    it('when the check ends with a verdict', async () => {
      const outcome = check('starts-helper-then-trains.mjs');
      assert.ok([0, 1, 3].includes(outcome.code), outcome.stderr);
      await assertAllGone(processes()!);
    });

    it('when the check is stopped at the time limit', async () => {
      const outcome = check('starts-helper-then-hangs.mjs', ['--time-limit', '3']);
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /did not finish within 3 s/);
      await assertAllGone(processes()!);
    });

    it('when the check is cancelled', async () => {
      const file = fixture('starts-helper-then-hangs.mjs');
      const abort = new AbortController();
      const previousTmp = process.env['TMPDIR'];
      process.env['TMPDIR'] = tmp;
      try {
        const outcome = runWorker(
          { file, mode: 'execute', targets: [], steps: 50, batchSize: 8, searchPaths: [] },
          { workerPath: WORKER, timeLimitMs: 60_000, memoryLimitMb: 2048, cwd: dir, signal: abort.signal },
        );
        const noted = await waitFor('the script to start its helper', processes);
        abort.abort();
        assert.equal((await outcome).kind, 'cancelled');
        await assertAllGone(noted);
      } finally {
        if (previousTmp === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = previousTmp;
      }
    });

    it('when the command line is interrupted', async () => {
      const cli = cp.spawn(process.execPath, cliArgs(fixture('starts-helper-then-hangs.mjs'), '--time-limit', '60'), { cwd: dir, env: cliEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => cli.once('exit', resolve));
      try {
        const noted = await waitFor('the script to start its helper', processes);
        cli.kill('SIGINT');
        assert.equal(await exited, 2);
        assert.match(stderr, /the overfit check was cancelled/);
        await assertAllGone(noted);
      } finally {
        cli.kill('SIGKILL');
      }
    });

    it('when the process that started the check is killed', async () => {
      const cli = cp.spawn(process.execPath, cliArgs(fixture('starts-helper-then-hangs.mjs'), '--time-limit', '60'), { cwd: dir, env: cliEnv(), stdio: 'ignore' });
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      try {
        const noted = await waitFor('the script to start its helper', processes);
        cli.kill('SIGKILL');
        await exited;
        await assertAllGone(noted);
      } finally {
        cli.kill('SIGKILL');
      }
    });
  });

  describe('memory outside the heap counts toward the limit', () => {
    it('a script that fills Buffers in a loop that never yields is stopped by the runner', () => {
      const outcome = check('allocates-buffers.mjs', ['--memory-limit', '300', '--time-limit', '20']);
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /used more than 300 MB of memory/);
    });

    it('a script that allocates array buffers it never touches is stopped by the worker', () => {
      const outcome = check('reserves-array-buffers.mjs', ['--memory-limit', '300', '--time-limit', '20']);
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /used more than 300 MB of memory/);
    });
  });

  describe('errors that escape the script', () => {
    it('a rejection nothing handles is reported as the script error, with its line', () => {
      const outcome = check('unhandled-rejection.mjs');
      assert.equal(outcome.code, 2);
      assert.match(outcome.stderr, /the script threw before training a model: the data server refused the connection \(.*unhandled-rejection\.mjs:5\)/);
      assert.doesNotMatch(outcome.stderr, /exited with code/);
    });

    it('a throw in a callback is reported the same way (its model, never compiled, is checked in static mode with a stand-in compile)', () => {
      const outcome = check('throws-in-callback.mjs');
      assert.equal(outcome.code, 3, outcome.stdout + outcome.stderr);
      const result = JSON.parse(outcome.stdout) as OverfitResult;
      assert.equal(result.fallback?.reason, 'script-failed');
      assert.match(result.fallback?.message ?? '', /^the script threw before training a model: the data file is malformed \(.*throws-in-callback\.mjs:6\)/);
      assert.doesNotMatch(outcome.stdout + outcome.stderr, /exited with code/);
    });
  });

  describe('the environment the script sees', () => {
    it('has what Node and tfjs need, and not the secrets of the process that started the check', () => {
      const outcome = check('prints-environment.mjs', [], {
        GITHUB_TOKEN: 'ghp_not-a-real-token',
        NODE_AUTH_TOKEN: 'npm-not-a-real-token',
        TFJS_DOCTOR_TEST_SECRET: 'hunter2',
        NODE_OPTIONS: '--no-deprecation',
        LANG: 'C.UTF-8',
      });
      assert.equal(outcome.code, 2, outcome.stderr);
      const seen = JSON.parse(fs.readFileSync(path.join(tmp, 'environment.json'), 'utf8')) as Record<string, string>;
      for (const secret of ['GITHUB_TOKEN', 'NODE_AUTH_TOKEN', 'TFJS_DOCTOR_TEST_SECRET', 'NODE_OPTIONS']) assert.equal(seen[secret], undefined, `${secret} reached the script`);
      assert.equal(seen['PATH'], process.env['PATH']);
      assert.equal(seen['LANG'], 'C.UTF-8');
      assert.equal(seen['TMPDIR'], tmp);
    });

    it('is an allowlist, matched without regard to case on Windows', () => {
      const base = { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', AWS_SECRET_ACCESS_KEY: 'key', LC_ALL: 'C', lang: 'x' };
      assert.deepEqual(scriptEnvironment(base, 'win32'), { Path: 'C:\\Windows', SystemRoot: 'C:\\Windows', LC_ALL: 'C', lang: 'x', ELECTRON_RUN_AS_NODE: '1' });
      assert.deepEqual(scriptEnvironment(base, 'linux'), { LC_ALL: 'C', ELECTRON_RUN_AS_NODE: '1' });
    });
  });
});
