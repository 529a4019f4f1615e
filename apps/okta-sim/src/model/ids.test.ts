import { expect, test } from 'vitest';
import { clientSecret, createIdSource, demoPassword, oktaId } from './ids.ts';

test('a seeded source repeats its sequence; another seed or no seed does not', () => {
  const draw = (seed?: string) => {
    const ids = createIdSource(seed);
    return [oktaId(ids, '00u'), oktaId(ids, '00u'), oktaId(ids, '0oa'), clientSecret(ids), demoPassword(ids, 'ann')];
  };
  const first = draw('1');
  expect(draw('1')).toEqual(first);
  expect(new Set(first).size).toBe(first.length);
  expect(draw('2')).not.toEqual(first);
  expect(draw()).not.toEqual(draw());
});

test('values look like Okta ones', () => {
  const ids = createIdSource('1');
  expect(oktaId(ids, '00u')).toMatch(/^00u[0-9A-Za-z]{17}$/);
  expect(oktaId(ids, '0oa')).toMatch(/^0oa[0-9A-Za-z]{17}$/);
  expect(clientSecret(ids)).toMatch(/^[\w-]{40}$/);
});

test('labels have their own counters, so a new kind of value does not shift the others', () => {
  const plain = createIdSource('1');
  const mixed = createIdSource('1');
  demoPassword(mixed, 'someone');
  expect(oktaId(mixed, '00u')).toBe(oktaId(plain, '00u'));
});
