import { describe, expect, it } from 'vitest';
import { resolveChains } from '../snapshots/connection-id-map.ts';
import { liveMatcher } from './match-live.fns.ts';
import { refKey } from '../snapshots/objects.fns.ts';
import { pairByNaturalKey } from './pair-by-key.fns.ts';
import { t, TYPES } from './testing/types.fixture.ts';

// What earlier restores of this connection re-created: group g1 is g1new today, policy p1 is p1new.
const idMap = new Map([
  [refKey('group', 'g1'), 'g1new'],
  [refKey('policy.PASSWORD', 'p1'), 'p1new'],
]);

describe('live objects found through the connection id map', () => {
  const m = liveMatcher(TYPES, idMap);

  it('finds a re-created object, its children and rows keyed by it under the snapshot ids', () => {
    expect(m.snapshotIdsOf('group', 'g1new')).toEqual(['g1', 'g1new']);
    expect(m.snapshotIdsOf('group.member', 'g1new/u1')).toEqual(['g1/u1', 'g1new/u1']);
    expect(m.snapshotIdsOf('policy.PASSWORD.rule', 'p1new/r1')).toEqual(['p1/r1', 'p1new/r1']);
    expect(m.snapshotIdsOf('app.group', 'a1/g1new')).toEqual(['a1/g1', 'a1/g1new']);
    // Types nothing maps into cost nothing.
    expect(m.snapshotIdsOf('network_zone', 'z1')).toEqual(['z1']);
  });

  it('shows the snapshot body as it looks live: its references and its own id through the map', () => {
    expect(m.asLive('group', 'g1', { id: 'g1', profile: { name: 'Staff' } })).toEqual({
      id: 'g1new',
      profile: { name: 'Staff' },
    });
    expect(
      m.asLive('group_rule', 'r1', { id: 'r1', actions: { assignUserToGroups: { groupIds: ['g1', 'g2'] } } }),
    ).toEqual({ id: 'r1', actions: { assignUserToGroups: { groupIds: ['g1new', 'g2'] } } });
    expect(m.asLive('app.group', 'a1/g1', { id: 'g1', priority: 0 })).toEqual({ id: 'g1new', priority: 0 });
  });
});

describe('own ids behind a prefix (Google: decision 066)', () => {
  it('compares a re-created org unit under its new `id:` key, and a child naming it by prefix', () => {
    const types = new Map(
      [
        t('orgUnit', {
          idField: 'orgUnitId',
          idPrefix: 'id:',
          references: [{ path: 'parentOrgUnitId', type: 'orgUnit', prefix: 'id:' }],
        }),
      ].map((x) => [x.type, x]),
    );
    const m = liveMatcher(types, new Map([[refKey('orgUnit', 'ou1'), 'ou9']]));
    expect(m.asLive('orgUnit', 'ou1', { orgUnitId: 'id:ou1', parentOrgUnitId: 'id:root' })).toEqual({
      orgUnitId: 'id:ou9',
      parentOrgUnitId: 'id:root',
    });
    expect(m.asLive('orgUnit', 'ou2', { orgUnitId: 'id:ou2', parentOrgUnitId: 'id:ou1' })).toEqual({
      orgUnitId: 'id:ou2',
      parentOrgUnitId: 'id:ou9',
    });
  });
});

describe('pairing by natural key', () => {
  it('pairs a snapshot object with the live one of the same name under the same (re-created) parent, and its children by id', () => {
    const unseen = [
      { type: 'policy.PASSWORD.rule', id: 'p1/r1', desired: { id: 'r1', name: 'Catch-all Rule', system: true } },
      { type: 'group', id: 'g2', desired: { id: 'g2', profile: { name: 'Contractors' } } },
      { type: 'group.member', id: 'g2/u1', desired: { id: 'u1' } },
      { type: 'group', id: 'g3', desired: { id: 'g3', profile: { name: 'Gone' } } },
    ];
    const extra = [
      { type: 'policy.PASSWORD.rule', id: 'p1new/r9', live: { id: 'r9', name: 'Catch-all Rule', system: true } },
      { type: 'group', id: 'g7', live: { id: 'g7', profile: { name: 'Contractors' } } },
      { type: 'group.member', id: 'g7/u1', live: { id: 'u1' } },
      { type: 'group', id: 'g8', live: { id: 'g8', profile: { name: 'Someone else' } } },
    ];
    const p = pairByNaturalKey(TYPES, unseen, extra, idMap);
    expect(Object.fromEntries(p.byKey)).toEqual({
      [refKey('policy.PASSWORD.rule', 'p1/r1')]: 'p1new/r9',
      [refKey('group', 'g2')]: 'g7',
    });
    expect(p.paired.map((c) => `${c.type} ${c.id}`)).toEqual([
      'group g2',
      'policy.PASSWORD.rule p1/r1',
      'group.member g2/u1',
    ]);
    expect(p.unseen.map((c) => c.id)).toEqual(['g3']);
    expect(p.extra.map((c) => c.id)).toEqual(['g8']);
  });

  it('pairs nothing when a name is ambiguous', () => {
    const extra = ['g7', 'g8'].map((id) => ({ type: 'group', id, live: { id, profile: { name: 'Twins' } } }));
    const p = pairByNaturalKey(
      TYPES,
      [{ type: 'group', id: 'g2', desired: { id: 'g2', profile: { name: 'Twins' } } }],
      extra,
      new Map(),
    );
    expect(p.paired).toEqual([]);
  });
});

describe('the connection id map across plans', () => {
  it('follows a chain of restores to the object there is today', () => {
    const chain = resolveChains(
      new Map([
        [refKey('group', 'g1'), 'g2'],
        [refKey('group', 'g2'), 'g3'],
        [refKey('user', 'g2'), 'u9'],
      ]),
    );
    expect(Object.fromEntries(chain)).toEqual({
      [refKey('group', 'g1')]: 'g3',
      [refKey('group', 'g2')]: 'g3',
      [refKey('user', 'g2')]: 'u9',
    });
  });
});
