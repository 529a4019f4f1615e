import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyVersionOf, open, seal } from './envelope.fns.ts';

describe('envelope', () => {
  const key = randomBytes(32);

  it('round-trips and records the key version', () => {
    const blob = seal(key, 7, Buffer.from('s3cret'), 'tenant-a|sso');
    expect(keyVersionOf(blob)).toBe(7);
    expect(open(key, blob, 'tenant-a|sso').toString()).toBe('s3cret');
    expect(blob.includes(Buffer.from('s3cret'))).toBe(false);
  });

  it('refuses another tenant, another purpose, another key and a flipped bit', () => {
    const blob = seal(key, 1, Buffer.from('s3cret'), 'tenant-a|sso');
    expect(() => open(key, blob, 'tenant-b|sso')).toThrow();
    expect(() => open(key, blob, 'tenant-a|other')).toThrow();
    expect(() => open(randomBytes(32), blob, 'tenant-a|sso')).toThrow();
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(key, flipped, 'tenant-a|sso')).toThrow();
  });
});
