import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { AnyRule } from '../../../../rules/core/rule';
import { rules } from '../../../../rules/index';
import { LineMap } from '../positions';
import { Workspace } from '../workspace';

const ROOT = path.resolve('/virtual/site');
const TFJS = '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>';
const SOFTMAX_HEAD = "model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));";
const BCE = "model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });";

/** The findings of each page, as `line:column rule` (1-based), in the page's coordinates. */
function lint(files: Record<string, string>): Record<string, string[]> {
  const contents = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  const workspace = new Workspace({ fileSystem: { readFile: (file) => contents.get(file) } });
  const results = workspace.lintFiles([...contents.keys()], rules, {});
  const described: Record<string, string[]> = {};
  for (const [file, findings] of results) {
    const lines = new LineMap(contents.get(file)!);
    described[path.relative(ROOT, file)] = findings.map((finding) => {
      const { line, character } = lines.position(finding.span.start);
      return `${line + 1}:${character + 1} ${finding.ruleId}`;
    });
  }
  return described;
}

describe('the scripts of a page, run as a browser runs them', () => {
  it('shares the global scope between classic scripts, in document order', () => {
    const page = `${TFJS}\n<script>\nconst model = tf.sequential();\n${SOFTMAX_HEAD}\n</script>\n<p>then</p>\n<script>${BCE}</script>\n`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['4:68 softmax-with-binary-crossentropy'] });
  });

  it('runs the next script when one throws', () => {
    const page = `${TFJS}<script>throw new Error('no data');</script><script>\nconst model = tf.sequential();\n${SOFTMAX_HEAD}\n${BCE}\n</script>`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['3:68 softmax-with-binary-crossentropy'] });
  });

  it('gives each module script a scope of its own, and runs modules after the classic scripts', () => {
    const page = `${TFJS}
<script type="module">
const model = tf.sequential();
${SOFTMAX_HEAD}
${BCE}
</script>
<script type="module">
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'sigmoid' }));
${BCE}
</script>
<script type="module">
shared.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
</script>
<script>
var shared = tf.sequential();
shared.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
</script>`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['4:68 softmax-with-binary-crossentropy', '17:69 softmax-with-binary-crossentropy'] });
  });

  it('reads tfjs imported by URL in a module script, and follows its relative imports', () => {
    const page = `<script type="module">
import * as tf from 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/+esm';
import { createModel } from './model.js';
const model = createModel(tf);
${BCE}
</script>`;
    const model = `export function createModel(tf) {\n  const model = tf.sequential();\n  ${SOFTMAX_HEAD}\n  return model;\n}\n`;
    assert.deepEqual(lint({ 'index.html': page, 'model.js': model }), { 'index.html': [], 'model.js': ['3:70 softmax-with-binary-crossentropy'] });
  });

  it('takes `tf` for tfjs only where the page loads it, and never where the page declares its own', () => {
    const code = `<script>\nconst model = tf.sequential();\n${SOFTMAX_HEAD}\n${BCE}\n</script>`;
    assert.deepEqual(lint({ 'loads.html': TFJS + code, 'unknown.html': code, 'own.html': `${TFJS}<script>const tf = makeTensorFlowish();</script>${code}` }), {
      'loads.html': ['3:68 softmax-with-binary-crossentropy'],
      'unknown.html': [],
      'own.html': [],
    });
  });

  it('offers no fix that would edit the page outside its scripts', () => {
    const rule = rules['softmax-with-binary-crossentropy']!;
    // The rule's own fix, stretched past the end of the script.
    const reaching: AnyRule = {
      meta: rule.meta,
      check: (context) =>
        rule.check({
          ...context,
          report: (report) => context.report({ ...report, ...(report.fix ? { fix: { ...report.fix, edits: report.fix.edits.map((edit) => ({ ...edit, span: { ...edit.span, end: edit.span.end + 20 } })) } } : {}) }),
        }),
    };
    const page = `${TFJS}<script>\nconst model = tf.sequential();\n${BCE}\n${SOFTMAX_HEAD}</script>\n`;
    const file = path.join(ROOT, 'index.html');
    const lintWith = (candidate: AnyRule) => new Workspace({ fileSystem: { readFile: () => page } }).lintFiles([file], { 'softmax-with-binary-crossentropy': candidate }, {}).get(file)!;
    assert.equal(lintWith(rule)[0]?.fix?.description, "Use a 'sigmoid' output activation");
    const [finding] = lintWith(reaching);
    assert.ok(finding, 'the finding is still reported');
    assert.equal(finding.fix, undefined);
  });

  it('reads the code of event handler attributes as functions their events call, and offers no fix inside them', () => {
    const page = `${TFJS}
<script>let model;</script>
<button onclick="model = tf.sequential();
  ${SOFTMAX_HEAD}
  ${BCE}">Build</button>
<button onclick='train(); return false' onmouseover=hint()>Train</button>
<script>
  (function () { console.log('ready'); })();
  async function train() { await model.fit(tf.zeros([8, 4]), tf.ones([8, 1]), { epochs: 5 }); }
</script>`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['4:70 softmax-with-binary-crossentropy'] });
    const file = path.join(ROOT, 'index.html');
    const [finding] = new Workspace({ fileSystem: { readFile: () => page } }).lintFiles([file], rules, {}).get(file)!;
    assert.equal(finding?.fix, undefined, 'a fix would edit the attribute, whose quoting it does not know');
  });

  it('reads a handler of several lines on a page with \\r\\n line breaks', () => {
    const page = `${TFJS}\r\n<button onclick="const model = tf.sequential();\r\n  ${SOFTMAX_HEAD}\r\n  ${BCE}">Build</button>\r\n`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['3:70 softmax-with-binary-crossentropy'] });
  });

  it('leaves alone handlers that are no JavaScript or read otherwise than written, and still checks the scripts', () => {
    const page = `${TFJS}
<a onclick="{% url 'train' %}">template</a>
<a onclick="go() // done">comment</a>
<a onclick="ready &amp;&amp; go()">reference</a>
<script>
const model = tf.sequential();
${SOFTMAX_HEAD}
${BCE}
</script>`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['7:68 softmax-with-binary-crossentropy'] });
  });

  it('honours disable comments inside scripts, and leaves markup that looks like one alone', () => {
    const page = `${TFJS}<!-- tfjs-doctor-disable -->
<script>
const model = tf.sequential();
// tfjs-doctor-disable-next-line softmax-with-binary-crossentropy
${SOFTMAX_HEAD}
const other = tf.sequential();
other.add(tf.layers.dense({ units: 1, inputShape: [4], activation: 'softmax' }));
other.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
</script><script>${BCE}</script>`;
    assert.deepEqual(lint({ 'index.html': page }), { 'index.html': ['7:68 softmax-with-binary-crossentropy'] });
    const disabled = page.replace('<script>\n', '<script>/* tfjs-doctor-disable softmax-with-binary-crossentropy */\n');
    assert.deepEqual(lint({ 'index.html': disabled }), { 'index.html': [] });
  });
});
