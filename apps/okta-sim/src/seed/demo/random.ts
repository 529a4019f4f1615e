import type { IdSource } from '../../model/ids.ts';

/**
 * Deterministic choices for generated content. Each user's attributes come from a hash of
 * (seed, org, index), not from a running generator, so user 7 is the same person whether the org
 * has 10 users or 100k, and generation needs no shared state.
 */
export function mixer(ids: IdSource, org: string) {
  const key = ids.bytes(`demo-mixer:${org}`, 4).readUInt32LE(0);
  return (index: number, salt: number): number => {
    // splitmix32-style finaliser: cheap, well spread, fine for picking names.
    let h = (key ^ Math.imul(index + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    return (h ^ (h >>> 16)) >>> 0;
  };
}

export const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;
