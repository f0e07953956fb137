/**
 * The overfit check's child process. It receives one request over IPC, sends progress and a result
 * (or why it failed), and exits. The parent enforces the time limit and cancels by killing it.
 */
import * as path from 'node:path';
import { loadTf, type BundledTf } from './backend';
import { runRequest } from './check';
import { OverfitError, type OverfitRequest, type WorkerMessage } from './types';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** The bundled tfjs sits next to this file in dist/, with the .wasm files. */
function loadBundled(): BundledTf {
  const bundle = require(path.join(__dirname, 'tfjs.js')) as Omit<BundledTf, 'wasmDir'>;
  return { ...bundle, wasmDir: __dirname };
}

/**
 * esbuild for execute mode: the native package where it is installed (development, the command line),
 * else the WebAssembly build shipped in dist/ (the extension, on any platform).
 */
function loadEsbuild(): typeof import('esbuild') {
  for (const candidate of ['esbuild', path.join(__dirname, 'esbuild-wasm', 'lib', 'main.js')]) {
    try {
      return require(candidate) as typeof import('esbuild');
    } catch {
      // Try the next one.
    }
  }
  throw new OverfitError('execute mode needs esbuild, which was not found next to tfjs-doctor');
}

const exit = process.exit.bind(process);

async function main(request: OverfitRequest): Promise<void> {
  try {
    // The user's projects first, then tfjs-doctor's own optional dependency.
    const loaded = await loadTf([...request.searchPaths, path.join(__dirname, '..')], loadBundled, request.backend);
    const result = await runRequest(loaded, request, { send, loadEsbuild });
    send({ type: 'result', result });
  } catch (error) {
    const message = error instanceof OverfitError ? error.message : `the check failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    send({ type: 'failed', message });
  }
  // Let the IPC messages flush before leaving.
  setImmediate(() => exit(0));
}

process.once('message', (message: { type?: string; request?: OverfitRequest }) => {
  if (message.type === 'run' && message.request) void main(message.request);
});
