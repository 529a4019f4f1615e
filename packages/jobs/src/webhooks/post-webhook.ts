import http from 'node:http';
import https from 'node:https';

export interface PostTarget {
  url: URL;
  /** The addresses the outbound check approved: the socket goes to these and nowhere else. */
  addresses: { address: string; family: number }[];
}

const TIMEOUT_MS = 10_000;
/** Receivers answer "ok"; anything longer is read only as far as an error message needs. */
const MAX_RESPONSE_BYTES = 8_192;

/**
 * One POST of a JSON body. Redirects are not followed (a 3xx is the receiver's answer, and following
 * it would bypass the address check); the connection is pinned to the checked addresses. Resolves
 * with the status and the start of the response body; rejects on network errors and timeouts.
 */
export function postWebhook(target: PostTarget, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { url, addresses } = target;
  const pinned = (_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (opts.all) cb(null, addresses);
    else cb(null, addresses[0]!.address, addresses[0]!.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }, lookup: pinned as never },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES) }));
      },
    );
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`${url.origin} did not answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
