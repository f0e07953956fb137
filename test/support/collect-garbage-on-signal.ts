/**
 * Preloaded into a language server under test (`node --expose-gc --require <this file>`): on
 * SIGUSR2 it collects all garbage and says so on stderr, so that a test reads the memory the server
 * keeps rather than the garbage V8 has not collected yet. Nothing of this ships with the server.
 */
process.on('SIGUSR2', () => {
  if (!globalThis.gc) {
    process.stderr.write('collect-garbage-on-signal: start the server with --expose-gc\n');
    return;
  }
  // A second pass frees what the first one's finalisers released.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, rss } = process.memoryUsage();
  process.stderr.write(`collected garbage: heap ${Math.round(heapUsed / 1048576)} MB, rss ${Math.round(rss / 1048576)} MB\n`);
});
