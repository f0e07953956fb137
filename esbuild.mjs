// Bundles the extension's entry points into dist/: one esbuild context per bundle.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The analysis needs only the TypeScript compiler that ts-morph ships. Loading it through
 * @ts-morph/common would also evaluate that package's embedded lib.d.ts texts, and bundling the
 * 9 MB compiler makes V8 parse it twice; so the bundles require a plain copy, dist/typescript.js.
 */
const typescriptFromDist = {
  name: 'typescript-from-dist',
  setup(build) {
    build.onResolve({ filter: /^@ts-morph\/common$/ }, () => ({ path: 'ts-morph-compiler', namespace: 'typescript-from-dist' }));
    build.onLoad({ filter: /.*/, namespace: 'typescript-from-dist' }, () => ({
      contents: `const { loadWithCodeCache } = require(${JSON.stringify(path.resolve('server/src/typescript-loader.ts'))});
module.exports = { ts: loadWithCodeCache(require('node:path').join(__dirname, 'typescript.js')) };`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

mkdirSync('dist', { recursive: true });
const require = createRequire(import.meta.url);
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
  // dist/server.js loads dist/server-main.js through the code cache (server/src/lsp/bootstrap.ts).
  { ...node, entryPoints: ['server/src/lsp/bootstrap.ts'], outfile: 'dist/server.js' },
  { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server-main.js', plugins: [typescriptFromDist] },
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [typescriptFromDist] },
  // The overfit check: the worker holds no tfjs of its own, so tfjs-node from a workspace can stand in for dist/tfjs.js.
  { ...node, entryPoints: ['overfit/src/worker.ts'], outfile: 'dist/overfit-worker.js', external: ['esbuild'] },
  { ...node, entryPoints: ['overfit/src/tfjs-bundle.ts'], outfile: 'dist/tfjs.js', keepNames: false, sourcemap: false },
  // The overfit panel's script runs in the webview, a browser.
  { bundle: true, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', minify: production, sourcemap: !production, logLevel: 'info' },
];

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
