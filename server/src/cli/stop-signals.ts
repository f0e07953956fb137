/** The signals that stop the command line, passed on to the child process it runs. */

const STOP_SIGNALS: readonly NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGBREAK'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `run` with a signal that aborts when the command line is asked to stop (Ctrl+C, a kill). The
 * child process is in a process group of its own, out of reach of the terminal's Ctrl+C: this is
 * how the stop reaches it. The listeners are removed when `run` settles.
 */
export async function untilStopped<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  try {
    return await run(stop.signal);
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}
