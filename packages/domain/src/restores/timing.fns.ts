/**
 * CPU time of this thread, in ms: what our own code costs, apart from the connector's reading and
 * from other processes on a shared machine (wall time counts both).
 */
export function cpuNow(): number {
  const u = process.threadCpuUsage();
  return (u.user + u.system) / 1000;
}
