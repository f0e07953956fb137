import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageRoot } from '../server/src/docs';
import { importGraphFiles } from '../test/support/import-graph';
import { LspClient, uriOf } from '../test/support/lsp-client';
import { percentile, report } from './report';

/**
 * How `tfjs-doctor lint` scales with the size of an import graph: a chain of files, each importing
 * the next, and a cycle, where the last file imports the first. Every file exports a constant built
 * from its import and a model factory; the first file trains a model with a mistake, which must be
 * reported at every size. Linear analysis means the time per file stays flat as the graph grows.
 * In the editor: keystroke-to-diagnostics in the middle and at the head of a 1,200-file chain.
 */

type Shape = 'chain' | 'cycle';

/** Writes the generated import graph into `dir`. */
export function writeImportGraph(dir: string, count: number, shape: Shape): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(importGraphFiles(count, shape))) fs.writeFileSync(path.join(dir, name), text);
}

interface Measurement {
  readonly files: number;
  readonly ms: number;
  readonly msPerFile: number;
  readonly peakRssMb: number;
  readonly mistakeReported: boolean;
}

function measure(cli: string, dir: string, files: number): Measurement {
  const started = performance.now();
  // /usr/bin/time is not everywhere; the process reports its own peak RSS through an exit hook.
  const result = cp.spawnSync(process.execPath, ['--require', path.join(__dirname, 'peak-rss.js'), cli, 'lint', dir, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`lint failed (${result.status}): ${result.stderr}`);
  const peak = /peak-rss-mb=(\d+)/.exec(result.stderr)?.[1];
  const reports = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
  const first = reports.find((entry) => path.basename(entry.filePath) === 'm0.js');
  return {
    files,
    ms: Math.round(ms),
    msPerFile: Math.round((ms / files) * 100) / 100,
    peakRssMb: peak ? Number(peak) : Number.NaN,
    mistakeReported: first?.messages.some((message) => message.ruleId === 'softmax-with-binary-crossentropy') ?? false,
  };
}

/** Keystroke-to-diagnostics latency in the language server, editing one file of the graph in `dir`. */
async function keystrokes(dir: string, name: string, count: number): Promise<{ p50: number; p95: number; max: number }> {
  const file = path.join(dir, name);
  const uri = uriOf(file);
  const text = fs.readFileSync(file, 'utf8');
  const client = new LspClient();
  await client.initialize(dir);
  const first = client.diagnostics(uri, () => true, 120_000);
  await client.open(uri, text, 'javascript');
  await first;
  const latencies: number[] = [];
  for (let keystroke = 0; keystroke < count; keystroke++) {
    const sent = performance.now();
    const version = await client.change(uri, text.replace("activation: 'relu'", `activation: 'relu', name: 'k${keystroke}'`));
    await client.diagnosticsForVersion(uri, version, 120_000);
    latencies.push(performance.now() - sent);
  }
  await client.stop();
  const warm = latencies.slice(5);
  return { p50: percentile(warm, 50), p95: percentile(warm, 95), max: Math.round(Math.max(...warm)) };
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const chainSizes = sizes.length > 0 ? sizes : [250, 500, 1000, 2000];
  const cycleSizes = sizes.length > 0 ? sizes : [125, 250, 500];
  const cli = path.join(packageRoot(), 'dist', 'cli.js');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-bench-imports-'));
  const run = (shape: Shape, count: number): Measurement => {
    const dir = path.join(root, `${shape}-${count}`);
    writeImportGraph(dir, count, shape);
    return measure(cli, dir, count);
  };
  try {
    const chain = chainSizes.map((count) => run('chain', count));
    const cycle = cycleSizes.map((count) => run('cycle', count));
    const editorDir = path.join(root, 'editor-chain-1200');
    writeImportGraph(editorDir, 1200, 'chain');
    const editor = {
      files: 1200,
      keystrokeMiddleMs: await keystrokes(editorDir, 'm600.js', 35),
      keystrokeHeadMs: await keystrokes(editorDir, 'm0.js', 35),
    };
    report('import-graph', { chain, cycle, editor, budget: 'time per file flat as the graph grows; the mistake in m0.js reported at every size' });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
