import { request as httpRequest } from 'node:http';

/**
 * POSTs `total` bytes in 64 KiB chunks (chunked, or with `declare` as Content-Length) and resolves with
 * the status. With a declared length the headers go first and the body only if no answer comes within
 * a second (a server that waits for the body gets it all). Writes are paced one chunk per turn, so the
 * answer is read before a write can fail on the connection the server closed after it.
 */
export function postLargeBody(
  url: string,
  total: number,
  declare?: number,
  extra: Record<string, string> = {},
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...extra };
    if (declare !== undefined) headers['content-length'] = String(declare);
    const req = httpRequest(url, { method: 'POST', headers });
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = async () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        await new Promise<void>((done) => req.write(chunk, () => done()));
        await new Promise((turn) => setImmediate(turn));
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      res.on('error', reject);
    });
    // The server closes the connection after its 413: a write still in flight may fail then.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    req.flushHeaders();
    if (declare === undefined) void pump();
    else setTimeout(() => void pump(), 1_000);
  });
}
