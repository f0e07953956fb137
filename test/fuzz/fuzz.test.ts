// test-process: own (runs the command line and language servers on fuzzed input for minutes)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from './corpus';
import { DEFAULT_OPTIONS, runFuzz, type FuzzOptions } from './fuzz';
import { MUTATORS, generateInput } from './generate';
import { readReplay } from './input';

/**
 * The short run: a fixed seed and a bounded number of inputs (the long run is `npm run fuzz`). Its
 * first inputs apply every mutator once; deeply nested code is among them.
 */
const SHORT_RUN: Omit<FuzzOptions, 'log'> = {
  ...DEFAULT_OPTIONS,
  seed: 1,
  inputs: 150,
  batchSize: 25,
  maxBursts: 2,
  // Huge files cost seconds to read; the long run makes them up to 1.9 GB.
  maxFileBytes: 20_000_000,
  progressSeconds: 0,
  outDir: path.join(os.tmpdir(), 'tfjs-doctor-fuzz', 'npm-test-seed-1'),
};

/** Nesting deep enough to overflow a recursive parser or tree walker's stack. */
const DEEP = 1000;

describe('fuzz, short run (seed 1, 150 inputs, deeply nested code among them)', () => {
  it('makes the same input from the same seed and index', () => {
    const corpus = loadCorpus();
    for (const index of [0, 7, 149]) assert.deepEqual(generateInput(SHORT_RUN.seed, index, corpus), generateInput(SHORT_RUN.seed, index, corpus));
    assert.notDeepEqual(generateInput(1, 3, corpus), generateInput(2, 3, corpus));
  });

  it('makes inputs with every mutator, deeply nested code included', () => {
    const corpus = loadCorpus();
    const inputs = Array.from({ length: SHORT_RUN.inputs }, (_, index) => generateInput(SHORT_RUN.seed, index, corpus, { coverFirst: true, maxFileBytes: SHORT_RUN.maxFileBytes }));
    const used = new Set(inputs.flatMap((input) => input.mutations.map((mutation) => mutation.split(':')[0])));
    assert.deepEqual(MUTATORS.map((mutator) => mutator.name).filter((name) => !used.has(name)), []);
    const depths = inputs.flatMap((input) => input.mutations.flatMap((mutation) => /^deep-nesting: (\d+) nested/.exec(mutation)?.[1] ?? [])).map(Number);
    assert.ok(depths.some((depth) => depth >= DEEP), `no nesting as deep as ${DEEP} (depths: ${depths.join(', ')})`);
  });

  it('the command line and the language server neither crash nor hang nor answer wrongly, and leave no process behind', { timeout: 10 * 60_000 }, async (t) => {
    const { figures, distinct } = await runFuzz({ ...SHORT_RUN, log: () => undefined });
    t.diagnostic(
      `${figures.inputs} inputs in ${figures.seconds.toFixed(1)} s: ${figures.crashes} crashes, ${figures.hangs} hangs, ${figures.invalidOutputs} invalid outputs; ` +
        `peak RSS ${Math.round(figures.peakCliRssMb)} MB (command line), ${Math.round(figures.peakServerRssMb)} MB (language server); ${figures.survivingProcesses.length} surviving processes`,
    );
    assert.deepEqual(
      distinct.map((failure) => `${failure.count} x ${failure.signature}\n    e.g. ${failure.failure.message}\n    replay: npm run fuzz -- --replay ${failure.replay}`),
      [],
    );
    assert.deepEqual(figures.survivingProcesses, []);
  });

  it('replays the inputs of failures found before, and none fails again', { timeout: 10 * 60_000 }, async () => {
    // One file per failure found by fuzzing and fixed since (test/fuzz/regressions/).
    const folder = path.join(__dirname, '..', '..', '..', 'test', 'fuzz', 'regressions');
    const replay = fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort().map((name) => readReplay(path.join(folder, name)).input);
    assert.ok(replay.length > 0);
    const { distinct, figures } = await runFuzz({ ...SHORT_RUN, replay, batchSize: 1, log: () => undefined, outDir: path.join(os.tmpdir(), 'tfjs-doctor-fuzz', 'npm-test-regressions') });
    assert.deepEqual(distinct.map((failure) => `${failure.count} x ${failure.signature}\n    replay: npm run fuzz -- --replay ${failure.replay}`), []);
    assert.deepEqual(figures.survivingProcesses, []);
  });
});
