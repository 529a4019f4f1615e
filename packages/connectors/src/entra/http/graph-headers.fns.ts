/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Graph's resource-unit headers: what the request cost, and how much of the limit the app has used (≥ 0.8). */
export function ruHeaders(get: (name: string) => string | null | undefined): {
  charged?: number;
  limitPercentage?: number;
} {
  const num = (n: string) => {
    const v = get(n);
    if (v === null || v === undefined || v === '') return undefined;
    const x = Number(v);
    return Number.isFinite(x) ? x : undefined;
  };
  const charged = num('x-ms-resource-unit');
  const limitPercentage = num('x-ms-throttle-limit-percentage');
  return {
    ...(charged !== undefined ? { charged } : {}),
    ...(limitPercentage !== undefined ? { limitPercentage } : {}),
  };
}

/** Graph's error body `{"error":{"code","message","innerError":{"request-id"}}}`, read defensively. */
export function graphError(body: unknown): { code?: string; message?: string; requestId?: string } {
  const e = (
    body as { error?: { code?: unknown; message?: unknown; innerError?: Record<string, unknown> } } | undefined
  )?.error;
  if (!e || typeof e !== 'object') return {};
  const rid = e.innerError?.['request-id'];
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
    requestId: typeof rid === 'string' ? rid : undefined,
  };
}
