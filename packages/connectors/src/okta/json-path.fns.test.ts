import { describe, expect, it } from 'vitest';
import { REDACTED, redactInPlace, valuesAt, withoutLinks } from './json-path.fns.ts';

describe('json paths', () => {
  const body = {
    a: { list: [{ id: 'x' }, { id: 'y' }, {}] },
    m: { k1: { v: 1 }, k2: { v: 2 } },
    s: { secret: 'p', empty: '' },
  };

  it('reads through arrays and wildcards, skipping what is missing', () => {
    expect(valuesAt(body, 'a.list[].id')).toEqual(['x', 'y']);
    expect(valuesAt(body, 'm.*.v')).toEqual([1, 2]);
    expect(valuesAt(body, 'nope.deeper')).toEqual([]);
  });

  it('redacts present secrets only, and returns where', () => {
    const copy = structuredClone(body);
    expect(redactInPlace(copy, ['s.secret', 's.empty', 's.absent', 'a.list[].id'])).toEqual([
      's.secret',
      'a.list[0].id',
      'a.list[1].id',
    ]);
    expect(copy.s).toEqual({ secret: REDACTED, empty: '' });
  });

  it('drops _links at every depth and nothing else', () => {
    expect(
      withoutLinks({ id: 1, _links: {}, nested: [{ _links: { self: {} }, keep: null }], _embedded: { x: 1 } }),
    ).toEqual({ id: 1, nested: [{ keep: null }], _embedded: { x: 1 } });
  });
});
