import { createCipheriv } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openJson, sealJson, sealJsonParts } from './object-codec.fns.ts';

const key = { version: 1, key: Buffer.alloc(32, 7) };
const binding = Buffer.from('t1|object|abc');

describe('sealed JSON', () => {
  it('stores small bodies uncompressed and large ones gzipped; both open, neither reads in the clear', () => {
    const small = JSON.stringify({ id: '00u1abcdefghijklmnop' });
    const large = JSON.stringify({ id: '00u1', profile: { title: 'Engineer '.repeat(40) } });
    const a = sealJson(key, binding, small);
    const b = sealJson(key, binding, large);
    expect(a.length).toBe(32 + small.length);
    expect(b.length).toBeLessThan(32 + large.length / 2);
    expect(openJson(key.key, binding, a)).toBe(small);
    expect(openJson(key.key, binding, b)).toBe(large);
    expect(a.includes(Buffer.from('00u1abc'))).toBe(false);
  });

  it('round-trips bodies on both sides of the small-window limit, compressed and unreadable', () => {
    for (const size of [300, 4096, 4097, 200_000]) {
      const json = JSON.stringify({
        id: '00u1',
        notes: Array.from({ length: size }, (_, i) => 'abcdefgh'[i % 8]).join(''),
      }).slice(0, size);
      const blob = sealJson(key, binding, json);
      expect(openJson(key.key, binding, blob)).toBe(json);
      expect(blob.length).toBeLessThan(32 + json.length);
      expect(blob.includes(Buffer.from('abcdefgh'))).toBe(false);
    }
  });

  it('still opens small bodies sealed gzipped (as every body was before)', () => {
    const json = JSON.stringify({ id: '00g1' });
    const iv = Buffer.alloc(12, 3);
    const c = createCipheriv('aes-256-gcm', key.key, iv);
    c.setAAD(binding);
    const ct = Buffer.concat([c.update(gzipSync(json)), c.final()]);
    const blob = Buffer.concat([Buffer.from([0, 0, 0, 1]), iv, c.getAuthTag(), ct]);
    expect(openJson(key.key, binding, blob)).toBe(json);
  });

  it('seals parts as the joined text would be sealed: it opens to the join, bound to its binding, unreadable', async () => {
    // ~3 MB over many stream writes, with multi-byte characters astride the pieces.
    const parts = Array.from({ length: 30_000 }, (_, i) => JSON.stringify([`00u${i}`, { login: `ü${i}@é.test` }]));
    const blob = await sealJsonParts(key, binding, parts, ',');
    expect(openJson(key.key, binding, blob)).toBe(parts.join(','));
    expect(blob.length).toBeLessThan(parts.join(',').length / 3);
    expect(blob.includes(Buffer.from('.test'))).toBe(false);
    expect(() => openJson(key.key, Buffer.from('t2|object|abc'), blob)).toThrow();
    expect(openJson(key.key, binding, await sealJsonParts(key, binding, ['{"a":1}'], ','))).toBe('{"a":1}');
  });
});
