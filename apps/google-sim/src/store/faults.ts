import type { TDeps } from '../deps.ts';
import type { TFault, TFaultApi } from './world.ts';

/** The next injected fault for `api`, used up by this call; undefined when none is queued. */
export function takeFault(deps: TDeps, api: TFaultApi): TFault | undefined {
  const i = deps.runtime.faults.findIndex((f) => f.api === api);
  if (i < 0) return undefined;
  const fault = deps.runtime.faults[i]!;
  fault.remaining -= 1;
  if (fault.remaining <= 0) deps.runtime.faults.splice(i, 1);
  return fault;
}

/**
 * Counts one call against a per-minute `limit` under `key`; false when the minute's budget is spent.
 */
export function spend(deps: TDeps, key: string, limit: number): boolean {
  const minute = Math.floor(deps.clock() / 60_000) * 60_000;
  const w = deps.runtime.windows.get(key);
  if (!w || w[0] !== minute) {
    deps.runtime.windows.set(key, [minute, 1]);
    return limit >= 1;
  }
  w[1] += 1;
  return w[1] <= limit;
}
