import { expect, test } from 'vitest';
import { OktaError } from '../okta/errors.ts';
import { compileFilter } from './filter.ts';

const event = {
  eventType: 'group.user_membership.add',
  published: '2026-01-05T12:00:00.000Z',
  target: [
    { id: '00u1', type: 'User' },
    { id: '00g1', type: 'UserGroup' },
  ],
  actor: { id: '00uA' },
};

test('comparisons, and/or/not, parentheses, and arrays along the path', () => {
  expect(compileFilter('eventType eq "group.user_membership.add"')(event)).toBe(true);
  expect(compileFilter('target.id eq "00g1"')(event)).toBe(true);
  expect(compileFilter('target.id eq "00g2"')(event)).toBe(false);
  expect(
    compileFilter('(actor.id eq "nope" or target.type eq "UserGroup") and published gt "2026-01-01T00:00:00.000Z"')(
      event,
    ),
  ).toBe(true);
  expect(compileFilter('not (eventType sw "group.")')(event)).toBe(false);
  expect(compileFilter('eventType co "MEMBERSHIP"')(event)).toBe(true);
  expect(compileFilter('actor.alternateId pr')(event)).toBe(false);
});

test('unreadable expressions are E0000031', () => {
  for (const bad of ['status eq', 'status foo "x"', '(status eq "A"', 'status eq "A" extra']) {
    expect(() => compileFilter(bad)).toThrow(OktaError);
  }
});
