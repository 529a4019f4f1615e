import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ObjectIndex } from './object-index.ts';
import { entryKey } from './snapshots.fns.ts';

const address = (s: string) => createHash('sha256').update(s).digest();

describe('ObjectIndex', () => {
  it('takes each object once, telling new from stored, and grows past its first capacity', () => {
    const index = new ObjectIndex();
    for (let i = 0; i < 5000; i++) expect(index.take(entryKey('user', `00u${i}`))).toEqual({ before: null });
    expect(index.take(entryKey('user', '00u42'))).toBeUndefined();
    expect(index.take(entryKey('group', '00u42'))).toEqual({ before: null });
    expect(index.seenCount).toBe(5001);
  });

  it('recognises an unchanged stored version by the first 64 bits of its address', () => {
    expect(ObjectIndex.same(address('a').subarray(0, 8), address('a'))).toBe(true);
    expect(ObjectIndex.same(address('a').subarray(0, 8), address('b'))).toBe(false);
    expect(ObjectIndex.same(null, address('a'))).toBe(false);
  });
});
