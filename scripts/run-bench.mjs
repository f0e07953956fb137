// Runs every benchmark in bench/ (compiled to out/bench) one after the other; figures land in bench/results/.
import { spawnSync } from 'node:child_process';

for (const name of ['lsp-latency', 'cli-throughput', 'overfit-verdict']) {
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [`out/bench/${name}.js`], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
