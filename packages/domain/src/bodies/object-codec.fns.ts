import { type CipherGCM, createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { addressOf, canonical } from './content-address.fns.ts';

/**
 * How one object version is stored. The body keeps the object exactly as the API returned it (key
 * order and unknown fields included) minus `_links`, which is pure navigation. Its address is an
 * HMAC of the canonical JSON under the tenant's content key, so the same content stored twice is one
 * row, and a re-ordered but equal object is not a new version.
 */
export function stripLinks<T>(value: T): T {
  // The connector has usually dropped them already: then the value itself comes back, uncopied
  // (no caller mutates it), which spares a deep copy of every object of a large backup.
  return hasLinks(value) ? copyWithoutLinks(value) : value;
}

function hasLinks(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLinks);
  if (!value || typeof value !== 'object') return false;
  for (const k in value) if (k === '_links' || hasLinks((value as Record<string, unknown>)[k])) return true;
  return false;
}

function copyWithoutLinks<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyWithoutLinks) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== '_links') out[k] = copyWithoutLinks(v);
    return out as T;
  }
  return value;
}

export function contentAddress(contentKey: Buffer, type: string, body: unknown): Buffer {
  return addressOf(contentKey, type, canonical(body));
}

/** gzip (from 200 bytes), then AES-256-GCM bound to tenant and address: [version 4][iv 12][tag 16][ciphertext]. */
export function sealBody(
  dataKey: { version: number; key: Buffer },
  tenantId: string,
  address: Buffer,
  json: string,
): Buffer {
  return sealJson(dataKey, aad(tenantId, address), json);
}

export function openBody(key: Buffer, tenantId: string, address: Buffer, blob: Buffer): string {
  return openJson(key, aad(tenantId, address), blob);
}

/**
 * Bodies shorter than this are sealed uncompressed: for a membership row (`{"id":"00u…"}`) gzip's
 * header and the deflate set-up cost more than they save. Opening tells the two apart by gzip's
 * magic bytes, which no JSON text starts with.
 */
const COMPRESS_FROM = 200;
/** Level 1: a third of level 6's CPU on Okta's JSON for a few percent more bytes; a backup seals every new version. */
const GZIP_LEVEL = 1;

/**
 * IVs are drawn from a block of random bytes refilled 1024 IVs at a time: one `randomBytes` call per
 * object was a twentieth of a large backup's CPU. Each IV is still 96 fresh random bits, used once.
 */
let ivBlock = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + 12 > ivBlock.length) {
    ivBlock = randomBytes(12 * 1024);
    ivAt = 0;
  }
  ivAt += 12;
  return ivBlock.subarray(ivAt - 12, ivAt);
}

/**
 * Bodies up to this size are deflated with a 1 KiB window and a small hash table (windowBits 10,
 * memLevel 4): zlib's default state is ~256 KiB allocated and cleared per call, which was half the
 * cost of compressing a typical 0.5-2 KiB user or assignment, and the smaller window loses nothing at
 * that size (measured: 398 bytes either way for a 700-byte user). Larger bodies keep the default.
 * gunzip reads both: the window size travels in the stream.
 */
const SMALL_WINDOW_UNTIL = 4096;

function compress(plain: Buffer): Buffer {
  return plain.length <= SMALL_WINDOW_UNTIL
    ? gzipSync(plain, { level: GZIP_LEVEL, chunkSize: GUNZIP_CHUNK, windowBits: 10, memLevel: 4 })
    : gzipSync(plain, { level: GZIP_LEVEL, chunkSize: GUNZIP_CHUNK });
}

/** The same sealed format for other tenant data (stored log events), bound to what `binding` names. */
export function sealJson(dataKey: { version: number; key: Buffer }, binding: Buffer, json: string): Buffer {
  const iv = nextIv();
  const c = createCipheriv('aes-256-gcm', dataKey.key, iv);
  c.setAAD(binding);
  const plain = Buffer.from(json);
  const ct = [c.update(plain.length < COMPRESS_FROM ? plain : compress(plain)), c.final()];
  return sealedBlob(dataKey.version, iv, c, ct);
}

/** The sealed format: [key version 4][iv 12][tag 16][ciphertext], once the cipher is final. */
function sealedBlob(version: number, iv: Buffer, c: CipherGCM, ct: Buffer[]): Buffer {
  const v = Buffer.alloc(4);
  v.writeUInt32BE(version);
  return Buffer.concat([v, iv, c.getAuthTag(), ...ct]);
}

/**
 * `sealJson` of the text `parts` make joined with `separator`, without ever joining them: the parts go
 * through gzip and the cipher as they come, so a large blob (a 100k-user projection, ~20 MB of text)
 * is never held whole beside its UTF-8 copy and its compressed copy (issue 20: the spike at the end
 * of a large backup). Always compressed; `openJson` reads it like any sealed JSON.
 */
export async function sealJsonParts(
  dataKey: { version: number; key: Buffer },
  binding: Buffer,
  parts: readonly string[],
  separator: string,
): Promise<Buffer> {
  const iv = nextIv();
  const c = createCipheriv('aes-256-gcm', dataKey.key, iv);
  c.setAAD(binding);
  const ct: Buffer[] = [];
  const gz = createGzip({ level: GZIP_LEVEL });
  gz.on('data', (chunk: Buffer) => ct.push(c.update(chunk)));
  const ended = once(gz, 'end');
  // Written in pieces of ~64k characters: a stream write per part would cost more than the part.
  let piece = '';
  for (let i = 0; i < parts.length; i++) {
    piece += i ? separator + parts[i] : parts[i]!;
    if (piece.length < 65_536 && i < parts.length - 1) continue;
    const more = gz.write(piece);
    piece = '';
    if (!more) await Promise.race([once(gz, 'drain'), ended]);
  }
  gz.end();
  await ended;
  ct.push(c.final());
  return sealedBlob(dataKey.version, iv, c, ct);
}

/**
 * Most bodies are well under 4 KiB: zlib's default 16 KiB output chunk is an allocation per object,
 * which was half the cost of decompressing a 100k-user snapshot (a compliance scan streams them all),
 * and, compressing, a hundred megabytes of buffers a full backup kept waiting for the collector.
 */
const GUNZIP_CHUNK = 4096;

export function openJson(key: Buffer, binding: Buffer, blob: Buffer): string {
  const plain = decryptSealed(key, binding, blob);
  return (isGzip(plain) ? gunzipSync(plain, { chunkSize: GUNZIP_CHUNK }) : plain).toString('utf8');
}

/** The sealed payload, authenticated and decrypted: gzip or plain JSON bytes (`isGzip` tells which). */
export function decryptSealed(key: Buffer, binding: Buffer, blob: Buffer): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, blob.subarray(4, 16));
  d.setAAD(binding);
  d.setAuthTag(blob.subarray(16, 32));
  const plain = d.update(blob.subarray(32));
  d.final(); // GCM yields nothing more here; it checks the tag (throws if the blob was altered)
  return plain;
}

export const isGzip = (plain: Buffer) => plain[0] === 0x1f && plain[1] === 0x8b;

export const bodyKeyVersion = (blob: Buffer) => blob.readUInt32BE(0);

const aad = (tenantId: string, address: Buffer) => Buffer.concat([Buffer.from(`${tenantId}|object|`), address]);
/** What an object body's seal is bound to (its tenant and address): `openBody` = `openJson(key, bodyBinding(…), blob)`. */
export const bodyBinding = aad;
