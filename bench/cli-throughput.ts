import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rules } from '../rules/index';
import { Workspace, collectSourceFiles } from '../server/src/analysis/workspace';
import { packageRoot } from '../server/src/docs';
import { writeCorpus } from './corpus';
import { percentile, report } from './report';

/**
 * Lines per second of `tfjs-doctor lint` on a generated corpus of 250 JavaScript model files,
 * end to end (a fresh process, as CI runs it) and for the engine alone, next to ESLint with its
 * recommended rules on the same files.
 */
function timeCommand(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = cp.spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return performance.now() - started;
}

function main(): void {
  const root = packageRoot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-cli-'));
  const corpus = path.join(dir, 'corpus');
  const lines = writeCorpus(corpus, 250, 200, true);
  fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), `import js from ${JSON.stringify(path.join(root, 'node_modules', '@eslint', 'js', 'src', 'index.js'))};
export default [js.configs.recommended, { languageOptions: { sourceType: 'commonjs', globals: { console: 'readonly', require: 'readonly', module: 'readonly' } } }];
`);

  const cli = path.join(root, 'dist', 'cli.js');
  const eslint = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  timeCommand(process.execPath, [cli, 'lint', 'corpus', '-f', 'json'], dir);
  const doctor = [0, 1, 2, 3, 4].map(() => timeCommand(process.execPath, [cli, 'lint', 'corpus', '-f', 'json'], dir));
  const eslintTimes = [0, 1, 2].map(() => timeCommand(process.execPath, [eslint, '--format', 'json', 'corpus'], dir));

  const files = collectSourceFiles(corpus);
  const engine = [0, 1, 2, 3, 4].map(() => {
    const started = performance.now();
    // Configured as the command configures it: each graph goes once its findings are known.
    new Workspace({ keepGraphs: false }).lintFiles(files, rules, {});
    return performance.now() - started;
  });
  fs.rmSync(dir, { recursive: true, force: true });

  const perSecond = (ms: number): number => Math.round(lines / (ms / 1000));
  report('cli-throughput', {
    corpus: { files: files.length, lines },
    tfjsDoctorEndToEnd: { medianMs: percentile(doctor, 50), linesPerSecond: perSecond(percentile(doctor, 50)) },
    tfjsDoctorEngine: { medianMs: percentile(engine, 50), linesPerSecond: perSecond(percentile(engine, 50)) },
    eslintRecommendedEndToEnd: { medianMs: percentile(eslintTimes, 50), linesPerSecond: perSecond(percentile(eslintTimes, 50)) },
    budgets: { linesPerSecond: 25_000, notSlowerThanEslint: true },
  });
}

main();
