import { type BrotliCompress, type Gzip, constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { RequestHandler, Response } from 'express';

/** Text worth compressing: HTML, scripts, styles, JSON (and JSON-like), SVG, CSV and plain text. */
const COMPRESSIBLE =
  /^(text\/(html|css|javascript|plain|csv|x-script)|application\/(javascript|json|[a-z.+-]+\+json|manifest\+json)|image\/svg\+xml)\b/i;

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with from an Accept-Encoding header: brotli when accepted, else gzip, else
 * none. q=0 refuses a coding; `*` accepts both. Ties go to brotli (smaller for text).
 */
export function negotiateEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (coding: Encoding) => q.get(coding) ?? q.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

export interface CompressionOptions {
  /** Responses with a known Content-Length below this many bytes are sent as they are. */
  threshold?: number;
}

/**
 * gzip/brotli for text responses. BREACH needs a secret repeated in every page next to reflected
 * input; CSRF here is an Origin check (csrf.ts), so pages carry no such token.
 *
 * Decided when the first byte is written: left alone are HEAD, 204/304, responses that already carry
 * a Content-Encoding, `Cache-Control: no-transform`, event streams, headers already flushed (a
 * stream that wanted its headers out at once), and bodies under the threshold. `res.flush()` (which
 * Remix calls after each chunk it streams) pushes what is compressed so far to the client, so
 * streamed HTML and data still arrive as they are produced.
 */
export function compression(opts: CompressionOptions = {}): RequestHandler {
  const threshold = opts.threshold ?? 1024;
  return (req, res, next) => {
    const encoding = req.method === 'HEAD' ? null : negotiateEncoding(req.get('accept-encoding'));
    const origWrite = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const origEnd = res.end.bind(res) as (...args: unknown[]) => Response;
    let stream: Gzip | BrotliCompress | null = null;
    let decided = false;

    const decide = (firstChunkLength: number | null) => {
      decided = true;
      if (res.headersSent || !isCompressible(res)) return;
      res.vary('Accept-Encoding');
      if (!encoding) return;
      const length = Number(res.getHeader('content-length') ?? firstChunkLength ?? Number.NaN);
      if (Number.isFinite(length) && length < threshold) return;
      stream =
        encoding === 'br'
          ? createBrotliCompress({
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 4,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              },
            })
          : createGzip({ level: 6 });
      res.setHeader('Content-Encoding', encoding);
      res.removeHeader('Content-Length');
      const etag = res.getHeader('etag');
      // Another representation: a strong validator of the identity body no longer names it.
      if (typeof etag === 'string' && !etag.startsWith('W/')) res.setHeader('ETag', `W/${etag}`);
      // Backpressure both ways: a full socket pauses the compressor, and writers that wait for
      // 'drain' after write() returned false (pipe() from express.static) hear it when the
      // compressor's own buffer empties — the socket's 'drain' alone would never come then.
      stream.on('data', (chunk: Buffer) => {
        if (!origWrite(chunk)) stream?.pause();
      });
      stream.on('drain', () => res.emit('drain'));
      res.on('drain', () => stream?.resume());
      stream.on('end', () => origEnd());
      stream.on('error', (err) => res.destroy(err));
    };

    res.write = ((chunk: unknown, encodingOrCb?: unknown, cb?: unknown) => {
      if (!decided) decide(null);
      if (!stream) return origWrite(chunk, encodingOrCb, cb);
      const callback = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
      const enc = typeof encodingOrCb === 'string' ? (encodingOrCb as BufferEncoding) : undefined;
      return stream.write(toBuffer(chunk, enc), callback as (() => void) | undefined);
    }) as Response['write'];

    res.end = ((chunk?: unknown, encodingOrCb?: unknown, cb?: unknown) => {
      const callback = typeof chunk === 'function' ? chunk : typeof encodingOrCb === 'function' ? encodingOrCb : cb;
      const data = typeof chunk === 'function' ? undefined : chunk;
      const enc = typeof encodingOrCb === 'string' ? (encodingOrCb as BufferEncoding) : undefined;
      if (!decided) decide(data == null ? 0 : toBuffer(data, enc).length);
      if (!stream) return origEnd(chunk, encodingOrCb, cb);
      if (typeof callback === 'function') res.once('finish', callback as () => void);
      if (data != null) stream.write(toBuffer(data, enc));
      stream.end();
      return res;
    }) as Response['end'];

    (res as Response & { flush?: () => void }).flush = () => {
      stream?.flush();
    };
    next();
  };
}

function isCompressible(res: Response): boolean {
  if (res.statusCode === 204 || res.statusCode === 304) return false;
  if (res.getHeader('content-encoding')) return false;
  if (/\bno-transform\b/i.test(String(res.getHeader('cache-control') ?? ''))) return false;
  const type = String(res.getHeader('content-type') ?? '');
  return COMPRESSIBLE.test(type) && !/event-stream/i.test(type);
}

function toBuffer(chunk: unknown, encoding?: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), encoding);
}
