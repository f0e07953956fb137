/**
 * A thread of the overfit worker (dist/overfit-watchdog.js). Once the process that started the
 * worker is gone, it removes the folder of the script's bundle and ends the worker with every
 * process the script started. The runner does both itself whenever it ends a run; this covers a
 * runner that was killed. It is a thread because the script may block the worker's main thread
 * forever (a loop that never yields), and then nothing there runs.
 */
import * as fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import { killProcessTree } from './process-tree';

export interface WatchdogData {
  /** The process that started the worker. */
  readonly parentPid: number;
  /** The runner's folder for the script's bundle, which the runner can no longer remove. */
  readonly scratchDir: string;
}

const CHECK_MS = 500;

/** The current parent on Linux, where an orphan is handed to another process at once. */
function currentParentOnLinux(): number | undefined {
  try {
    // "pid (name) state ppid ...": the name may hold spaces and parentheses, so read after the last ')'.
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function parentIsGone(parentPid: number): boolean {
  // A parent that died but was not yet reaped by its own parent still answers a signal; Linux
  // tells the orphan at once by giving it a new parent.
  const current = process.platform === 'linux' ? currentParentOnLinux() : undefined;
  if (current !== undefined) return current !== parentPid;
  try {
    process.kill(parentPid, 0);
    return false;
  } catch (error) {
    // EPERM: a process with that id exists, it is only not ours to signal.
    return (error as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

const { parentPid, scratchDir } = workerData as WatchdogData;
setInterval(() => {
  if (!parentIsGone(parentPid)) return;
  fs.rmSync(scratchDir, { recursive: true, force: true });
  killProcessTree(process.pid);
}, CHECK_MS);
