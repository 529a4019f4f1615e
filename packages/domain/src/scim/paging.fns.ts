import { MAX_RESULTS } from './urns.ts';

/**
 * `startIndex` is 1-based and `count` is capped by MAX_RESULTS (RFC 7644 §3.4.2.4); values out of
 * range are clamped rather than refused, as the RFC asks.
 */
export function paging(p: { startIndex?: number; count?: number }) {
  const startIndex = Number.isFinite(p.startIndex) ? Math.max(1, Math.trunc(p.startIndex!)) : 1;
  const count = Number.isFinite(p.count) ? Math.min(MAX_RESULTS, Math.max(0, Math.trunc(p.count!))) : 100;
  return { startIndex, count, offset: startIndex - 1 };
}
