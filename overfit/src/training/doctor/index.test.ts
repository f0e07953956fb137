import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../../../../server/src/docs';
import type { TrainingRecord } from '../types';
import { curveChecks, diagnoseTraining } from './index';
import { decay, fitCall, recordOf, samples } from './test-calls';

const SOURCE = path.join(packageRoot(), 'overfit', 'src', 'training', 'doctor');

describe('learning-curve doctor', () => {
  it('keeps its checks sorted by id, each id once', () => {
    const ids = curveChecks.map((check) => check.id);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every check its source, its doc and its test, and lists every check file', () => {
    for (const check of curveChecks) {
      for (const ext of ['.ts', '.md', '.test.ts']) assert.ok(fs.existsSync(path.join(SOURCE, check.id + ext)), `${check.id}${ext} is missing`);
      const doc = fs.readFileSync(path.join(SOURCE, check.id + '.md'), 'utf8');
      assert.match(doc, new RegExp(`^---\\ndescription: ${check.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n---\\n\\n# ${check.id}\\n`), `${check.id}.md opens with its description and id`);
      for (const section of ['## What it detects', '## Thresholds', '## Likely causes', '## Fix']) assert.ok(doc.includes(section), `${check.id}.md has ${section}`);
      assert.match(doc, /https:\/\//, `${check.id}.md cites its sources`);
    }
    const docs = fs.readdirSync(SOURCE).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
    assert.deepEqual(docs.sort(), curveChecks.map((check) => check.id), 'every doc page has its check');
  });

  it('opens every message with one short sentence that stands alone, then the why', () => {
    const config = { epochs: 30, learningRate: 0.01, validationSplit: 0.2, samples: 200, batchSize: 8 };
    const dying = samples(Array.from({ length: 5 }, () => [['hidden', 0.1, 0.9], ['out', 0.2]]));
    const vanishing = samples(Array.from({ length: 5 }, () => [['first', 1e-8], ['last', 0.3]]));
    const record = recordOf(
      fitCall({ loss: [2, 50, Number.NaN] }, { config }),
      fitCall({ loss: Array(10).fill(0.69) }, { config, layerSamples: [...dying.slice(0, 2), ...vanishing.slice(2)] }),
      fitCall({ loss: decay(0.883, 0.9995, 30) }, { config }),
      fitCall({ loss: [0.5, 0.2, ...Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? 0.02 : 0.045))] }, { config }),
      fitCall({ loss: decay(0.9, 0.7, 10), val_loss: [0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8] }, { config }),
      fitCall({ loss: decay(1, 0.93, 20, 0.04), val_loss: decay(1.1, 0.93, 20, 0.05) }, { config: { ...config, epochs: 20 } }),
      fitCall({ loss: decay(0.9, 0.9, 20, 0.35), val_loss: decay(0.6, 0.7, 20, 0.01) }, { config }),
      fitCall({ loss: decay(1, 0.9, 20, 0.3), val_loss: decay(1, 0.9, 20, 0.3).map((value, i) => value * (i % 2 === 0 ? 0.8 : 1.25)) }, { config }),
      fitCall({ loss: Array(10).fill(0.69) }, { config, layerSamples: dying }),
      fitCall({ loss: Array(10).fill(0.69) }, { config, layerSamples: vanishing }),
    );
    const findings = diagnoseTraining(record);
    assert.deepEqual([...new Set(findings.map((finding) => finding.id))].sort(), curveChecks.map((check) => check.id));
    for (const finding of findings) {
      const [first, ...rest] = finding.message.split(/(?<=\.) (?=[A-Z(])/);
      assert.ok(first!.length <= 100, `${finding.id}: first sentence of ${first!.length} characters: ${first}`);
      assert.ok(rest.length > 0, `${finding.id}: no why after the first sentence`);
      assert.doesNotMatch(finding.message, /undefined|\[object/, finding.id);
      assert.ok(finding.causes.every((cause) => cause.length > 0 && !cause.includes('undefined')), finding.id);
    }
  });

  it('finds no sign of a problem in a healthy run', () => {
    const call = fitCall({ loss: decay(1, 0.7, 30, 0.1), val_loss: decay(1.05, 0.7, 30, 0.12), acc: decay(0.5, 0.8, 30).map((v) => 1 - v) });
    assert.deepEqual(diagnoseTraining(recordOf(call)), []);
  });

  it('puts errors first, then the calls in order', () => {
    const overfit = fitCall({ loss: decay(0.9, 0.7, 10), val_loss: [0.9, 0.7, 0.55, 0.5, 0.52, 0.56, 0.61, 0.67, 0.72, 0.8] });
    const broken = fitCall({ loss: [1, Number.NaN] });
    const findings = diagnoseTraining(recordOf(overfit, broken));
    assert.deepEqual(
      findings.map((finding) => [finding.id, finding.call]),
      [
        ['diverging-loss', 1],
        ['overfitting', 0],
      ],
    );
  });

  it('survives records with missing or malformed parts', () => {
    const malformed = [
      { file: 'a.js', backend: 'cpu', calls: [], ms: 0, end: 'finished' },
      { file: 'a.js', backend: 'cpu', calls: [{ index: 0, kind: 'fit', model: 'm', config: {}, epochs: [], batches: [], layerSamples: [], end: 'threw' }], ms: 0, end: 'threw' },
      { file: 'a.js', backend: 'cpu', calls: [{ index: 0, kind: 'fit', model: 'm', config: {}, epochs: [{ epoch: 0, logs: { loss: 'x' } }, { epoch: 1 }, null], end: 'running' }], ms: 0, end: 'finished' },
      { file: 'a.js', backend: 'cpu', calls: [null, { index: 1, kind: 'custom', model: 'm', config: { learningRate: -1 }, epochs: [], batches: [{ step: 0, epoch: 0, loss: null }], layerSamples: [{ step: 0, epoch: 0, layers: [{ name: 'a' }] }, { step: 1 }], end: 'finished' }], ms: 0, end: 'finished' },
      { file: 'a.js', backend: 'cpu', ms: 0, end: 'finished' },
    ];
    for (const record of malformed) assert.doesNotThrow(() => diagnoseTraining(record as unknown as TrainingRecord), JSON.stringify(record));
  });
});
