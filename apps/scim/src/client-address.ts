import type { IncomingMessage } from 'node:http';

/**
 * The client's address for rate limits. With `trustProxy` 0 (BUTTERFLY_TRUST_PROXY's default) it is
 * the socket's: X-Forwarded-For is whatever the client wrote. With n trusted proxies, each of which
 * appends the address it saw, it is the n-th entry from the right (express's `trust proxy` = n).
 */
export function clientAddress(req: IncomingMessage, trustProxy = 0): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - trustProxy)]!;
}
