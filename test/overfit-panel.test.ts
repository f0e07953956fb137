import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CheckFiles } from '../client/src/check-files';
import type { Cause, ModelTarget } from '../overfit/src/types';
import { readWebviewMessage } from '../shared/overfit-messages';

const ROOT = path.resolve('/workspace/project');
const file = (name: string): string => path.join(ROOT, name);

describe('overfit panel messages', () => {
  it('accepts the messages the panel sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'rerun' },
      { type: 'cancel' },
      { type: 'goto', file: file('model.ts'), line: 12 },
      { type: 'fix', file: file('model.ts'), line: 12, ruleId: 'softmax-with-binary-crossentropy' },
    ]) {
      assert.deepEqual(readWebviewMessage(message), message);
    }
  });

  it('drops anything else', () => {
    for (const message of [
      null,
      'goto',
      { type: 'open', file: file('model.ts') },
      { type: 'goto', file: file('model.ts') },
      { type: 'goto', file: 42, line: 1 },
      { type: 'goto', file: '', line: 1 },
      { type: 'goto', file: file('model.ts'), line: 0 },
      { type: 'goto', file: file('model.ts'), line: 2.5 },
      { type: 'goto', file: file('model.ts'), line: '3' },
      { type: 'fix', file: file('model.ts'), line: 3 },
      { type: 'fix', file: file('model.ts'), line: 3, ruleId: '../../etc' },
    ]) {
      assert.equal(readWebviewMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('keeps only the fields of the message', () => {
    assert.deepEqual(readWebviewMessage({ type: 'goto', file: file('model.ts'), line: 3, command: 'rm -rf /' }), { type: 'goto', file: file('model.ts'), line: 3 });
  });
});

describe('files of an overfit check', () => {
  const targets: ModelTarget[] = [
    { name: 'model', file: file('model.ts'), line: 3, regions: [{ file: file('model.ts'), start: 3, end: 9 }, { file: file('train.ts'), start: 4, end: 6 }] },
  ];
  const causes: Cause[] = [{ id: 'dead-relu', message: 'Most ReLU units never fire.', severity: 'warning', file: file('layers/dense.ts'), line: 2 }];

  it('are the checked file, the files of its models and of the causes it shows', () => {
    const files = new CheckFiles(file('train.ts'), targets, { file: file('model.ts'), causes });
    for (const name of ['train.ts', 'model.ts', 'layers/dense.ts', './layers/../model.ts']) assert.ok(files.has(file(name)), name);
  });

  it('are no others', () => {
    const files = new CheckFiles(file('train.ts'), targets);
    for (const other of [file('layers/dense.ts'), file('secrets.ts'), path.resolve('/etc/passwd'), path.join(ROOT, '..', 'model.ts')]) assert.equal(files.has(other), false, other);
  });
});
