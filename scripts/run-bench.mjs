// Runs every benchmark in bench/ (compiled to out/bench) one after the other; figures land in bench/results/.
import { spawnSync } from 'node:child_process';

// editor-activation needs code-server and Chromium (scripts/install-code-server.sh); it says so when they are missing.
for (const name of ['lsp-latency', 'cli-throughput', 'import-graph', 'overfit-verdict', 'lr-range-grid', 'lr-range-scripts', 'training-overhead', 'editor-activation']) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [`out/bench/${name}.js`], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
