/**
 * The environment the extension starts the language server with, from the extension host's own.
 * Kept apart from the client so that the tests and benchmarks start the server the same way.
 */
export function serverEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  // In VS Code's Electron the extension host's executable is Electron itself: run it as Node.
  const env: NodeJS.ProcessEnv = { ...base, ELECTRON_RUN_AS_NODE: '1' };
  // Node reads and parses these certificates while it starts, before any code runs (40 ms on a
  // 2-core machine, several times that while the editor is busy); the server opens no connections.
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}
