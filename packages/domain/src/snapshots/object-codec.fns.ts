import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { canonicalJson } from '../audit/audit.fns.ts';

/**
 * How one object version is stored. The body keeps the object exactly as the API returned it (key
 * order and unknown fields included) minus `_links`, which is pure navigation. Its address is an
 * HMAC of the canonical JSON under the tenant's content key, so the same content stored twice is one
 * row, and a re-ordered but equal object is not a new version.
 */
export function stripLinks<T>(value: T): T {
  if (Array.isArray(value)) return value.map(stripLinks) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '_links') out[k] = stripLinks(v);
    return out as T;
  }
  return value;
}

export function contentAddress(contentKey: Buffer, type: string, body: unknown): Buffer {
  return createHmac('sha256', contentKey).update(type).update('\0').update(canonicalJson(body)).digest();
}

/** gzip, then AES-256-GCM bound to tenant and address: [version 4][iv 12][tag 16][ciphertext]. */
export function sealBody(dataKey: { version: number; key: Buffer }, tenantId: string, address: Buffer, json: string): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dataKey.key, iv);
  c.setAAD(aad(tenantId, address));
  const ct = Buffer.concat([c.update(gzipSync(json, { level: 6 })), c.final()]);
  const v = Buffer.alloc(4);
  v.writeUInt32BE(dataKey.version);
  return Buffer.concat([v, iv, c.getAuthTag(), ct]);
}

export function openBody(key: Buffer, tenantId: string, address: Buffer, blob: Buffer): string {
  const d = createDecipheriv('aes-256-gcm', key, blob.subarray(4, 16));
  d.setAAD(aad(tenantId, address));
  d.setAuthTag(blob.subarray(16, 32));
  return gunzipSync(Buffer.concat([d.update(blob.subarray(32)), d.final()])).toString('utf8');
}

export const bodyKeyVersion = (blob: Buffer) => blob.readUInt32BE(0);

const aad = (tenantId: string, address: Buffer) => Buffer.concat([Buffer.from(`${tenantId}|object|`), address]);
