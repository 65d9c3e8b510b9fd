// Child processes of the benchmark: started with the running Node (24), tracked, and stopped by PID only.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';

const live = new Map<number, ChildProcess>();

function track(child: ChildProcess, label: string): ChildProcess {
  if (child.pid === undefined) throw new Error(`could not start ${label}`);
  const pid = child.pid;
  live.set(pid, child);
  child.once('exit', () => live.delete(pid));
  return child;
}

export interface Started {
  child: ChildProcess;
  pid: number;
}

/**
 * Node's flags for the server, as `npm start` gives them (package.json): a young generation of 2 MB semi-spaces
 * holds the serving process's memory under budget (docs/architecture.md says why not --optimize-for-size).
 */
export const SERVE_NODE_FLAGS = ['--max-semi-space-size=2'];

/** A benchmark script (dist/bench/*.js) with an IPC channel, run with the server's Node flags; output to logFile. */
export function forkScript(modulePath: string, env: NodeJS.ProcessEnv, logFile: string, label: string): Started {
  const fd = openSync(logFile, 'a');
  try {
    const child = fork(modulePath, [], {
      execPath: process.execPath,
      execArgv: SERVE_NODE_FLAGS,
      env,
      stdio: ['ignore', fd, fd, 'ipc'],
    });
    track(child, label);
    return { child, pid: child.pid! };
  } finally {
    closeSync(fd);
  }
}

/** A command with Node (no IPC): used for `node dist/server.js serve`. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, logFile: string, label: string, cwd: string): Started {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', fd, fd] });
    track(child, label);
    return { child, pid: child.pid! };
  } finally {
    closeSync(fd);
  }
}

/** Waits for the first IPC message of a type, or fails after timeoutMs (or if the child exits first). */
export function waitMessage<T extends { type: string }>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no "${type}" message from child ${child.pid} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && (m as { type?: string }).type === type) finish(null, m as T);
      else if (m && typeof m === 'object' && (m as { type?: string }).type === 'error') finish(new Error(`child ${child.pid}: ${(m as { message?: string }).message}`));
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`child ${child.pid} exited (code ${code}, signal ${signal}) before "${type}"`));
    function finish(err: Error | null, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(value!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Asks a child (over IPC) and waits for the answer. */
export async function ask<T extends { type: string }>(child: ChildProcess, msg: { type: string; [k: string]: unknown }, reply: string, timeoutMs = 10_000): Promise<T> {
  const p = waitMessage<T>(child, reply, timeoutMs);
  child.send(msg);
  return p;
}

/** SIGTERM by PID, then SIGKILL by PID if it has not exited within graceMs. */
export async function stop(started: Started, graceMs = 5000): Promise<void> {
  const { child, pid } = started;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([exited.then(() => 'exited' as const), timer])) === 'timeout') {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone meanwhile */
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live.entries()].map(([pid, child]) => stop({ pid, child })));
}

/** Last resort when the runner itself is going away: SIGKILL each child we started, by PID. */
export function killAllSync(): void {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

export interface Memory {
  rssBytes: number;
  peakRssBytes: number | null;
  source: string;
}

/** Resident set size of a process from /proc/<pid>/status (Linux); null elsewhere. */
export function procMemory(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => {
      const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : null;
    };
    const rss = kb('VmRSS');
    if (rss === null) return null;
    return { rssBytes: rss, peakRssBytes: kb('VmHWM'), source: `/proc/${pid}/status` };
  } catch {
    return null;
  }
}

/** Busy and total CPU time of the whole machine so far (/proc/stat, in clock ticks); null where there is none. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const v = first.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** CPUs' worth of work the whole machine did between two snapshots (0…number of CPUs). */
export function busyCpus(a: { busy: number; total: number } | null, b: { busy: number; total: number } | null, cpus: number): number | null {
  if (!a || !b || b.total === a.total) return null;
  return ((b.busy - a.busy) / (b.total - a.total)) * cpus;
}

/** CPU time (ms) a process has used so far, threads included (Linux /proc; null elsewhere or when gone). */
function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks.
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
// USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK), which Node does not expose).
const CLOCK_TICKS = 100;

/** CPU time (ms) of each of the local PostgreSQL server's processes (user postgres); null when none are seen. */
export function postgresCpu(): Map<number, number> | null {
  if (POSTGRES_UID === null) return null;
  const out = new Map<number, number>();
  try {
    for (const d of readdirSync('/proc')) {
      // A process's /proc directory belongs to its user.
      if (!/^\d+$/.test(d) || statSync(`/proc/${d}`, { throwIfNoEntry: false })?.uid !== POSTGRES_UID) continue;
      const ms = processCpuMs(Number(d));
      if (ms !== null) out.set(Number(d), ms);
    }
  } catch {
    return null;
  }
  return out.size ? out : null;
}

/** CPU time (ms) PostgreSQL's processes used between two snapshots (a process new since the first counts whole). */
export function postgresCpuBetween(a: Map<number, number> | null, b: Map<number, number> | null): number | null {
  if (!a || !b) return null;
  let sum = 0;
  for (const [pid, ms] of b) sum += ms - (a.get(pid) ?? 0);
  return sum;
}
const POSTGRES_UID = (() => {
  try {
    const uid = /^postgres:[^:]*:(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'))?.[1];
    return uid === undefined ? null : Number(uid);
  } catch {
    return null;
  }
})();
