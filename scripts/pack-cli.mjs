// Packs the `tfjs-doctor` command as an npm package: dist/tfjs-doctor-<version>.tgz, or in the folder
// given with --out. The package holds the bundles the build made for the extension, the same files
// byte for byte (the command, the analysis, the compiler, the overfit check with its tfjs and
// WebAssembly files), the rule pages and LICENSE: no extension client, no panel, no source maps, no
// tests, and no dependencies to install. Run `npm run build` (or `npm run pack:cli`) first.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(root, 'dist'));

/** What the command loads at run time, from dist/. */
const RUNTIME = [
  'cli.js', // the `tfjs-doctor` bin
  'analysis.js', // the command and the analysis, shared with the language server
  'typescript.js', // the compiler the analysis parses with
  'overfit-worker.js', // the overfit check's process
  'overfit-watchdog.js',
  'tfjs.js', // the check's own TensorFlow.js, with its WebAssembly kernels
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
  'esbuild-wasm', // bundles the user's file in execute mode
];

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const missing = RUNTIME.filter((file) => !existsSync(path.join(root, 'dist', file)));
if (missing.length > 0) {
  console.error(`dist/ lacks ${missing.join(', ')}: run \`npm run build\` first.`);
  process.exit(1);
}

const stage = mkdtempSync(path.join(tmpdir(), 'tfjs-doctor-pack-'));
try {
  mkdirSync(path.join(stage, 'dist'));
  for (const file of RUNTIME) cpSync(path.join(root, 'dist', file), path.join(stage, 'dist', file), { recursive: true, preserveTimestamps: true });
  mkdirSync(path.join(stage, 'rules'));
  for (const page of readdirSync(path.join(root, 'rules')).filter((name) => name.endsWith('.md'))) {
    copyFileSync(path.join(root, 'rules', page), path.join(stage, 'rules', page));
  }
  copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  copyFileSync(path.join(root, 'docs', 'npm-readme.md'), path.join(stage, 'README.md'));
  // The extension's manifest without what only the extension needs. No dependencies: the bundles
  // hold everything; @tensorflow/tfjs-node, when installed next to the package, is used if present.
  const cli = {
    name: manifest.name,
    version: manifest.version,
    description: 'Finds why a TensorFlow.js network will fail to learn: a linter for JavaScript, TypeScript and HTML, and an overfit check that trains the model on one batch.',
    license: manifest.license,
    repository: manifest.repository,
    bugs: manifest.bugs,
    homepage: manifest.homepage,
    keywords: manifest.keywords,
    engines: { node: manifest.engines.node },
    bin: { 'tfjs-doctor': 'dist/cli.js' },
    files: ['dist', 'rules'],
  };
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(cli, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], shell: process.platform === 'win32' }));
  console.log(`${path.join(out, packed.filename)} (${packed.entryCount} files, ${(packed.size / 1e6).toFixed(2)} MB; ${(packed.unpackedSize / 1e6).toFixed(2)} MB unpacked)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
