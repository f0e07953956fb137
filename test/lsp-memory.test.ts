// test-process: own (measures the memory of a language server in a child process)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, uriOf } from './support/lsp-client';

/** How much the server's memory may grow from 50 to 300 opened and closed documents. */
const ALLOWED_GROWTH_MB = 60;

const SHARED = `export const hiddenUnits = 64;\n`;

/**
 * A model file of its own for every index (distinct names, sizes and layers, about 200 lines, as a
 * real model file), with one finding.
 */
function generatedModel(index: number): string {
  const hidden = Array.from(
    { length: 40 + (index % 9) },
    (_, layer) => `  model.add(tf.layers.dense({ units: hiddenUnits + ${layer + index}, activation: '${layer % 2 === 0 ? 'relu' : 'tanh'}' }));`,
  );
  const steps = Array.from(
    { length: 30 + (index % 7) },
    (_, step) => `  const scaled${step} = tf.tidy(() => xs.sub(tf.scalar(${step + index})).div(tf.scalar(${step + 1})));\n  scaled${step}.dispose();`,
  );
  return `import * as tf from '@tensorflow/tfjs';
import { hiddenUnits } from './shared';

export function createModel${index}() {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: ${16 + index}, inputShape: [${4 + (index % 13)}], activation: 'relu' }));
${hidden.join('\n')}
  model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

export function prepare${index}(xs: tf.Tensor) {
${steps.join('\n')}
  return xs;
}

export async function train${index}(xs: any, ys: any) {
  const model = createModel${index}();
  await model.fit(prepare${index}(xs), ys, { epochs: ${5 + (index % 7)}, batchSize: 32 });
  return model;
}
`;
}

/**
 * Has the server collect its garbage (test/support/collect-garbage-on-signal.ts), lets it settle,
 * and reads its resident memory: the median of three such readings.
 */
async function settledResidentMemoryMb(client: LspClient): Promise<number> {
  const readings: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const reported = client.logs.filter((line) => line.includes('collected garbage')).length;
    process.kill(client.pid, 'SIGUSR2');
    await waitFor(() => client.logs.filter((line) => line.includes('collected garbage')).length > reported, 10_000);
    // V8 gives freed pages back to the system in the background after a full collection.
    await new Promise((resolve) => setTimeout(resolve, 400));
    readings.push(client.residentMemoryMb() ?? Number.NaN);
  }
  return readings.sort((a, b) => a - b)[1]!;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('language server memory', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let dir: string;
  let client: LspClient;
  const onDisk = new Set<number>();

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-lsp-memory-'));
    fs.writeFileSync(path.join(dir, 'shared.ts'), SHARED);
    // A third of the documents are files of the workspace; the others exist only in the editor.
    for (let index = 0; index < 300; index += 3) {
      fs.writeFileSync(path.join(dir, `model-${index}.ts`), generatedModel(index));
      onDisk.add(index);
    }
    client = new LspClient({ execArgv: ['--expose-gc', '--require', path.join(__dirname, 'support', 'collect-garbage-on-signal.js')] });
    await client.initialize(dir);
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the document of each index, waits for its findings, and closes it. */
  async function openAndClose(from: number, to: number): Promise<void> {
    for (let index = from; index < to; index++) {
      const uri = onDisk.has(index) ? uriOf(path.join(dir, `model-${index}.ts`)) : index % 3 === 1 ? uriOf(path.join(dir, `unsaved-${index}.ts`)) : `untitled:Untitled-${index}`;
      const checked = client.diagnostics(uri, (diagnostics) => diagnostics.length > 0);
      await client.open(uri, generatedModel(index));
      const diagnostics = await checked;
      assert.ok(
        diagnostics.some((diagnostic) => diagnostic.code === 'softmax-with-binary-crossentropy'),
        `document ${index} was checked: ${diagnostics.map((diagnostic) => diagnostic.code).join(', ')}`,
      );
      const cleared = client.diagnostics(uri, (diagnostics) => diagnostics.length === 0);
      await client.close(uri);
      await cleared;
    }
  }

  it(`stays within ${ALLOWED_GROWTH_MB} MB from 50 to 300 documents opened and closed`, async (t) => {
    await openAndClose(0, 50);
    const at50 = await settledResidentMemoryMb(client);
    await openAndClose(50, 300);
    const at300 = await settledResidentMemoryMb(client);
    t.diagnostic(`resident memory after 50 documents: ${at50} MB, after 300: ${at300} MB`);
    assert.ok(at300 - at50 <= ALLOWED_GROWTH_MB, `grew by ${at300 - at50} MB (${at50} MB -> ${at300} MB)`);
  });
});
