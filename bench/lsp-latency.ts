import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, uriOf } from '../test/support/lsp-client';
import { modelFile, writeCorpus } from './corpus';
import { percentile, report } from './report';

/**
 * Language-server latency over stdio, as the editor sees it:
 * - cold: from starting the server to the first diagnostics of an opened 300-line model file;
 * - warm: from a keystroke (didChange) to the diagnostics for that version, over many keystrokes;
 * - memory: the server's resident size after indexing a 250-file workspace and opening 20 files.
 */
async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-lsp-'));
  const text = modelFile(7, 300);
  const file = path.join(dir, 'model.ts');
  fs.writeFileSync(file, text);
  const uri = uriOf(file);

  const coldRuns: { startToReady: number; startToDiagnostics: number; openToDiagnostics: number }[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const client = new LspClient();
    await client.initialize(dir);
    // Ready: the handshake is done and the editor's activation can finish.
    const opened = performance.now();
    const published = client.diagnostics(uri);
    await client.open(uri, text);
    await published;
    const done = performance.now();
    coldRuns.push({ startToReady: opened - started, startToDiagnostics: done - started, openToDiagnostics: done - opened });
    await client.stop();
  }

  const client = new LspClient();
  await client.initialize(dir);
  const first = client.diagnostics(uri);
  await client.open(uri, text);
  await first;
  const latencies: number[] = [];
  const lines = text.split('\n');
  const editedLine = lines.findIndex((line) => line.includes('inputShape: [inputs]'));
  for (let keystroke = 0; keystroke < 300; keystroke++) {
    // Type a digit into a layer's units and back: the model changes on every keystroke.
    const edited = [...lines];
    edited[editedLine] = lines[editedLine]!.replace('units: 64', `units: 64${keystroke % 10}`);
    const sent = performance.now();
    const version = await client.change(uri, edited.join('\n'));
    await client.diagnosticsForVersion(uri, version);
    latencies.push(performance.now() - sent);
  }
  await client.stop();

  // Memory on a workspace of 250 model files, 20 of them open.
  const workspaceDir = path.join(dir, 'workspace');
  writeCorpus(workspaceDir, 250, 120);
  const big = new LspClient();
  await big.initialize(workspaceDir);
  const names = fs.readdirSync(workspaceDir).slice(0, 20);
  for (const name of names) {
    const target = uriOf(path.join(workspaceDir, name));
    const published = big.diagnostics(target);
    await big.open(target, fs.readFileSync(path.join(workspaceDir, name), 'utf8'));
    await published;
  }
  const rssMb = big.residentMemoryMb();
  await big.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const warm = latencies.slice(20);
  report('lsp-latency', {
    file: { lines: lines.length },
    coldStartToReadyMs: { median: percentile(coldRuns.map((r) => r.startToReady), 50), runs: coldRuns.map((r) => Math.round(r.startToReady)) },
    coldStartToFirstDiagnosticsMs: { median: percentile(coldRuns.map((r) => r.startToDiagnostics), 50), runs: coldRuns.map((r) => Math.round(r.startToDiagnostics)) },
    coldOpenToFirstDiagnosticsMs: { median: percentile(coldRuns.map((r) => r.openToDiagnostics), 50) },
    keystrokeToDiagnosticsMs: { p50: percentile(warm, 50), p95: percentile(warm, 95), max: Math.max(...warm), samples: warm.length },
    serverRssMb: { workspaceFiles: 250, openFiles: names.length, rss: rssMb },
    budgets: { ready: 300, keystrokeP50: 15, keystrokeP95: 40, coldFirstDiagnostics: 600, rssMb: 200 },
  });
}

void main();
