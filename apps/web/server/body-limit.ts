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

export const limitFor = (limits: BodyLimits, path: string) =>
  limits.routes.find((r) => r.path.test(path))?.bytes ?? limits.defaultBytes;

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
    const refuse = (close: boolean) => {
      res.locals.bodyRefused = true;
      res
        .status(413)
        .set({ 'Cache-Control': 'no-store', ...(close ? { Connection: 'close' } : {}) })
        .json({
          error: 'payload_too_large',
          code: BODY_TOO_LARGE,
          message: `The request body is larger than ${limit} bytes, the limit for this endpoint.`,
        });
    };
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > limit) return refuse(true);
      return next();
    }
    if (req.headers['transfer-encoding'] === undefined) return next();
    let seen = 0;
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen <= limit) return;
      req.off('data', count);
      // The reader's stream fails (Remix's pump, tRPC's fetch body), so it never takes the bytes it
      // got for a complete body. Not `req.destroy()`: that would reset the connection under the 413.
      if (req.listenerCount('error') > 0) req.emit('error', new BodyTooLargeError(`request body past ${limit} bytes`));
      if (!res.headersSent) refuse(false);
      linger(req);
    };
    // Paused first: adding a 'data' listener must not start the flow before the route reads the body.
    req.pause();
    req.on('data', count);
    next();
  };
}

const LINGER_BYTES = 4 * 1024 * 1024;
const LINGER_MS = 2_000;

/**
 * A lingering close, as nginx does it: after an early answer, what the client is still sending is
 * read and dropped for a while, so it reads the 413 instead of a connection reset (closing a socket
 * with unread data resets it). A client that keeps sending past the bounds is cut off.
 */
function linger(req: Parameters<RequestHandler>[0]) {
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
