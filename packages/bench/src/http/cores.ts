/**
 * Which cores the load generator and the servers run on. With two or more CPUs and `taskset`
 * (util-linux), every benchmarked server runs pinned to one CPU and the bench process, which
 * runs autocannon, to the others: a server never shares its core with the load generator, and
 * each server gets exactly one core, its garbage collector and libuv threads included, whatever
 * the others did before it. Unpinned, a server that spends its CPU in background threads (a large
 * heap's GC) takes cycles from the load generator and the ratios measure that contest instead.
 * Without `taskset` or with one CPU nothing is pinned, and the page says so.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

/** The CPU lists of a pinned run, as `taskset -c` takes them. */
export interface Cores {
  server: string;
  loadGenerator: string;
}

/** The CPUs this process may run on, from `taskset -pc`, or null without taskset. */
function allowedCpus(): number[] | null {
  try {
    const out = execFileSync('taskset', ['-pc', String(process.pid)], { encoding: 'utf8' });
    const list = out.slice(out.lastIndexOf(':') + 1).trim();
    const cpus: number[] = [];
    for (const part of list.split(',')) {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      for (let cpu = from; cpu <= to!; cpu++) cpus.push(cpu);
    }
    return cpus.every(Number.isInteger) ? cpus : null;
  } catch {
    return null;
  }
}

/** The split for this machine: the last allowed CPU for the servers, the rest for the bench; or null. */
export function chooseCores(): Cores | null {
  if (process.env.BENCH_PIN === '0') return null;
  const cpus = allowedCpus();
  if (cpus === null || cpus.length < 2) return null;
  return { server: String(cpus.at(-1)), loadGenerator: cpus.slice(0, -1).join(',') };
}

/** Pins every thread of this process (autocannon runs on its main thread) to `cores.loadGenerator`. */
export function pinLoadGenerator(cores: Cores): void {
  execFileSync('taskset', ['-a', '-pc', cores.loadGenerator, String(process.pid)], { stdio: 'ignore' });
}

/**
 * Starts `entry` as a Node child with an IPC channel, like `fork`, pinned to `cores.server` when
 * given (the child's threads inherit the CPU list).
 */
export function startNode(entry: string, args: string[], execArgv: string[], cores: Cores | null): ChildProcess {
  const stdio = ['ignore', 'inherit', 'inherit', 'ipc'] as const;
  const node = [...execArgv, entry, ...args];
  return cores === null
    ? spawn(process.execPath, node, { stdio: [...stdio] })
    : spawn('taskset', ['-c', cores.server, process.execPath, ...node], { stdio: [...stdio] });
}
