import { readFileSync } from 'node:fs';

/** CPU seconds the whole machine spent busy (all cores; user, nice, system, irq, softirq, steal), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100; // USER_HZ is 100 on Linux
}

/** This process's CPU seconds (user + system). */
export const ownCpuSeconds = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * Where the machine's CPU went while `run` ran: the measured child process (`childCpuS`, reported by
 * itself), this process (the simulator, in the benches), and the rest (Postgres, mostly). Its sum over
 * the core count is a second floor: no run finishes before the machine has done its work.
 */
export async function cpuSplit<T>(run: () => Promise<T>, childCpuS: (r: T) => number) {
  const m0 = machineBusySeconds();
  const o0 = ownCpuSeconds();
  const result = await run();
  const machine = machineBusySeconds() - m0;
  const sim = ownCpuSeconds() - o0;
  const child = childCpuS(result);
  return { result, cpu: { machine, child, sim, rest: Math.max(0, machine - child - sim) } };
}
