import type { Logger } from '@butterfly/config';
import { type TRateVerdict, combineVerdicts } from '@butterfly/db/rate-limits';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimitPlan } from './rate-limit-plan.ts';
import type { WebRateLimits } from './web-rate-limits.ts';

/**
 * Express middleware in front of Remix: asks the limiters the plan names and answers 429 with
 * Retry-After when one refuses. A limiter that throws (its insurance too) lets the request through
 * with a warning: a broken counter must not take sign-in down with it.
 */
export function rateLimitRoutes(limits: WebRateLimits, log: Logger): RequestHandler {
  return async (req, res, next) => {
    const steps = rateLimitPlan({
      method: req.method,
      path: req.path,
      query: new URLSearchParams(req.url.split('?')[1] ?? ''),
      ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    });
    if (!steps.length) return next();
    let verdict: TRateVerdict;
    try {
      verdict = combineVerdicts(await Promise.all(steps.map((s) => limits[s.limit].hit(s.key))));
    } catch (err) {
      log.warn({ err, path: req.path }, 'rate limit could not be checked; letting the request through');
      return next();
    }
    if (!verdict.allowed) {
      log.warn(
        { path: req.path, limits: steps.map((s) => s.limit), retryAfterSec: verdict.retryAfterSec },
        'rate limited',
      );
      return tooManyRequests(req, res, verdict.retryAfterSec);
    }
    next();
  };
}

/**
 * 429 with Retry-After and a body each kind of client understands, both carrying the stable code
 * RATE_LIMITED: OAuth's error object on the token endpoints, a line of text for pages.
 */
function tooManyRequests(req: Request, res: Response, retryAfterSec: number) {
  const message = `Too many requests; try again in ${retryAfterSec} seconds.`;
  res.status(429).set({ 'Retry-After': String(retryAfterSec), 'Cache-Control': 'no-store' });
  if (req.path.startsWith('/oauth/'))
    return res.json({ error: 'rate_limited', error_description: message, code: 'RATE_LIMITED' });
  return res.type('text/plain').send(`${message} (RATE_LIMITED)`);
}
