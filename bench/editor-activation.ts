import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../server/src/docs';
import { runInWorkbench, workbenchUnavailable } from '../test/editor/workbench';
import { percentile, report } from './report';

/**
 * The extension in a real VS Code (code-server in Chromium, as the editor tests run it), each run a
 * fresh editor on a copy of the sample workspace, from opening a model file:
 * - activation to ready: from the start of activate() until the language server's handshake is done;
 * - open to findings: from opening the file until its findings are in the Problems panel.
 * Three scenarios (bench/editor/activation-probe.ts): `startup`, the file opened while the workbench
 * is still starting; `opened`, the file opened in a workbench that has finished starting; `command`,
 * the extension activated by one of its commands in a started workbench, then the file opened. The
 * first run starts without the language server's code cache, as after installing the extension.
 */

const RUNS_PER_SCENARIO = Number(process.argv[2] ?? 5);
const SCENARIOS = ['startup', 'opened', 'command'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Run {
  scenario: Scenario;
  activationToReadyMs: number;
  openToFindingsMs: number;
}

async function measure(scenario: Scenario, cacheDirectory: string): Promise<Run> {
  const root = packageRoot();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-editor-'));
  fs.cpSync(path.join(root, 'test-workspace'), workspace, { recursive: true });
  const metrics = new Map<string, number>();
  try {
    const code = await runInWorkbench({
      testsPath: path.join(root, 'out', 'bench', 'editor', 'activation-probe.js'),
      workspace,
      env: { TFJS_DOCTOR_BENCH_SCENARIO: scenario, TFJS_DOCTOR_CACHE_DIR: cacheDirectory },
      timeoutMs: 120_000,
      async onLog(_page, type, text) {
        const metric = /^metric:([\w-]+):([\d.]+)$/.exec(text);
        if (metric) metrics.set(metric[1]!, Number(metric[2]));
        else if (type === 'error' || /Error/.test(text)) console.error(text);
      },
    });
    const activationToReadyMs = metrics.get('activation-to-ready-ms');
    const openToFindingsMs = metrics.get('open-to-findings-ms');
    if (code !== 0 || activationToReadyMs === undefined || openToFindingsMs === undefined) throw new Error(`the ${scenario} run failed (exit code ${code})`);
    return { scenario, activationToReadyMs, openToFindingsMs };
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const unavailable = workbenchUnavailable();
  if (unavailable) {
    console.log(`skipped: ${unavailable}`);
    return;
  }
  const cacheDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-cache-'));
  try {
    const firstRun = await measure('opened', cacheDirectory);
    console.log(`first run, no code cache: ${JSON.stringify(firstRun)}`);
    const runs: Run[] = [];
    for (let index = 0; index < RUNS_PER_SCENARIO * SCENARIOS.length; index++) {
      const run = await measure(SCENARIOS[index % SCENARIOS.length]!, cacheDirectory);
      console.log(JSON.stringify(run));
      runs.push(run);
    }
    const summary = (scenario: Scenario): Record<string, unknown> => {
      const of = runs.filter((run) => run.scenario === scenario);
      return {
        activationToReadyMs: { median: percentile(of.map((run) => run.activationToReadyMs), 50), runs: of.map((run) => run.activationToReadyMs) },
        openToFindingsMs: { median: percentile(of.map((run) => run.openToFindingsMs), 50), runs: of.map((run) => run.openToFindingsMs) },
      };
    };
    report('editor-activation', {
      editor: 'VS Code 1.100 (code-server) in Chromium',
      firstRunWithoutCodeCache: firstRun,
      startup: summary('startup'),
      opened: summary('opened'),
      command: summary('command'),
      budgets: { activationToReadyMs: 300 },
    });
  } finally {
    fs.rmSync(cacheDirectory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
