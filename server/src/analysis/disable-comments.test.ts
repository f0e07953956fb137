import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../../../rules/index';
import { commentFits } from './comments';
import { disableEdits } from './disable-comments';
import { applyEdits } from './edits';
import { LineMap } from './positions';
import { parseSource } from './source';
import { Workspace } from './workspace';

const FILE = path.resolve('/virtual/disable/model.ts');

function lint(text: string) {
  const workspace = new Workspace({ fileSystem: { readFile: (file) => (file === FILE ? text : undefined) } });
  return workspace.lintFiles([FILE], rules, {}).get(FILE) ?? [];
}

/** The text with the "Disable for this line" comment of the finding of `ruleId`, and what is left reported. */
function disabled(text: string, ruleId: string): { text: string; left: string[] } {
  const finding = lint(text).find((candidate) => candidate.ruleId === ruleId);
  assert.ok(finding, `${ruleId} is reported`);
  const edits = disableEdits(parseSource(FILE, text), finding.span.start, ruleId);
  assert.ok(edits);
  const edited = applyEdits(text, [edits.line]);
  return { text: edited, left: lint(edited).map((left) => left.ruleId) };
}

const HEAD = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
`;

describe('disable comments', () => {
  it('silences a finding inside a multi-line call, after code that a bare token scanner misreads', () => {
    // A template literal with a substitution and a regular expression holding "//" come first.
    const text = `${HEAD}const label = \`units: \${model.layers.length}\`;
const url = /https?:\\/\\//;
model.compile({
  loss: 'meanSquaredError',
  optimizer: tf.train.sgd(50),
});
`;
    const { text: edited, left } = disabled(text, 'learning-rate-out-of-range');
    assert.match(edited, /\n {2}\/\/ tfjs-doctor-disable-next-line learning-rate-out-of-range\n {2}optimizer: tf\.train\.sgd\(50\),/);
    assert.deepEqual(left, []);
  });

  it('silences a finding in a layer config that spans lines', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
model.add(
  tf.layers.dense({
    units: 1,
    activation: 'softmax',
  }),
);
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
    const { text: edited, left } = disabled(text, 'softmax-with-binary-crossentropy');
    assert.match(edited, /\n {4}\/\/ tfjs-doctor-disable-next-line softmax-with-binary-crossentropy\n {4}activation: 'softmax',/);
    assert.deepEqual(left, []);
  });

  it('writes the comment on the line itself when the line starts inside a multi-line template literal', () => {
    const text = `${HEAD}model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
function report(xs: tf.Tensor) {
  console.log(\`prediction:
  \${model.predict(xs).dataSync()[0]}\`);
}
setInterval(() => report(tf.zeros([1, 2])), 1000);
`;
    const ruleId = 'tensor-leak-per-call';
    const before = lint(text).filter((finding) => finding.ruleId === ruleId).length;
    assert.ok(before > 0);
    const { text: edited, left } = disabled(text, ruleId);
    assert.match(edited, /\n {2}\$\{\/\* tfjs-doctor-disable-line tensor-leak-per-call \*\/ model\.predict/);
    assert.equal(left.filter((id) => id === ruleId).length, before - 1);
  });

  it('adds the rule to a comment above that disables others, before its description', () => {
    const text = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }));
// tfjs-doctor-disable-next-line missing-bias -- the next layer normalises
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;
    const { text: edited, left } = disabled(text, 'softmax-with-binary-crossentropy');
    assert.match(edited, /\/\/ tfjs-doctor-disable-next-line missing-bias, softmax-with-binary-crossentropy -- the next layer normalises\n/);
    assert.deepEqual(left, []);
  });

  it('keeps the file line breaks and puts the file-wide comment below a shebang', () => {
    const text = `#!/usr/bin/env node\r\n${HEAD.replace(/\n/g, '\r\n')}model.compile({\r\n  loss: 'meanSquaredError',\r\n  optimizer: tf.train.sgd(50),\r\n});\r\n`;
    const finding = lint(text).find((candidate) => candidate.ruleId === 'learning-rate-out-of-range')!;
    const edits = disableEdits(parseSource(FILE, text), finding.span.start, finding.ruleId)!;
    assert.match(applyEdits(text, [edits.line]), /\r\n {2}\/\/ tfjs-doctor-disable-next-line learning-rate-out-of-range\r\n {2}optimizer:/);
    const fileWide = applyEdits(text, [edits.file]);
    assert.ok(fileWide.startsWith('#!/usr/bin/env node\r\n/* tfjs-doctor-disable learning-rate-out-of-range */\r\n'));
    assert.deepEqual(lint(fileWide), []);
  });

  it('does not read a directive in a string, a template literal or a regular expression', () => {
    const text = `${HEAD}const note = \`
// tfjs-doctor-disable-next-line
\`;
model.compile({ optimizer: tf.train.sgd(50), loss: 'meanSquaredError' });
const re = /tfjs-doctor-disable/;
`;
    assert.deepEqual(
      lint(text).map((finding) => finding.ruleId),
      ['learning-rate-out-of-range'],
    );
  });

  it('knows where a comment can go', () => {
    const text = 'const a = `x\n${b}\ny`; // c\nconst r = /\\/\\//; /* d\n e */ f();\n';
    const parsed = parseSource('/virtual/x.js', text);
    const lines = new LineMap(text);
    const at = (line: number, character = 0): number => lines.offset(line, character);
    assert.equal(commentFits(parsed.sourceFile, at(0)), true, 'a line start in code');
    assert.equal(commentFits(parsed.sourceFile, at(1)), false, 'inside a template literal');
    assert.equal(commentFits(parsed.sourceFile, at(2)), false, 'inside a template literal, after a substitution');
    assert.equal(commentFits(parsed.sourceFile, at(2, 4)), true, 'before a line comment');
    assert.equal(commentFits(parsed.sourceFile, at(2, 8)), false, 'at the end of a line comment');
    assert.equal(commentFits(parsed.sourceFile, at(3, 12)), false, 'inside a regular expression');
    assert.equal(commentFits(parsed.sourceFile, at(4)), false, 'inside a block comment');
    assert.equal(commentFits(parsed.sourceFile, at(4, 5)), true, 'after a block comment');
  });
});
