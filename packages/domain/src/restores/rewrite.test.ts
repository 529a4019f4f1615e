import { describe, expect, it } from 'vitest';
import { referencesOf, refKey } from '../snapshots/objects.fns.ts';
import { liveIdOf, rewriteBody } from './rewrite.fns.ts';
import { TYPES } from './testing/types.fixture.ts';

const idMap = new Map([
  [refKey('group', 'g1'), 'g1new'],
  [refKey('user', 'u1'), 'u1new'],
  [refKey('policy.PASSWORD', 'p1'), 'p1new'],
]);

describe('rewriting through the id map', () => {
  it('rewrites references to re-created objects and nothing else', () => {
    const rule = { id: 'r1', actions: { assignUserToGroups: { groupIds: ['g0', 'g1'] } }, note: 'g1' };
    expect(rewriteBody(TYPES.get('group_rule')!, rule, idMap)).toEqual({
      id: 'r1',
      actions: { assignUserToGroups: { groupIds: ['g0', 'g1new'] } },
      note: 'g1',
    });
    expect(rule.actions.assignUserToGroups.groupIds).toEqual(['g0', 'g1']); // the snapshot body is untouched
  });

  it('reads and rewrites a reference held as a resource name (`orgUnits/<id>`), keeping its prefix', () => {
    const info = {
      ...TYPES.get('group_rule')!,
      references: [{ path: 'policyQuery.orgUnit', type: 'group', prefix: 'orgUnits/' }],
    };
    const body = { policyQuery: { orgUnit: 'orgUnits/g1' } };
    expect(referencesOf(info, body)).toEqual([
      { at: 'policyQuery.orgUnit', value: 'g1', types: ['group'], prefix: 'orgUnits/' },
    ]);
    expect(rewriteBody(info, body, idMap)).toEqual({ policyQuery: { orgUnit: 'orgUnits/g1new' } });
    // Without the prefix the value names nothing (not the whole string as an id).
    expect(referencesOf(info, { policyQuery: { orgUnit: 'g1' } })).toEqual([]);
  });

  it('finds children and relation rows under the new ids', () => {
    expect(liveIdOf(TYPES, 'group', 'g1', idMap)).toBe('g1new');
    expect(liveIdOf(TYPES, 'group.member', 'g1/u1', idMap)).toBe('g1new/u1new');
    expect(liveIdOf(TYPES, 'group.member', 'g2/u2', idMap)).toBe('g2/u2');
    expect(liveIdOf(TYPES, 'policy.PASSWORD.rule', 'p1/r1', idMap)).toBe('p1new/r1');
    expect(
      liveIdOf(
        TYPES,
        'policy.PASSWORD.rule',
        'p1/r1',
        new Map([...idMap, [refKey('policy.PASSWORD.rule', 'p1/r1'), 'p1new/r9']]),
      ),
    ).toBe('p1new/r9');
  });
});
