import type { RequestHandler } from 'express';

/** Where a first-party client calls from another origin: the token endpoints and the Bearer API. */
export const CORS_PATHS = [/^\/oauth\/(token|revoke)$/, /^\/api\/trpc(\/|$)/];

/**
 * CORS for the extension's origins on those paths only, and never with credentials: these requests
 * authenticate with a token in the body or the Authorization header, so the browser's cookies must
 * not ride along (no `Access-Control-Allow-Credentials`). Any other origin gets no CORS headers,
 * which the browser enforces. Preflights are answered here, before the CSRF guard and Remix.
 */
export function corsForClients(origins: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (!CORS_PATHS.some((p) => p.test(req.path))) return next();
    // Answers differ by Origin on these paths: caches must key on it.
    res.setHeader('Vary', 'Origin');
    const origin = req.get('origin');
    if (!origin || !origins.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
