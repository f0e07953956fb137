/**
 * The memory limit of the overfit worker. V8's heap limit alone does not bound it: Buffers, typed
 * arrays, WebAssembly memory and tfjs-node's tensors live outside the heap. So the parent watches the
 * worker's resident memory from outside (which works while the script blocks the worker), and the
 * worker watches its own external memory from inside (which counts allocations not yet touched).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';

const MB = 1024 * 1024;

/** The one message for every way the limit is found exceeded. */
export function memoryLimitMessage(limitMb: number): string {
  return `the check's process used more than ${limitMb} MB of memory, its limit, and was stopped (the script or the model needs more, or the limit is too low)`;
}

/** How often the parent reads the worker's resident memory: /proc is cheap, starting a program is not. */
export const RESIDENT_POLL_MS = process.platform === 'linux' ? 200 : 1000;

/** Memory the worker's own process holds, heap and outside it, in bytes; checked from inside the worker. */
export function ownMemoryBytes(): number {
  const usage = process.memoryUsage();
  // rss counts what is touched; heapUsed + external also counts buffers allocated and not yet touched.
  return Math.max(usage.rss, usage.heapUsed + usage.external);
}

/** The resident memory of another process in MB, or undefined when it cannot be read (gone, or no tool). */
export async function residentMemoryMb(pid: number): Promise<number | undefined> {
  try {
    if (process.platform === 'linux') {
      const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
      const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
      return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
    }
    if (process.platform === 'win32') {
      // One CSV row: "node.exe","1234","Console","1","123,456 K"; the separators depend on the locale.
      const row = await output('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']);
      const field = row.trim().split('","').at(-1)?.replace(/\D/g, '');
      return field ? Number(field) / 1024 : undefined;
    }
    // macOS and the BSDs: ps gives kilobytes.
    const kilobytes = (await output('ps', ['-o', 'rss=', '-p', String(pid)])).trim();
    return /^\d+$/.test(kilobytes) ? Number(kilobytes) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function output(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // An ExecFileException is an Error; its type omits Error's `code` to declare it anew.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    execFile(command, args, { windowsHide: true, timeout: 5000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

export function bytesToMb(bytes: number): number {
  return bytes / MB;
}
