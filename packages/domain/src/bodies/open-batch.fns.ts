import { gunzipSync } from 'node:zlib';
import { bodyBinding, decryptSealed, isGzip } from './object-codec.fns.ts';

/** Sealed bodies to open together: one tenant, each with the address its seal is bound to. */
export interface SealedBatch {
  key: Buffer;
  tenantId: string;
  addresses: Buffer[];
  blobs: Buffer[];
}

/**
 * The JSON text of each body, in order. Each is authenticated and decrypted on its own (its own IV and
 * tag); the gzip members are then inflated in one call instead of one zlib stream per body, which was
 * most of the cost of opening 100k small users (decision 051). A gzip member's last four bytes are its
 * uncompressed length (mod 2^32), which splits the output; bodies are far below 4 GiB, and a total that
 * does not add up falls back to one call per body.
 */
export function openBatchTexts(batch: SealedBatch): string[] {
  // One binding buffer, its address part overwritten per body (the cipher copies it in setAAD).
  const prefix = bodyBinding(batch.tenantId, Buffer.alloc(0));
  let binding = Buffer.alloc(0);
  const plains = batch.blobs.map((blob, i) => {
    const address = batch.addresses[i]!;
    if (binding.length !== prefix.length + address.length) {
      binding = Buffer.alloc(prefix.length + address.length);
      prefix.copy(binding);
    }
    address.copy(binding, prefix.length);
    return decryptSealed(batch.key, binding, blob);
  });
  const members = plains.filter(isGzip);
  const sizes = members.map((m) => m.readUInt32LE(m.length - 4));
  const total = sizes.reduce((n, s) => n + s, 0);
  // Output in one piece when the sizes are right (zlib then fills one buffer instead of 16 KiB chunks).
  const inflated = members.length
    ? gunzipSync(Buffer.concat(members), { chunkSize: Math.max(64, Math.min(total, 64 * 2 ** 20)) })
    : Buffer.alloc(0);
  const whole = inflated.length === total;
  let at = 0;
  let m = 0;
  return plains.map((plain) => {
    if (!isGzip(plain)) return plain.toString('utf8');
    if (!whole) return gunzipSync(members[m++]!).toString('utf8');
    const text = inflated.toString('utf8', at, at + sizes[m]!);
    at += sizes[m++]!;
    return text;
  });
}

/**
 * Only these dotted paths of a parsed body, at the same places (absent ones stay absent): for every path
 * asked, `at(project(b, paths), path)` is `at(b, path)` (own properties: paths name data fields). A rule that counts 100k users over three fields
 * receives those fields, not whole profiles.
 */
export function project(body: unknown, paths: readonly string[]): unknown {
  if (body === null || typeof body !== 'object') return body;
  const out: Record<string, unknown> = Array.isArray(body) ? ([] as unknown as Record<string, unknown>) : {};
  for (const path of paths) {
    const keys = path.split('.');
    let src = body as Record<string, unknown>;
    let dst = out;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (!Object.hasOwn(src, k)) break;
      const v = src[k];
      if (i === keys.length - 1 || v === null || typeof v !== 'object') {
        dst[k] = v;
        break;
      }
      if (!Object.hasOwn(dst, k)) dst[k] = Array.isArray(v) ? [] : {};
      dst = dst[k] as Record<string, unknown>;
      src = v as Record<string, unknown>;
    }
  }
  return out;
}

/** What a decode worker sends back: whole bodies as one JSON array text, or the projected bodies. */
export type OpenedBatch = { texts: string } | { projected: unknown[] };

/** Opens a batch: whole bodies as `[body,…]` text (parsed by the caller), or each body's `fields` only. */
export function openBatch(batch: SealedBatch, fields?: readonly string[]): OpenedBatch {
  const texts = openBatchTexts(batch);
  if (!fields) return { texts: `[${texts.join(',')}]` };
  return { projected: texts.map((t) => project(JSON.parse(t), fields)) };
}
