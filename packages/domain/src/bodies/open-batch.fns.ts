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

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Index just past the JSON string that opens at `i` (its closing quote is one no odd run of backslashes escapes). */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) throw new SyntaxError('Unterminated string in JSON');
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index just past the JSON value that starts at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 34) j = stringEnd(text, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    throw new SyntaxError('Unterminated value in JSON');
  }
  let j = i;
  for (; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
  }
  return j;
}

/**
 * `project(JSON.parse(text), paths)` without building the parts of the body no path reaches: the
 * object's top-level members are stepped over as text, and only those a path starts with are parsed.
 * A body that is not an object (or asks for `__proto__`) takes the plain way. The text must be JSON
 * (bodies are what JSON.stringify wrote); the tests hold it to `JSON.parse` on bodies of every shape.
 */
export function projectText(text: string, paths: readonly string[]): unknown {
  const heads = new Set(paths.map((p) => p.split('.', 1)[0]!));
  let i = 0;
  while (isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123 || heads.has('__proto__')) return project(JSON.parse(text), paths);
  const top: Record<string, unknown> = {};
  i++;
  for (;;) {
    while (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 44) i++;
    if (i >= text.length) throw new SyntaxError('Unterminated object in JSON');
    if (text.charCodeAt(i) === 125) break;
    const keyEnd = stringEnd(text, i);
    const raw = text.slice(i, keyEnd);
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    i = keyEnd;
    while (isSpace(text.charCodeAt(i))) i++;
    i++; // the colon
    while (isSpace(text.charCodeAt(i))) i++;
    const end = valueEnd(text, i);
    if (heads.has(key)) top[key] = JSON.parse(text.slice(i, end));
    i = end;
  }
  return project(top, paths);
}

/** An opened batch: whole bodies as one JSON array text, or the projected bodies. */
export type OpenedBatch = { texts: string } | { projected: unknown[] };

/** Opens a batch: whole bodies as `[body,…]` text (parsed by the caller), or each body's `fields` only. */
export function openBatch(batch: SealedBatch, fields?: readonly string[]): OpenedBatch {
  const texts = openBatchTexts(batch);
  if (!fields) return { texts: `[${texts.join(',')}]` };
  return { projected: texts.map((t) => projectText(t, fields)) };
}
