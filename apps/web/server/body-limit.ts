import type { RequestHandler } from 'express';

/** A body limit for the paths a pattern matches; the first match wins, `defaultBytes` otherwise. */
export interface BodyLimits {
  routes: readonly { path: RegExp; bytes: number }[];
  defaultBytes: number;
}

export const BODY_TOO_LARGE = 'PAYLOAD_TOO_LARGE';

/** Raised into the request stream that downstream code (Remix, tRPC) reads when a body runs past its limit. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  readonly code = BODY_TOO_LARGE;
}

export const isBodyTooLarge = (e: unknown): boolean =>
  e instanceof BodyTooLargeError || (e instanceof Error && e.cause !== undefined && isBodyTooLarge(e.cause));

export const limitFor = (limits: BodyLimits, path: string) => limits.routes.find((r) => r.path.test(path))?.bytes ?? limits.defaultBytes;

/**
 * Every request body is bounded before anything buffers it. A declared Content-Length past the
 * route's limit is answered 413 at once, unread (Node's parser never delivers more than the declared
 * length). A body without one (chunked) is counted as it streams to whoever reads it: past the limit
 * the 413 goes out with `Connection: close`, reading stops, and the stream errors with
 * BodyTooLargeError, so the route's own read fails instead of seeing a truncated body.
 */
export function bodyLimit(limits: BodyLimits): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const limit = limitFor(limits, req.path);
    const refuse = () => {
      res.locals.bodyRefused = true;
      res
        .status(413)
        .set({ Connection: 'close', 'Cache-Control': 'no-store' })
        .json({ error: 'payload_too_large', code: BODY_TOO_LARGE, message: `The request body is larger than ${limit} bytes, the limit for this endpoint.` });
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > limit) return refuse();
      return next();
    }
    if (req.headers['transfer-encoding'] === undefined) return next();
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= limit) return;
      req.off('data', count).pause();
      if (!res.headersSent) refuse();
      // After the 413 is written: destroying first could reset the connection before it is sent.
      res.once('finish', () => req.destroy(new BodyTooLargeError(`request body past ${limit} bytes`)));
    };
    // Paused first: adding a 'data' listener must not start the flow before the route reads the body.
    req.pause();
    req.on('data', count);
    next();
  };
}
