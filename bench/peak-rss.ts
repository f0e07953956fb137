/** Loaded with `node --require` by benchmarks: prints the process's peak resident memory when it exits. */
process.on('exit', () => {
  process.stderr.write(`peak-rss-mb=${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
