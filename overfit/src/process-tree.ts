/**
 * Ending the overfit worker together with every process the user's script started from it. On POSIX
 * the worker leads a process group of its own, which its descendants stay in unless they leave it
 * on purpose; on Windows, which has no such groups, the tree of live parents is ended.
 */
import { spawnSync } from 'node:child_process';

/** Whether the worker is started as the leader of a new process group (`detached` in `fork`). */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

/**
 * Ends the process `pid` leads and all its group (POSIX) or tree (Windows) at once, without a chance
 * to linger: the script's code gets no say. Does nothing when they are already gone.
 */
export function killProcessTree(pid: number): void {
  if (process.platform === 'win32') {
    // taskkill finds descendants through their parents, so this must run while the worker lives.
    const result = spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true });
    if (result.error) killQuietly(pid, 'SIGKILL');
    return;
  }
  // A negative pid names the process group; it outlives its leader while any member is left.
  killQuietly(-pid, 'SIGKILL');
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
