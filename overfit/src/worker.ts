/**
 * The overfit check's child process. It receives one request over IPC, sends progress and a result
 * (or why it failed), and exits. The parent enforces the time limit and cancels by killing it.
 */
import * as path from 'node:path';
import { loadTf, ownModuleFolders, type BundledTf } from './backend';
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

/** tfjs-doctor's own folder: dist/.. */
const PACKAGE_ROOT = path.join(__dirname, '..');

/**
 * esbuild for execute mode: tfjs-doctor's own native package where it is installed (development,
 * the command line), else the WebAssembly build shipped in dist/ (the extension, on any platform).
 */
function loadEsbuild(): typeof import('esbuild') {
  const candidates = [...ownModuleFolders(PACKAGE_ROOT).map((folder) => path.join(folder, 'esbuild')), path.join(__dirname, 'esbuild-wasm', 'lib', 'main.js')];
  for (const candidate of candidates) {
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
    // Static mode promises that nothing of the project runs, so its folders are searched only in
    // execute mode (where the project's code runs anyway), whatever the request says.
    const projectFolders = request.mode === 'execute' ? request.searchPaths : [];
    const loaded = await loadTf({ projectFolders, ownModuleFolders: ownModuleFolders(PACKAGE_ROOT) }, loadBundled, request.backend);
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
