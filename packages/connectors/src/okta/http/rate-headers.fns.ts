/** One response's view of its rate-limit bucket (Okta sends these on every answer, 429s included). */
export interface RateHeaders {
  limit: number;
  remaining: number;
  /** Epoch milliseconds (the header carries epoch seconds). */
  resetAt: number;
}

export function parseRateHeaders(h: Headers): RateHeaders | undefined {
  const limit = Number(h.get('x-rate-limit-limit'));
  const remaining = Number(h.get('x-rate-limit-remaining'));
  const reset = Number(h.get('x-rate-limit-reset'));
  if (!h.has('x-rate-limit-limit') || !h.has('x-rate-limit-remaining') || !h.has('x-rate-limit-reset'))
    return undefined;
  if (![limit, remaining, reset].every(Number.isFinite) || limit <= 0) return undefined;
  return { limit, remaining, resetAt: reset * 1000 };
}

/** Exponential backoff with equal jitter: half fixed, half random, capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}
