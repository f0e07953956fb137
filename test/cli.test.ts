import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRoot } from '../server/src/docs';

const CLI = path.join(packageRoot(), 'dist', 'cli.js');

const BUGGY = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu', useBias: false }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

const WARNING_ONLY = `const tf = require('@tensorflow/tfjs');
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'sigmoid' }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
`;

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd: string): Result {
  const result = cp.spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('command line', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-cli-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'buggy.ts'), BUGGY);
    fs.writeFileSync(path.join(dir, 'src', 'warning.cjs'), WARNING_ONLY);
    fs.writeFileSync(path.join(dir, 'src', 'notes.md'), '# not code\n');
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'index.js'), BUGGY);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports in the stylish format and exits 1 on errors', () => {
    const result = run(['lint', 'src'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /src\/buggy\.ts/);
    assert.match(result.stdout, /4:51\s+error\s+Softmax over a single unit.*softmax-with-binary-crossentropy/);
    assert.match(result.stdout, /✖ 3 problems \(1 error, 2 warnings\)/);
    assert.doesNotMatch(result.stdout, /node_modules/);
  });

  it('exits 0 when there are only warnings, and 1 when they exceed --max-warnings', () => {
    assert.equal(run(['lint', 'src/warning.cjs'], dir).code, 0);
    assert.equal(run(['lint', 'src/warning.cjs', '--max-warnings', '0'], dir).code, 1);
  });

  it('prints ESLint-shaped JSON', () => {
    const result = run(['lint', 'src', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { filePath: string; errorCount: number; warningCount: number; messages: Record<string, unknown>[] }[];
    assert.deepEqual(report.map((file) => path.basename(file.filePath)).sort(), ['buggy.ts', 'warning.cjs']);
    const buggy = report.find((file) => file.filePath.endsWith('buggy.ts'))!;
    assert.equal(buggy.filePath, path.join(dir, 'src', 'buggy.ts'));
    assert.equal(buggy.errorCount, 1);
    assert.equal(buggy.warningCount, 1);
    const softmax = buggy.messages.find((message) => message['ruleId'] === 'softmax-with-binary-crossentropy')!;
    assert.deepEqual(
      { severity: softmax['severity'], line: softmax['line'], column: softmax['column'], endLine: softmax['endLine'], endColumn: softmax['endColumn'] },
      { severity: 2, line: 4, column: 51, endLine: 4, endColumn: 60 },
    );
    const fix = softmax['fix'] as { range: [number, number]; text: string };
    assert.equal(BUGGY.slice(fix.range[0], fix.range[1]), "'softmax'");
    assert.equal(fix.text, "'sigmoid'");
  });

  it('shows info findings only with --level info', () => {
    const file = path.join(dir, 'src', 'hidden.ts');
    fs.writeFileSync(file, `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, useBias: false }));
`);
    try {
      const quiet = JSON.parse(run(['lint', 'src/hidden.ts', '-f', 'json'], dir).stdout);
      assert.equal(quiet[0].messages.length, 0);
      const verbose = JSON.parse(run(['lint', 'src/hidden.ts', '-f', 'json', '--level', 'info'], dir).stdout);
      assert.equal(verbose[0].messages.length, 1);
      assert.equal(verbose[0].messages[0].severity, 1);
      assert.equal(verbose[0].messages[0].level, 'info');
      assert.equal(verbose[0].warningCount, 0);
    } finally {
      fs.rmSync(file);
    }
  });

  it('changes severities with --rule', () => {
    const result = run(['lint', 'src', '-f', 'json', '--rule', 'softmax-with-binary-crossentropy=warning', '--rule', 'missing-bias=off'], dir);
    assert.equal(result.code, 0);
    const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string; severity: number }[] }[]).flatMap((file) => file.messages);
    assert.ok(messages.every((message) => message.ruleId !== 'missing-bias'));
    assert.equal(messages.find((message) => message.ruleId === 'softmax-with-binary-crossentropy')?.severity, 1);
  });

  it('writes SARIF 2.1.0 with rules, regions, related locations and fingerprints', () => {
    const output = path.join(dir, 'report.sarif');
    const result = run(['lint', 'src', '--format', 'sarif', '-o', output], dir);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const log = JSON.parse(fs.readFileSync(output, 'utf8'));
    assert.equal(log.version, '2.1.0');
    const sarifRun = log.runs[0];
    assert.equal(sarifRun.tool.driver.name, 'tfjs-doctor');
    for (const rule of sarifRun.tool.driver.rules) {
      assert.ok(rule.id && rule.shortDescription.text && rule.fullDescription.text && rule.help.text, `incomplete rule ${rule.id}`);
    }
    const result0 = sarifRun.results.find((entry: { ruleId: string }) => entry.ruleId === 'softmax-with-binary-crossentropy');
    assert.equal(result0.level, 'error');
    assert.equal(sarifRun.tool.driver.rules[result0.ruleIndex].id, 'softmax-with-binary-crossentropy');
    assert.equal(result0.locations[0].physicalLocation.artifactLocation.uri, 'src/buggy.ts');
    assert.deepEqual(result0.locations[0].physicalLocation.region, { startLine: 4, startColumn: 51, endLine: 4, endColumn: 60 });
    assert.match(result0.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
    assert.equal(result0.relatedLocations[0].physicalLocation.region.startLine, 5);
    assert.equal(result0.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, "'sigmoid'");
  });

  it('applies the safe fixes with --fix and reports what is left', () => {
    const copy = path.join(dir, 'fixme.ts');
    fs.writeFileSync(copy, BUGGY);
    const result = run(['lint', 'fixme.ts', '--fix'], dir);
    assert.equal(result.code, 0);
    const fixed = fs.readFileSync(copy, 'utf8');
    assert.match(fixed, /units: 1, activation: 'sigmoid'/);
    assert.doesNotMatch(fixed, /useBias/);
    assert.match(result.stdout, /Applied 2 fixes/);
  });

  it('lists the rules', () => {
    const listing = JSON.parse(run(['rules', '--format', 'json'], dir).stdout) as Record<string, string>[];
    const ids = listing.map((rule) => rule['id']);
    assert.ok(ids.includes('nll-without-log-softmax'));
    for (const rule of listing) {
      assert.deepEqual(Object.keys(rule).sort(), ['category', 'description', 'docs', 'fix', 'id', 'severity']);
      assert.ok(['safe', 'suggestion', 'none'].includes(rule['fix']!));
      assert.ok(fs.existsSync(rule['docs']!), `${rule['docs']} does not exist`);
    }
  });

  it('exits 2 on usage errors', () => {
    for (const args of [['lint', '--format', 'xml'], ['lint', '--rule', 'no-such-rule=error'], ['lint', '--rule', 'missing-bias=loud'], ['lint', 'missing-folder'], ['lint', 'src/notes.md'], ['frobnicate'], ['lint', '--unknown']]) {
      const result = run(args, dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^tfjs-doctor: /);
    }
  });

  it('prints help and the version', () => {
    assert.match(run(['--help'], dir).stdout, /Usage: tfjs-doctor <command>/);
    assert.match(run(['help', 'lint'], dir).stdout, /--format <name>/);
    assert.match(run(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
