import { describe, expect, it } from 'vitest';
import { contentAddress, openBody, sealBody, stripLinks } from '../bodies/object-codec.fns.ts';
import { diffJson } from './json-diff.fns.ts';

describe('diffJson', () => {
  it('reports leaf changes with JSON paths, before and after', () => {
    const before = {
      name: 'Default',
      settings: { password: { complexity: { minLength: 15 }, lockout: { maxAttempts: 3 } } },
      include: ['a', 'b'],
    };
    const after = {
      name: 'Default',
      settings: { password: { complexity: { minLength: 8 }, lockout: { maxAttempts: 3 } } },
      include: ['a'],
      'odd-key': 1,
    };
    expect(diffJson(before, after)).toEqual([
      { path: '$.include[1]', before: 'b', kind: 'removed' },
      { path: '$["odd-key"]', after: 1, kind: 'added' },
      { path: '$.settings.password.complexity.minLength', before: 15, after: 8, kind: 'changed' },
    ]);
  });

  it('finds nothing between equal values with different key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toEqual([]);
  });

  it('treats a type change as a change of the whole value', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] })).toEqual([
      { path: '$.a', before: { b: 1 }, after: [1], kind: 'changed' },
    ]);
  });
});

describe('object codec', () => {
  it('strips _links at every depth and keeps unknown fields', () => {
    const o = {
      id: 'x',
      _links: { self: {} },
      _embedded: { user: { id: 'u', _links: {} } },
      futureField: { keep: true },
    };
    expect(stripLinks(o)).toEqual({ id: 'x', _embedded: { user: { id: 'u' } }, futureField: { keep: true } });
  });

  it('addresses by content, not key order, and by tenant key', () => {
    const k1 = Buffer.alloc(32, 1);
    const k2 = Buffer.alloc(32, 2);
    expect(contentAddress(k1, 'group', { a: 1, b: 2 })).toEqual(contentAddress(k1, 'group', { b: 2, a: 1 }));
    expect(contentAddress(k1, 'group', { a: 1 })).not.toEqual(contentAddress(k2, 'group', { a: 1 }));
    expect(contentAddress(k1, 'group', { a: 1 })).not.toEqual(contentAddress(k1, 'app', { a: 1 }));
  });

  it('seals compressed bodies bound to tenant and address', () => {
    const key = { version: 1, key: Buffer.alloc(32, 7) };
    const addr = Buffer.alloc(32, 9);
    const json = JSON.stringify({ id: '00g1', profile: { name: 'Everyone'.repeat(20) } });
    const blob = sealBody(key, 't1', addr, json);
    expect(blob.includes(Buffer.from('Everyone'))).toBe(false);
    expect(openBody(key.key, 't1', addr, blob)).toBe(json);
    expect(() => openBody(key.key, 't2', addr, blob)).toThrow();
  });
});
