/**
 * The `tfjs-doctor` npm package: packed by scripts/pack-cli.mjs from the build in dist/, installed
 * offline into a folder of its own, and run from a project outside this repository.
 */
import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rules } from '../rules/index';
import { packageRoot } from '../server/src/docs';

const root = packageRoot();
const windows = process.platform === 'win32';

const MODEL = `import * as tf from '@tensorflow/tfjs';

export const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [4], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
`;

function npm(args: readonly string[], cwd: string): string {
  const result = cp.spawnSync('npm', args, { cwd, encoding: 'utf8', shell: windows });
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Every file under a folder, relative to it, with forward slashes. */
function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => fs.statSync(path.join(folder, file)).isFile()).map((file) => file.split(path.sep).join('/'));
}

describe('the tfjs-doctor npm package', () => {
  let dir: string;
  let installed: string;
  let project: string;
  let bin: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-doctor-package-'));
    const packed = path.join(dir, 'packed');
    const pack = cp.spawnSync(process.execPath, [path.join(root, 'scripts', 'pack-cli.mjs'), '--out', packed], { encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const [tarball, ...others] = fs.readdirSync(packed);
    assert.equal(others.length, 0);
    assert.match(tarball!, /^tfjs-doctor-\d+\.\d+\.\d+\.tgz$/);
    // Offline: the package installs from the tarball alone, with nothing to fetch.
    const prefix = path.join(dir, 'prefix');
    npm(['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(packed, tarball!)], dir);
    installed = windows ? path.join(prefix, 'node_modules', 'tfjs-doctor') : path.join(prefix, 'lib', 'node_modules', 'tfjs-doctor');
    bin = windows ? path.join(prefix, 'tfjs-doctor.cmd') : path.join(prefix, 'bin', 'tfjs-doctor');
    project = path.join(dir, 'project');
    fs.mkdirSync(path.join(project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(project, 'src', 'model.js'), MODEL);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    // The `node` of the shebang is the one running the tests; the code cache goes to the temporary folder.
    const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`, TFJS_DOCTOR_CACHE_DIR: path.join(dir, 'cache'), NO_COLOR: '1' };
    return cp.spawnSync(bin, args, { cwd: project, encoding: 'utf8', env, shell: windows });
  }

  it('holds the command, the analysis bundle the extension ships, the rule pages, and nothing of the editor', () => {
    const files = filesUnder(installed);
    for (const file of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/analysis.js', 'dist/typescript.js', 'dist/overfit-worker.js', 'dist/tfjs.js', 'dist/tfjs-backend-wasm.wasm', 'rules/missing-bias.md']) {
      assert.ok(files.includes(file), `${file} is in the package`);
    }
    const unwanted = files.filter((file) => /^dist\/(client|server|webview)\.js$|\.map$|\.ts$|\.css$|^(test|client|server|overfit|node_modules)\//.test(file));
    assert.deepEqual(unwanted, []);
    const bundle = (folder: string): string => fs.readFileSync(path.join(folder, 'dist', 'analysis.js'), 'utf8');
    assert.ok(bundle(installed) === bundle(root), 'the same analysis bundle as the extension');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepEqual(manifest['bin'], { 'tfjs-doctor': 'dist/cli.js' });
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies', 'scripts', 'contributes']) {
      assert.equal(manifest[field], undefined, `no ${field}`);
    }
  });

  it('lints a project outside the repository, with SARIF rules linked to their pages', () => {
    const lint = run(['lint', 'src/']);
    assert.equal(lint.status, 1, lint.stderr);
    assert.match(lint.stdout, /src[/\\]model\.js/);
    assert.match(lint.stdout, /5:51 +error .* softmax-with-binary-crossentropy/);
    const sarif = run(['lint', 'src/', '--format', 'sarif']);
    const driver = (JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; help: { markdown?: string } }[] } } }[] }).runs[0]!.tool.driver;
    const rule = driver.rules.find((entry) => entry.id === 'softmax-with-binary-crossentropy')!;
    assert.match(rule.helpUri, /^https:\/\/.*\/rules\/softmax-with-binary-crossentropy\.md$/);
    assert.match(rule.help.markdown ?? '', /## Why it stops learning/);
  });

  it('lists the rules', () => {
    const listed = run(['rules', '--format', 'json']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.deepEqual((JSON.parse(listed.stdout) as { id: string }[]).map((rule) => rule.id).sort(), Object.keys(rules).sort());
  });

  it('runs the overfit check in static mode', () => {
    const check = run(['overfit', 'src/model.js', '--mode', 'static', '--format', 'json']);
    assert.equal(check.status, 1, check.stderr);
    const result = JSON.parse(check.stdout) as { verdict: string; mode: string; backend: string; causes: { id: string }[] };
    assert.equal(result.verdict, 'fail');
    assert.equal(result.mode, 'static');
    assert.ok(['wasm', 'cpu', 'tensorflow'].includes(result.backend));
    assert.ok(result.causes.some((cause) => cause.id === 'softmax-with-binary-crossentropy'));
  });
});
