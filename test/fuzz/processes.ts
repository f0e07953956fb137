/** Child processes for the fuzzer: runs with a time limit, their memory, and the ones left behind (Linux /proc). */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import { unprivileged } from './input';

/** A field of /proc/<pid>/status in MB (VmRSS: resident now; VmHWM: the peak so far), or undefined once the process is gone. */
export function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

export interface ProcessInfo {
  readonly pid: number;
  readonly command: string;
}

/** Every live descendant of a process (children, their children, ...), from the parent links in /proc. */
export function descendants(pid: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces; the parent pid is the second field after it.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: ProcessInfo[] = [];
  const pending = [...(children.get(pid) ?? [])];
  while (pending.length > 0) {
    const child = pending.pop()!;
    let command = '?';
    try {
      command = fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      // Gone meanwhile.
    }
    found.push({ pid: child, command });
    pending.push(...(children.get(child) ?? []));
  }
  return found;
}

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed for running past the time limit. */
  readonly timedOut: boolean;
  readonly ms: number;
  /** The highest resident memory seen while it ran, in MB. */
  readonly peakRssMb: number | undefined;
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** How often a running process's peak memory is read. */
const MEMORY_POLL_MS = 20;

/** Runs `node <args>`, killing it (SIGKILL) when it runs past the time limit. */
export function runNode(args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = cp.spawn(process.execPath, [...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], ...unprivileged() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let peak: number | undefined;
    const readPeak = (): void => {
      const now = child.pid === undefined ? undefined : memoryMb(child.pid, 'VmHWM');
      if (now !== undefined) peak = Math.max(peak ?? 0, now);
    };
    const poll = setInterval(readPeak, MEMORY_POLL_MS);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout,
        stderr,
        timedOut,
        ms: performance.now() - started,
        peakRssMb: peak,
      });
    });
    child.on('error', () => undefined);
  });
}
