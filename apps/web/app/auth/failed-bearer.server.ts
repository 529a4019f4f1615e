import type { RateLimiter } from '@butterfly/db/rate-limits';

/**
 * The answer to a Bearer credential that did not authenticate: counted per client address, and past
 * the allowance a 429 (tRPC's error envelope, code RATE_LIMITED) instead of the 401. Only failures
 * count and only failures are refused, so a valid token behind the same address (an office NAT, a
 * CI runner) keeps working. A counter that cannot be reached lets the 401 stand.
 */
export async function refuseRepeatedBearerFailures(
  limiter: RateLimiter | undefined,
  ip: string | null,
  onError: (err: unknown) => void,
): Promise<Response | undefined> {
  if (!limiter) return undefined;
  let verdict: Awaited<ReturnType<RateLimiter['fail']>>;
  try {
    verdict = await limiter.fail(ip ?? 'unknown');
  } catch (err) {
    onError(err);
    return undefined;
  }
  if (verdict.allowed) return undefined;
  const message = `Too many failed authentications from this address; try again in ${verdict.retryAfterSec} seconds.`;
  return Response.json(
    {
      error: {
        message,
        code: -32029,
        data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429, domainCode: 'RATE_LIMITED' },
      },
    },
    { status: 429, headers: { 'Retry-After': String(verdict.retryAfterSec), 'Cache-Control': 'no-store' } },
  );
}
