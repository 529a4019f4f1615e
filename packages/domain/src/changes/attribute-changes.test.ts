import { describe, expect, it } from 'vitest';
import type { IdpLogEvent } from '../idp/types.ts';
import { actorsOf, attributeChanges, idSegments, indexEvents } from './attribute-changes.ts';

const ev = (id: string, at: string, eventType: string, targets: string[], who = 'alice@corp.test'): IdpLogEvent => ({
  id,
  published: `2026-11-29T${at}:00.000Z`,
  eventType,
  actor: { id: `00u-${who}`, type: 'User', alternateId: who, displayName: who.split('@')[0] },
  targets: targets.map((t) => ({ id: t, type: 'x' })),
});

const window = { from: new Date('2026-11-29T20:00:00Z'), to: new Date('2026-11-29T23:30:00Z') };

describe('indexEvents', () => {
  it('counts an event stored with two snapshots once (published on the boundary of their windows)', () => {
    const e = ev('e1', '21:00', 'group.profile.update', ['00g1']);
    expect(actorsOf('00g1', indexEvents([e, { ...e }]), window)).toEqual([
      { actor: 'alice@corp.test', at: '2026-11-29T21:00:00.000Z', eventType: 'group.profile.update' },
    ]);
  });
});

describe('attributeChanges', () => {
  it('names who touched each object in the window, oldest first', () => {
    const events = [
      ev('e2', '23:04', 'policy.rule.update', ['0pr2', '00p1']),
      ev('e1', '21:00', 'policy.lifecycle.update', ['00p1'], 'bob@corp.test'),
      ev('e0', '19:00', 'policy.lifecycle.update', ['00p1']), // before the window: the older snapshot has it
      ev('e3', '23:45', 'policy.lifecycle.update', ['00p1']), // after the window
    ];
    const [policy, rule] = attributeChanges([{ id: '00p1' }, { id: '00p1/0pr2' }], events, window);
    expect(policy!.actors).toEqual([
      { actor: 'bob@corp.test', at: '2026-11-29T21:00:00.000Z', eventType: 'policy.lifecycle.update' },
      { actor: 'alice@corp.test', at: '2026-11-29T23:04:00.000Z', eventType: 'policy.rule.update' },
    ]);
    expect(rule!.actors).toEqual([
      { actor: 'alice@corp.test', at: '2026-11-29T23:04:00.000Z', eventType: 'policy.rule.update' },
    ]);
  });

  it('prefers events naming every id of a relation: a membership, not the member’s profile edits', () => {
    const events = [
      ev('e1', '21:00', 'user.account.update_profile', ['00u1']),
      ev('e2', '21:01', 'group.user_membership.add', ['00u1', '00g1']),
    ];
    const [membership, user] = attributeChanges([{ id: '00g1/00u1' }, { id: '00u1' }], events, window);
    expect(membership!.actors.map((a) => a.eventType)).toEqual(['group.user_membership.add']);
    expect(user!.actors.map((a) => a.eventType)).toEqual(['user.account.update_profile', 'group.user_membership.add']);
  });

  it('falls back to the object’s own id when no event names its parent, and to nothing otherwise', () => {
    const events = [ev('e1', '21:00', 'oauth2.scope.update', ['scp1'])];
    const [scope, other] = attributeChanges([{ id: 'aus1/scp1' }, { id: 'default' }], events, window);
    expect(scope!.actors).toHaveLength(1);
    expect(other!.actors).toEqual([]);
  });

  it('falls back from login to display name to id for the actor', () => {
    const e = ev('e1', '21:00', 'zone.delete', ['nzo1']);
    e.actor = { id: '0oa-service', type: 'PublicClientApp' };
    expect(attributeChanges([{ id: 'nzo1' }], [e], window)[0]!.actors[0]!.actor).toBe('0oa-service');
  });

  it('lists the id segments of changed objects, the ids a kept event must name', () => {
    expect([...idSegments(['00p1/0pr2', '00g1', '00p1'])].sort()).toEqual(['00g1', '00p1', '0pr2']);
  });
});
