// Bundles the extension's entry points into dist/: one esbuild context per bundle.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Replaces the module an import names with a load of a file in dist/ through V8's code cache
 * (server/src/typescript-loader.ts); `exportsOf` shapes what the loaded file exports into what the
 * import expects.
 */
function loadFromDist(name, filter, file, exportsOf = (loaded) => loaded) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: file, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents: `const { loadWithCodeCache } = require(${JSON.stringify(path.resolve('server/src/typescript-loader.ts'))});
module.exports = ${exportsOf(`loadWithCodeCache(require('node:path').join(__dirname, ${JSON.stringify(file)}))`)};`,
        loader: 'js',
        resolveDir: process.cwd(),
      }));
    },
  };
}

/**
 * The analysis needs only the TypeScript compiler that ts-morph ships. Loading it through
 * @ts-morph/common would also evaluate that package's embedded lib.d.ts texts, and bundling the
 * 9 MB compiler makes V8 parse it twice; so the bundles require a plain copy, dist/typescript.js.
 */
const typescriptFromDist = loadFromDist('typescript-from-dist', /^@ts-morph\/common$/, 'typescript.js', (loaded) => `{ ts: ${loaded} }`);

/**
 * The language server answers the editor's handshake before it loads the analysis, so the analysis
 * is a bundle of its own, dist/analysis.js, which the server loads on first use. The command loads
 * the same bundle: one build of the analysis serves the extension and the command line.
 */
const analysisFromDist = loadFromDist('analysis-from-dist', /^\.\/analysis\.js$/, 'analysis.js');

mkdirSync('dist', { recursive: true });
const require = createRequire(import.meta.url);

/**
 * shared/protocol.ts declares the custom requests with the protocol library's RequestType. The
 * client library and the server library pin different versions of it: the server's bundles take
 * the server library's copy, so that they carry one protocol library, not two. The analysis bundle
 * uses only plain names of shared/protocol.ts (`namesOnly`): there the library is declared free of
 * side effects, so that esbuild leaves it out.
 */
const serverProtocolEntry = createRequire(require.resolve('vscode-languageserver')).resolve('vscode-languageserver-protocol');
function serverProtocol({ namesOnly }) {
  return {
    name: 'server-protocol',
    setup(build) {
      build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, () => ({ path: serverProtocolEntry, sideEffects: !namesOnly }));
    },
  };
}

const compiler = require.resolve('@ts-morph/common/dist/typescript.js');
copyFileSync(compiler, 'dist/typescript.js');
// Keep the original time stamp: the code cache of dist/typescript.js is keyed on it.
utimesSync('dist/typescript.js', statSync(compiler).atime, statSync(compiler).mtime);

/** @type {import('esbuild').BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  // Keep names readable in stack traces the server logs.
  keepNames: true,
};

// The overfit check's tfjs runs WebAssembly kernels from these files, next to dist/tfjs.js.
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  copyFileSync(path.join(wasmDir, file), path.join('dist', file));
}

// Execute mode bundles the user's script; the extension carries esbuild's WebAssembly build for that.
const esbuildWasm = path.dirname(require.resolve('esbuild-wasm/package.json'));
for (const file of ['lib/main.js', 'bin/esbuild', 'esbuild.wasm', 'wasm_exec.js', 'wasm_exec_node.js', 'package.json']) {
  mkdirSync(path.dirname(path.join('dist', 'esbuild-wasm', file)), { recursive: true });
  copyFileSync(path.join(esbuildWasm, file), path.join('dist', 'esbuild-wasm', file));
}
// The overfit panel's styles.
copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'dist/uPlot.min.css');
copyFileSync('client/webview/webview.css', 'dist/webview.css');

const bundles = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The language server loads dist/analysis.js through the code cache once the handshake is done.
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [analysisFromDist, serverProtocol({ namesOnly: false })] },
  { ...node, entryPoints: ['server/src/bundle.ts'], outfile: 'dist/analysis.js', plugins: [typescriptFromDist, serverProtocol({ namesOnly: true })] },
  // The command: a small entry that loads the analysis bundle through the code cache.
  { ...node, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The overfit check: the worker holds no tfjs of its own, so tfjs-node from a workspace can stand in for dist/tfjs.js.
  { ...node, entryPoints: ['overfit/src/worker.ts'], outfile: 'dist/overfit-worker.js', external: ['esbuild'] },
  // A thread of the worker that ends it when the process that started it is gone.
  { ...node, entryPoints: ['overfit/src/watchdog.ts'], outfile: 'dist/overfit-watchdog.js' },
  { ...node, entryPoints: ['overfit/src/tfjs-bundle.ts'], outfile: 'dist/tfjs.js', keepNames: false, sourcemap: false },
  // The overfit panel's script runs in the webview, a browser.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', minify: production, sourcemap: !production, logLevel: 'info' },
  // The training panel's script: a page of its own beside the overfit panel's.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/training.ts'], outfile: 'dist/training-webview.js', minify: production, sourcemap: !production, logLevel: 'info' },
];

// Bundles an earlier build made and this one does not (a renamed entry) would otherwise ship.
const built = new Set(bundles.flatMap(({ outfile }) => [path.basename(outfile), `${path.basename(outfile)}.map`]));
for (const name of readdirSync('dist')) {
  if (/\.js(\.map)?$/.test(name) && name !== 'typescript.js' && !built.has(name)) rmSync(path.join('dist', name));
}

const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } catch {
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
}
