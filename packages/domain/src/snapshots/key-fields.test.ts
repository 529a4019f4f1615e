import { describe, expect, it } from 'vitest';
import { keyFieldsFor, keyFieldsOf } from './key-fields.fns.ts';

describe('key fields of an object', () => {
  it("reads a type's own fields in order and leaves out the missing ones", () => {
    const rule = {
      id: 'r1',
      name: 'Staff',
      status: 'ACTIVE',
      type: 'group_rule',
      conditions: { expression: { value: 'user.dept=="Eng"' } },
      created: '2026-01-01T00:00:00Z',
    };
    expect(keyFieldsOf('group_rule', rule).map((f) => [f.label, f.value])).toEqual([
      ['Name', 'Staff'],
      ['Status', 'ACTIVE'],
      ['Type', 'group_rule'],
      ['Condition', 'user.dept=="Eng"'],
      ['Created', '2026-01-01T00:00:00Z'],
    ]);
  });

  it('covers every policy and policy-rule type, and reads lists of values', () => {
    expect(keyFieldsFor('policy.OKTA_SIGN_ON')?.map((f) => f.label)).toContain('Priority');
    expect(keyFieldsFor('policy.ACCESS_POLICY.rule')?.map((f) => f.label)).toContain('Priority');
    expect(keyFieldsFor('policy.ACCESS_POLICY.mapping')).toBeUndefined();
    const zone = {
      name: 'Office',
      gateways: [
        { type: 'CIDR', value: '10.0.0.0/8' },
        { type: 'RANGE', value: '1.2.3.4-1.2.3.5' },
      ],
    };
    expect(keyFieldsOf('network_zone', zone)).toContainEqual({
      label: 'Gateways',
      path: 'gateways',
      value: '10.0.0.0/8, 1.2.3.4-1.2.3.5',
    });
  });

  it("falls back to a type's top-level scalars, without its id, links or nested objects", () => {
    const body = {
      id: 'x1',
      _links: { self: {} },
      name: 'Hook',
      enabled: true,
      retries: 3,
      channel: { type: 'HTTP' },
      tags: ['a', 'b'],
      empty: '',
    };
    expect(keyFieldsOf('event_hook', body).map((f) => [f.label, f.value])).toEqual([
      ['name', 'Hook'],
      ['enabled', true],
      ['retries', 3],
      ['tags', 'a, b'],
    ]);
    expect(keyFieldsOf('event_hook', ['not', 'an', 'object'])).toEqual([]);
  });
});
