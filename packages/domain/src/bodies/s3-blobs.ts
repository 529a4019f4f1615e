import { createHash } from 'node:crypto';
import { AwsV4Signer } from 'aws4fetch';
import { type BlobStore, addressKey, blobKey, eachLimit } from './body-store.ts';

/**
 * The HTTP client S3 requests go through: the product's one guarded outbound client
 * (@butterfly/outbound's `request`, decision 016), which the app hands in: the domain does not call
 * out of the process by itself.
 */
export interface S3Http {
  request(
    url: string,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array },
  ): Promise<{ status: number; body: Buffer }>;
}

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key (true) or bucket.endpoint/key (false). */
  pathStyle: boolean;
}

/** Requests in flight at once per batch. */
const PARALLEL = 8;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/**
 * Sealed bodies as objects of an S3-compatible bucket, keyed `<prefix>/<tenant>/<byte>/<hex>`.
 * Requests are signed with AWS Signature V4 (aws4fetch's signer: no SDK, no global fetch) with the
 * payload's SHA-256 signed too, and sent through the guarded client. Keys are content addresses, so
 * nothing lists the bucket; a batch is that many single-object requests, a few at a time.
 */
export function s3Blobs(settings: S3Settings, http: S3Http): BlobStore {
  const base = new URL(settings.endpoint);
  const urlOf = (tenantId: string, address: Buffer) => {
    const key = [settings.prefix, blobKey(tenantId, address)].filter(Boolean).join('/');
    if (settings.pathStyle) return `${base.origin}${base.pathname.replace(/\/$/, '')}/${settings.bucket}/${key}`;
    return `${base.protocol}//${settings.bucket}.${base.host}${base.pathname.replace(/\/$/, '')}/${key}`;
  };

  async function call(method: string, url: string, body?: Buffer) {
    const hash = body ? createHash('sha256').update(body).digest('hex') : EMPTY_SHA256;
    const headers: Record<string, string> = { 'x-amz-content-sha256': hash };
    if (body) headers['content-type'] = 'application/octet-stream';
    const signed = await new AwsV4Signer({
      method,
      url,
      headers,
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      service: 's3',
      region: settings.region,
    }).sign();
    const res = await http.request(signed.url.toString(), {
      method,
      headers: Object.fromEntries(signed.headers),
      body,
    });
    return res;
  }

  const fail = (what: string, res: { status: number; body: Buffer }) =>
    new Error(`S3 ${what} answered ${res.status}${s3Code(res.body) ? ` (${s3Code(res.body)})` : ''}`);

  return {
    kind: 's3',
    async put(tenantId, items) {
      await eachLimit(items, PARALLEL, async ({ address, body }) => {
        const res = await call('PUT', urlOf(tenantId, address), body);
        if (res.status !== 200) throw fail('PUT', res);
      });
    },
    async get(tenantId, addresses) {
      const out = new Map<string, Buffer>();
      await eachLimit(addresses, PARALLEL, async (a) => {
        const res = await call('GET', urlOf(tenantId, a));
        if (res.status === 200) out.set(addressKey(a), res.body);
        else if (res.status !== 404) throw fail('GET', res);
      });
      return out;
    },
    async has(tenantId, addresses) {
      const out = new Set<string>();
      await eachLimit(addresses, PARALLEL, async (a) => {
        const res = await call('HEAD', urlOf(tenantId, a));
        if (res.status === 200) out.add(addressKey(a));
        else if (res.status !== 404) throw fail('HEAD', res);
      });
      return out;
    },
    async delete(tenantId, addresses) {
      await eachLimit(addresses, PARALLEL, async (a) => {
        const res = await call('DELETE', urlOf(tenantId, a));
        if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw fail('DELETE', res);
      });
    },
  };
}

/** The <Code> of an S3 error document, for the log (never the whole body). */
function s3Code(body: Buffer): string | undefined {
  return /<Code>([A-Za-z]{1,64})<\/Code>/.exec(body.subarray(0, 2048).toString('utf8'))?.[1];
}
