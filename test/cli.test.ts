// test-process: own (runs the command line in child processes and waits on them)
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rules } from '../rules/index';
import { formatJson } from '../server/src/cli/formatters/json';
import { PLAIN, formatStylish } from '../server/src/cli/formatters/stylish';
import { exitCode, lint, type FileReport } from '../server/src/cli/lint';
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
  // The time limit turns a read that blocks (a FIFO opened for reading) into a failure, not a hang.
  const result = cp.spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
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

  it('exits 0 when there are only warnings, and 1 when they exceed --max-warnings, saying so', () => {
    const allowed = run(['lint', 'src/warning.cjs', '--max-warnings', '1'], dir);
    assert.equal(allowed.code, 0);
    assert.equal(allowed.stderr, '');
    const exceeded = run(['lint', 'src/warning.cjs', '--max-warnings', '0'], dir);
    assert.equal(exceeded.code, 1);
    assert.equal(exceeded.stderr, 'tfjs-doctor: too many warnings (1; --max-warnings allows 0).\n');
    // With errors, the errors decide the exit code and the warnings line is not needed.
    assert.doesNotMatch(run(['lint', 'src', '--max-warnings', '0'], dir).stderr, /too many warnings/);
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

  it('links every SARIF rule to its documentation page in the repository package.json names', () => {
    const repository = (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url;
    const rules = JSON.parse(run(['lint', 'src', '--format', 'sarif'], dir).stdout).runs[0].tool.driver.rules as { id: string; helpUri: string }[];
    assert.ok(rules.length > 50);
    for (const rule of rules) {
      assert.equal(rule.helpUri, `${repository}/blob/main/rules/${rule.id}.md`);
      assert.ok(fs.existsSync(path.join(packageRoot(), 'rules', `${rule.id}.md`)), `${rule.id} has a page`);
    }
  });

  it('percent-encodes the SARIF URIs of files with spaces and other characters in their names', () => {
    const folder = path.join(dir, 'naming');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, '名前 with spaces#1.ts'), BUGGY);
    const result = run(['lint', 'naming', '--format', 'sarif'], dir);
    const log = JSON.parse(result.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(log.runs[0]!.results.map((entry) => entry.locations[0]!.physicalLocation.artifactLocation.uri));
    assert.deepEqual([...uris], ['naming/%E5%90%8D%E5%89%8D%20with%20spaces%231.ts']);
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

  it('fixes only what the report shows: a finding set to info stays with --fix alone', () => {
    const copy = path.join(dir, 'fix-level.ts');
    fs.writeFileSync(copy, BUGGY);
    const result = run(['lint', 'fix-level.ts', '--fix', '--rule', 'missing-bias=info'], dir);
    assert.equal(result.code, 0);
    const fixed = fs.readFileSync(copy, 'utf8');
    assert.match(fixed, /units: 1, activation: 'sigmoid'/);
    assert.match(fixed, /useBias: false/, 'the info finding is not fixed');
    assert.match(result.stdout, /Applied 1 fix/);
  });

  it('fixes exactly the findings it counted as fixable, at the level shown', () => {
    const source = `${BUGGY}const other = tf.sequential();
other.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
other.add(tf.layers.dense({ units: 1, useBias: false }));
`;
    const fixable = (stdout: string): number => Number(/(\d+) problems? can be fixed/.exec(stdout)?.[1] ?? 0);
    const applied = (stdout: string): number => Number(/Applied (\d+) fix/.exec(stdout)?.[1] ?? 0);
    const copy = path.join(dir, 'fix-count.ts');
    for (const level of ['warning', 'info']) {
      fs.writeFileSync(copy, source);
      const before = fixable(run(['lint', 'fix-count.ts', '--level', level], dir).stdout);
      const fixed = run(['lint', 'fix-count.ts', '--level', level, '--fix'], dir);
      assert.equal(before, level === 'info' ? 3 : 2, level);
      assert.equal(applied(fixed.stdout), before, level);
      assert.equal(fixable(fixed.stdout), 0, level);
      // The output layer's missing bias is info: the default report does not show it, so --fix leaves it.
      assert.equal(/units: 1, useBias: false/.test(fs.readFileSync(copy, 'utf8')), level === 'warning', level);
    }
  });

  it('says which file its fixes could not be written to, and fixes the others', { skip: process.platform === 'win32' ? 'file modes' : false }, () => {
    const locked = path.join(dir, 'locked-fix.ts');
    const open = path.join(dir, 'open-fix.ts');
    fs.writeFileSync(locked, BUGGY);
    fs.writeFileSync(open, BUGGY);
    fs.chmodSync(locked, 0o444);
    // Root writes to any file: run the command as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(open, 0o666);
    const result = cp.spawnSync(process.execPath, [CLI, 'lint', 'locked-fix.ts', 'open-fix.ts', '--fix', '-f', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000, ...asUser });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    const reports = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null; message: string; fatal?: boolean }[] }[];
    const lockedReport = reports.find((report) => report.filePath === locked)!;
    assert.ok(lockedReport.messages.some((message) => message.ruleId === null && /^Not fixed: the fixes could not be written \(permission denied\)/.test(message.message)));
    assert.equal(fs.readFileSync(locked, 'utf8'), BUGGY);
    assert.match(fs.readFileSync(open, 'utf8'), /activation: 'sigmoid'/);
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

  it("shows the help of the command whose arguments are wrong, not the list of commands", () => {
    const cases: [string[], RegExp][] = [
      [['lint', '--format', 'xml'], /^Usage: tfjs-doctor lint /m],
      [['lint', '--unknown'], /^Usage: tfjs-doctor lint /m],
      [['rules', '--bogus'], /^Usage: tfjs-doctor rules /m],
      [['rules', 'extra'], /^Usage: tfjs-doctor rules /m],
      [['overfit', 'a.js', '--steps', 'many'], /^Usage: tfjs-doctor overfit /m],
      [['frobnicate'], /^Usage: tfjs-doctor <command>/m],
    ];
    for (const [args, help] of cases) {
      const result = run(args, dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, help, args.join(' '));
      if (args[0] !== 'frobnicate') assert.doesNotMatch(result.stderr, /^Commands:/m, args.join(' '));
    }
    // A path that is not there is not a mistake in the options: the one line says it all.
    assert.equal(run(['lint', 'missing-folder'], dir).stderr, 'tfjs-doctor: no such file or folder: missing-folder\n');
  });

  it('answers help on an unknown topic with one line and exit code 2', () => {
    const result = run(['help', 'bogus'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'tfjs-doctor: no help on "bogus": the commands are lint, overfit, train, rules\n');
  });

  it('prints help and the version', () => {
    assert.match(run(['--help'], dir).stdout, /Usage: tfjs-doctor <command>/);
    assert.match(run(['help', 'lint'], dir).stdout, /--format <name>/);
    assert.match(run(['help', 'rules'], dir).stdout, /^Usage: tfjs-doctor rules /);
    assert.match(run(['help', 'overfit'], dir).stdout, /^Usage: tfjs-doctor overfit /);
    assert.match(run(['help', 'train'], dir).stdout, /^Usage: tfjs-doctor train /);
    assert.match(run(['lint', '--help'], dir).stdout, /^Usage: tfjs-doctor lint /);
    assert.match(run(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

const POSIX = process.platform !== 'win32';
/** Root reads a file whatever its mode, so a file locked with chmod is only unreadable to others. */
const MODES_APPLY = POSIX && process.getuid?.() !== 0;
const TFJS = "import * as tf from '@tensorflow/tfjs';\n";

describe('command line, with files that cannot be analysed', () => {
  let dir: string;
  /** The files that must each get one fatal message, by name, with what the message says. */
  const bad = new Map<string, RegExp>([
    // 700 levels, each a call, an array, an object and an arrow function: too deep for the parser
    // however warm the JIT is (a bare 700 brackets may or may not be, depending on it).
    ['deep-700.ts', /nested too deeply/],
    ['deep-5000.ts', /nested too deeply/],
    ['binary.ts', /binary content/],
    ['syntax.ts', /syntax error at line 2: Expression expected/],
  ]);
  if (POSIX) bad.set('fifo.ts', /a FIFO, not a regular file/);
  if (MODES_APPLY) bad.set('locked.ts', /permission denied/);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-cli-bad-'));
    fs.mkdirSync(path.join(dir, 'src'));
    // Named to come last: the files before it must not stop or change its analysis.
    fs.writeFileSync(path.join(dir, 'src', 'train.ts'), BUGGY);
    fs.writeFileSync(path.join(dir, 'src', 'deep-700.ts'), `${TFJS}const f = (x: unknown) => x;\nexport const x = ${'f([{ a: () => ('.repeat(700)}1${') }])'.repeat(700)};\n`);
    fs.writeFileSync(path.join(dir, 'src', 'deep-5000.ts'), `${TFJS}export const x = ${'['.repeat(5000)}1${']'.repeat(5000)};\n`);
    fs.writeFileSync(path.join(dir, 'src', 'binary.ts'), `${TFJS}\u0000\u0001\u0002`);
    fs.writeFileSync(path.join(dir, 'src', 'syntax.ts'), `${TFJS}const model = ;\n`);
    if (POSIX) cp.execFileSync('mkfifo', [path.join(dir, 'src', 'fifo.ts')]);
    if (MODES_APPLY) {
      fs.writeFileSync(path.join(dir, 'src', 'locked.ts'), BUGGY);
      fs.chmodSync(path.join(dir, 'src', 'locked.ts'), 0o000);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the findings of the good file and one error per bad file in the stylish format, and exits 1', () => {
    const result = run(['lint', 'src'], dir);
    assert.equal(result.code, 1, result.stderr);
    assert.equal(result.stderr, 'tfjs-doctor: 1 file was not analysed for being too large or binary (a bundle or an asset?); --ignore-pattern leaves such files out.\n');
    assert.match(result.stdout, /src\/train\.ts\n {2}3:76 +warning .*missing-bias\n {2}4:51 +error +Softmax over a single unit/);
    for (const [name, reason] of bad) {
      const block = new RegExp(`src/${name.replace('.', '\\.')}\\n {2}(\\d+:\\d+) +error +Not analysed: ([^\\n]*)\\n(\\n|$)`).exec(result.stdout);
      assert.ok(block, `${name} has one error:\n${result.stdout}`);
      assert.match(block[2]!, reason, name);
      assert.equal(block[1], name === 'syntax.ts' ? '2:15' : '0:0', name);
    }
    assert.match(result.stdout, new RegExp(`✖ ${bad.size + 2} problems \\(${bad.size + 1} errors, 1 warning\\)`));
  });

  it('marks each bad file fatal in the JSON format, as ESLint does a parse error', () => {
    const result = run(['lint', 'src', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { filePath: string; errorCount: number; fatalErrorCount: number; warningCount: number; messages: Record<string, unknown>[] }[];
    const byName = new Map(report.map((file) => [path.basename(file.filePath), file]));
    for (const [name, reason] of bad) {
      const file = byName.get(name);
      assert.ok(file, `${name} is in the report`);
      assert.deepEqual({ errors: file.errorCount, fatal: file.fatalErrorCount, warnings: file.warningCount, messages: file.messages.length }, { errors: 1, fatal: 1, warnings: 0, messages: 1 }, name);
      const message = file.messages[0]!;
      assert.deepEqual({ ruleId: message['ruleId'], fatal: message['fatal'], severity: message['severity'] }, { ruleId: null, fatal: true, severity: 2 }, name);
      assert.match(String(message['message']), reason, name);
    }
    assert.deepEqual({ line: byName.get('syntax.ts')!.messages[0]!['line'], column: byName.get('syntax.ts')!.messages[0]!['column'] }, { line: 2, column: 15 });
    assert.equal(byName.get('deep-5000.ts')!.messages[0]!['line'], undefined, 'no position when there is none');
    const train = byName.get('train.ts')!;
    assert.deepEqual({ errors: train.errorCount, fatal: train.fatalErrorCount, warnings: train.warningCount }, { errors: 1, fatal: 0, warnings: 1 });
  });

  it('gives each bad file an error notification in SARIF, beside the results of the good file', () => {
    const result = run(['lint', 'src', '--format', 'sarif'], dir);
    assert.equal(result.code, 1, result.stderr);
    const sarifRun = JSON.parse(result.stdout).runs[0];
    assert.deepEqual(
      sarifRun.results.map((entry: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => `${entry.locations[0]!.physicalLocation.artifactLocation.uri} ${entry.ruleId}`).sort(),
      ['src/train.ts missing-bias', 'src/train.ts softmax-with-binary-crossentropy'],
    );
    const invocation = sarifRun.invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    const notifications = invocation.toolExecutionNotifications as { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[];
    assert.deepEqual(notifications.map((notification) => notification.locations[0]!.physicalLocation.artifactLocation.uri).sort(), [...bad.keys()].map((name) => `src/${name}`).sort());
    for (const notification of notifications) {
      const name = path.basename(notification.locations[0]!.physicalLocation.artifactLocation.uri);
      assert.equal(notification.level, 'error', name);
      assert.match(notification.message.text, bad.get(name)!, name);
    }
    const syntax = notifications.find((notification) => notification.locations[0]!.physicalLocation.artifactLocation.uri === 'src/syntax.ts')!;
    assert.deepEqual(syntax.locations[0]!.physicalLocation.region, { startLine: 2, startColumn: 15 });
  });

  it('leaves out what --ignore-pattern matches: a file by name at any depth, a folder, a path from the current folder', () => {
    const names = (args: string[]): string[] => {
      const result = run(['lint', ...args, '--format', 'json'], dir);
      return (JSON.parse(result.stdout) as { filePath: string }[]).map((file) => path.relative(dir, file.filePath).split(path.sep).join('/')).sort();
    };
    const all = names(['src']);
    assert.ok(all.includes('src/binary.ts') && all.includes('src/train.ts'), all.join(', '));
    assert.deepEqual(names(['src', '--ignore-pattern', 'binary.ts']), all.filter((name) => name !== 'src/binary.ts'));
    assert.deepEqual(names(['src', '--ignore-pattern', 'src/deep-*.ts', '--ignore-pattern', '/src/syntax.ts']), all.filter((name) => !/deep-|syntax/.test(name)));
    assert.deepEqual(names(['.', '--ignore-pattern', 'src/']), all.filter((name) => !name.startsWith('src/')));
    // A file named on the command line inside a folder that is left out is left out too.
    assert.deepEqual(names(['src/train.ts', '--ignore-pattern', 'src/']), []);
    assert.deepEqual(names(['src', '--ignore-pattern', 'nothing-matches']), all);
    const quiet = run(['lint', 'src', '--ignore-pattern', 'binary.ts'], dir);
    assert.doesNotMatch(quiet.stderr, /too large or binary/);
  });

  it('skips minified files in the folders it walks, and lints one it is given by name', () => {
    const vendor = path.join(dir, 'vendor');
    fs.mkdirSync(vendor, { recursive: true });
    fs.writeFileSync(path.join(vendor, 'face-api.min.js'), `${TFJS}const m=tf.sequential();m.add(tf.layers.dense({units:1,inputShape:[2],activation:'softmax'}));m.compile({optimizer:'sgd',loss:'binaryCrossentropy'});\n`);
    const linted = (target: string): string[] => (JSON.parse(run(['lint', target, '--format', 'json'], dir).stdout) as { filePath: string }[]).map((file) => path.basename(file.filePath));
    assert.deepEqual(linted('vendor'), []);
    assert.deepEqual(linted('vendor/face-api.min.js'), ['face-api.min.js']);
    fs.rmSync(vendor, { recursive: true });
  });

  it('answers for files gone or turned into folders after they were listed, and for files over the size limit', () => {
    fs.mkdirSync(path.join(dir, 'later'));
    fs.mkdirSync(path.join(dir, 'later', 'folder.ts'));
    fs.writeFileSync(path.join(dir, 'later', 'huge.ts'), `${TFJS}export const data = [${'0, '.repeat(400_000)}0];\n`);
    const listed = ['folder.ts', 'gone.ts', 'huge.ts'].map((name) => path.join(dir, 'later', name));
    const { reports } = lint([...listed, path.join(dir, 'src', 'train.ts')], rules, {}, 'warning', false);
    assert.deepEqual(
      reports.map((report) => [path.basename(report.file), report.problem?.kind, report.problem?.reason, report.findings.length]),
      [
        ['folder.ts', 'unreadable', 'a folder, not a file', 0],
        ['gone.ts', 'unreadable', 'the file was removed before it could be read', 0],
        ['huge.ts', 'unreadable', 'larger than 1 MB', 0],
        ['train.ts', undefined, undefined, 2],
      ],
    );
    assert.equal(exitCode(reports.slice(0, 1), undefined), 1, 'a file that could not be analysed is an error');
  });

  it('reports a file whose analysis stopped at its budget as a warning, which --max-warnings counts', () => {
    const report: FileReport = { file: path.join(dir, 'big.ts'), text: '', findings: [], problem: { kind: 'incomplete', reason: 'the analysis budget of 10 steps ran out' } };
    const [json] = JSON.parse(formatJson([report])) as { errorCount: number; warningCount: number; fatalErrorCount: number; messages: Record<string, unknown>[] }[];
    assert.deepEqual(
      { errors: json!.errorCount, warnings: json!.warningCount, fatal: json!.fatalErrorCount, message: json!.messages[0] },
      { errors: 0, warnings: 1, fatal: 0, message: { ruleId: null, severity: 1, message: 'Not analysed: the analysis budget of 10 steps ran out' } },
    );
    assert.match(formatStylish([report], dir, PLAIN), /big\.ts\n {2}0:0 {2}warning {2}Not analysed: the analysis budget of 10 steps ran out\n\n✖ 1 problem \(0 errors, 1 warning\)/);
    assert.equal(exitCode([report], undefined), 0);
    assert.equal(exitCode([report], 0), 1);
  });

  it('ends quietly when the reader of its output stops early', { skip: POSIX ? false : 'needs a POSIX shell' }, () => {
    const status = path.join(dir, 'status');
    // The report is far larger than a pipe holds, so the CLI is still writing when head exits.
    const script = `{ "${process.execPath}" "${CLI}" lint test-workspace --format sarif; echo $? > "${status}"; } | head -c 100`;
    const result = cp.spawnSync('/bin/sh', ['-c', script], { cwd: packageRoot(), encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.stdout.length, 100);
    assert.equal(result.stderr, '', 'no stack trace, no message');
    assert.equal(fs.readFileSync(status, 'utf8').trim(), '1', 'the exit code of the lint (test-workspace has errors)');
  });
});

/** A page that loads tfjs from a CDN and builds its model in one script, trains it in the next. */
const PAGE = `<!DOCTYPE html>
<html>
<head>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
</head>
<body>
  <h1>Spam or not</h1>
  <script>
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }));
    model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
  </script>
  <p>Trained below.</p>
  <SCRIPT type=text/javascript>
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const note = "</scr" + "ipt>";
  </SCRIPT>
</body>
</html>
`;

describe('command line, with HTML pages', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const json = (...args: string[]): { filePath: string; errorCount: number; fatalErrorCount: number; messages: Record<string, unknown>[] }[] =>
    JSON.parse(run(['lint', ...args, '--format', 'json'], dir).stdout);
  const positions = (report: { messages: Record<string, unknown>[] }): string[] =>
    report.messages.map((message) => `${message['line']}:${message['column']}-${message['endLine']}:${message['endColumn']} ${message['ruleId']}`);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-cli-html-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the pages of a folder and reports a finding of an inline script at its place in the page, in every format', () => {
    fs.mkdirSync(path.join(dir, 'site'));
    fs.writeFileSync(path.join(dir, 'site', 'index.html'), PAGE);
    fs.writeFileSync(path.join(dir, 'site', 'about.htm'), '<p>No code here.</p>\n');
    const stylish = run(['lint', 'site'], dir);
    assert.equal(stylish.code, 1, stylish.stderr);
    assert.match(stylish.stdout, /site\/index\.html\n {2}11:55 +error +Softmax over a single unit.*softmax-with-binary-crossentropy/);
    const [about, index] = json('site');
    assert.equal(path.basename(about!.filePath), 'about.htm');
    assert.deepEqual(positions(index!), ['11:55-11:64 softmax-with-binary-crossentropy']);
    // The loss that clashes is in the later script.
    const sarif = JSON.parse(run(['lint', 'site', '--format', 'sarif'], dir).stdout).runs[0];
    const result = sarif.results[0];
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'site/index.html');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 11, startColumn: 55, endLine: 11, endColumn: 64 });
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, 15);
  });

  it('the overfit check of a script reads the fields of the page in a folder above it, up to the folder it runs in', () => {
    fs.mkdirSync(path.join(dir, 'app', 'js'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'app', 'index.html'), '<select id="units"><option>4</option><option selected>12</option></select>\n<script src="js/main.js"></script>\n');
    fs.writeFileSync(
      path.join(dir, 'app', 'js', 'main.js'),
      `${TFJS}export function build() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: +document.getElementById('units').value, inputShape: [3], activation: 'relu' }));\n  model.add(tf.layers.dense({ units: 1 }));\n  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n  return model;\n}\n`,
    );
    const notes = (cwd: string, file: string): string[] => (JSON.parse(run(['overfit', file, '--mode', 'static', '--format', 'json', '--steps', '50'], cwd).stdout) as { notes?: string[] }).notes ?? [];
    assert.ok(notes(path.join(dir, 'app'), 'js/main.js').includes('The code reads fields of its page: the check built the model with the values the page gives them as it loads (`#units` "12" (index.html line 1)).'));
    // Run from the script's own folder, the page above it is not the project's to read.
    assert.ok(!notes(path.join(dir, 'app', 'js'), 'main.js').some((note) => note.includes('fields of its page')));
  });

  it('stays silent on a correct page and on a page whose `tf` is not tfjs', () => {
    const correct = write('correct.html', PAGE.replace("activation: 'softmax'", "activation: 'sigmoid'"));
    // Without the tfjs bundle, `tf` is whatever the page's other code made it.
    const otherTf = write('other-tf.html', PAGE.replace(/<script src=[^\n]*\n/, '<script src="tensorflow-like-helpers.js"></script>\n'));
    const ownTf = write('own-tf.html', PAGE.replace('<h1>', '<script>var tf = { sequential: () => ({ add() {}, compile() {} }), layers: { dense: (config) => config } };</script>\n  <h1>'));
    const result = run(['lint', correct, otherTf, ownTf, '--level', 'info'], dir);
    assert.equal(result.code, 0, result.stdout);
    assert.equal(result.stdout, '');
  });

  it('fixes the code of a script and leaves every byte of the markup as it was', () => {
    const page = write('fix.html', PAGE.replace("{ units: 8, inputShape: [4], activation: 'relu' }", "{ units: 8, inputShape: [4], activation: 'relu', useBias: false }"));
    const before = fs.readFileSync(path.join(dir, page), 'utf8');
    const result = run(['lint', page, '--fix'], dir);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Applied 2 fixes/);
    const fixed = fs.readFileSync(path.join(dir, page), 'utf8');
    assert.equal(fixed, before.replace(', useBias: false', '').replace("activation: 'softmax'", "activation: 'sigmoid'"));
  });

  it('honours disable comments inside a script', () => {
    const page = write('disabled.html', PAGE.replace("    model.add(tf.layers.dense({ units: 1", "    // tfjs-doctor-disable-next-line softmax-with-binary-crossentropy\n    model.add(tf.layers.dense({ units: 1"));
    assert.deepEqual(positions(json(page)[0]!), []);
  });

  it('gives the positions of a page with \\r\\n line breaks and of a script that starts mid-line', () => {
    const crlf = write('crlf.html', PAGE.replace(/\n/g, '\r\n'));
    assert.deepEqual(positions(json(crlf)[0]!), ['11:55-11:64 softmax-with-binary-crossentropy']);
    const line = `<p>Model:</p><script>const model = tf.sequential(); model.add(tf.layers.dense({ units: 1, inputShape: [3], activation: 'softmax' }));</script><script>model.compile({ loss: 'binaryCrossentropy', optimizer: 'sgd' });</script>`;
    const inline = write('inline.html', `${PAGE.split('\n').slice(0, 4).join('\n')}\n${line}\n`);
    const column = line.indexOf("'softmax'") + 1;
    assert.deepEqual(positions(json(inline)[0]!), [`5:${column}-5:${column + 9} softmax-with-binary-crossentropy`]);
  });

  it('reports a syntax error of a script at its place in the page, and lints a script left open', () => {
    const broken = write('broken.html', PAGE.replace("loss: 'binaryCrossentropy' });", "loss: 'binaryCrossentropy' );"));
    const [report] = json(broken);
    const column = "    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' );".indexOf(');') + 1;
    assert.deepEqual({ fatal: report!.fatalErrorCount, line: report!.messages[0]!['line'], column: report!.messages[0]!['column'] }, { fatal: 1, line: 15, column });
    assert.match(String(report!.messages[0]!['message']), /^Not analysed: syntax error at line 15: ',' expected/);
    // The end tag not typed yet: the script runs to the end of the page.
    const open = write('open.html', PAGE.slice(0, PAGE.indexOf('  </SCRIPT>')));
    assert.deepEqual(positions(json(open)[0]!), ['11:55-11:64 softmax-with-binary-crossentropy']);
  });

  it('answers for binary pages and pages over the size limit, and reads deeply nested markup', () => {
    const binary = write('binary.html', `${PAGE}\u0000\u0001`);
    const huge = write('huge.html', `${PAGE}<p>${'word '.repeat(250_000)}</p>`);
    const deep = write('deep.html', `${PAGE.replace('<h1>', `${'<div>'.repeat(150_000)}<h1>`)}`);
    const result = run(['lint', binary, huge, deep, '--format', 'json'], dir);
    assert.equal(result.stderr, 'tfjs-doctor: 2 files were not analysed for being too large or binary (a bundle or an asset?); --ignore-pattern leaves such files out.\n');
    const reports = new Map((JSON.parse(result.stdout) as { filePath: string; messages: { message: string; ruleId: string | null }[] }[]).map((report) => [path.basename(report.filePath), report.messages]));
    assert.match(reports.get(binary)![0]!.message, /Not analysed: binary content/);
    assert.match(reports.get(huge)![0]!.message, /Not analysed: larger than 1 MB/);
    assert.deepEqual(reports.get(deep)!.map((message) => message.ruleId), ['softmax-with-binary-crossentropy']);
  });

  it('names HTML in its help and its usage errors', () => {
    assert.match(run(['help', 'lint'], dir).stdout, /\.html and \.htm/);
    write('notes.txt', 'tf.sequential()\n');
    assert.match(run(['lint', 'notes.txt'], dir).stderr, /not a JavaScript, TypeScript or HTML file/);
  });
});
