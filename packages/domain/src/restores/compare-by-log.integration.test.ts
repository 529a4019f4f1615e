import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpLogEvent, IdpObject, IdpObjectTypeInfo } from '../idp/types.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getRestorePlan } from './get-restore-plan.ts';
import { previewRestore } from './preview-restore.ts';
import { createRestorePlan } from './request-restore-preview.ts';
import { TYPES } from './testing/types.fixture.ts';

const { db } = await useTestDatabase();
const deps = { ...testDeps(db), jobs: { enqueue: async () => ({ jobId: '1' }) } };

/** The fixture's types as the Okta connector says the System Log names them (decision 053). */
const LOGGED: IdpObjectTypeInfo[] = [
  'user',
  'group',
  'group.member',
  'group_rule',
  'policy.PASSWORD',
  'policy.PASSWORD.rule',
].map((t) => ({
  ...TYPES.get(t)!,
  logged: t === 'group.member' ? 'parent' : 'self',
}));

const user = (id: string, title = 'Engineer'): IdpObject => ({
  type: 'user',
  id,
  body: { id, status: 'ACTIVE', profile: { login: `${id}@example.com`, title } },
});
const group = (id: string): IdpObject => ({
  type: 'group',
  id,
  body: { id, type: 'OKTA_GROUP', profile: { name: id } },
});
const member = (g: string, u: string): IdpObject => ({ type: 'group.member', id: `${g}/${u}`, body: { id: u } });
const rule = (id: string): IdpObject => ({
  type: 'group_rule',
  id,
  body: { id, name: id, status: 'ACTIVE', actions: { assignUserToGroups: { groupIds: ['g1'] } } },
});

let n = 0;
const event = (eventType: string, ...targets: { type: string; id: string }[]): IdpLogEvent => ({
  id: `e${++n}`,
  published: new Date().toISOString(),
  eventType,
  actor: { id: 'admin', type: 'User' },
  targets,
});

async function backedUp() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const org = [
    user('u1'),
    user('u2'),
    user('u3'),
    user('u4'),
    group('g1'),
    group('g2'),
    member('g1', 'u1'),
    member('g1', 'u2'),
    member('g2', 'u3'),
    rule('r1'),
  ];
  const idp = fakeIdp(structuredClone(org), { types: LOGGED });
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: idp });
  return { tenantId: t.id, snap, idp };
}

async function preview(tenantId: string, snapshotId: string, idp: ReturnType<typeof fakeIdp>, fullRead = false) {
  const plan = await createRestorePlan(deps, tenantId, { snapshotId, scope: {}, fullRead });
  const before = idp.stats().requests;
  idp.listed = [];
  await previewRestore(deps, { tenantId, planId: plan.id, client: idp });
  const p = await getRestorePlan(deps, tenantId, { planId: plan.id });
  const steps = p.steps.map((s) => `${s.action} ${s.type} ${s.id}`).sort();
  return { p, steps, requests: idp.stats().requests - before };
}

describe('restore preview from the System Log (decision 053)', () => {
  it('reads nothing but the log when the org has not changed, and says what it trusted', async () => {
    const { tenantId, snap, idp } = await backedUp();
    const { p, steps, requests } = await preview(tenantId, snap.snapshotId, idp);
    expect(p.status).toBe('ready');
    expect(steps).toEqual([]);
    expect(requests).toBe(1); // the log's one page; no object read, nothing listed
    expect(idp.listed).toEqual([]);
    const s = p.summary as { comparedBy?: { mode: string; named: number; trusted: number; message: string } };
    expect(s.comparedBy).toMatchObject({ mode: 'log', named: 0, trusted: 10 });
    expect(s.comparedBy!.message).toMatch(
      /^Compared 0 object\(s\) the System Log names as changed since .*the other 10 trusted from the snapshot/,
    );
  });

  it('finds the changes, deletions, creations and memberships the log names, and trusts the rest', async () => {
    const { tenantId, snap, idp } = await backedUp();
    const live = (type: string, id: string) => idp.objects.findIndex((o) => o.type === type && o.id === id);
    idp.objects[live('user', 'u1')] = user('u1', 'Manager');
    idp.objects.splice(live('group_rule', 'r1'), 1);
    idp.objects.push(group('g3'));
    idp.objects.splice(live('group.member', 'g1/u2'), 1);
    // A deleted user leaves its groups without an event naming them.
    idp.objects.splice(live('user', 'u3'), 1);
    idp.objects.splice(live('group.member', 'g2/u3'), 1);
    // Changed without an event (as if the log had lost it): trusted, so not found.
    idp.objects[live('user', 'u4')] = user('u4', 'Director');
    idp.events.push(
      event('user.lifecycle.delete.completed', { type: 'user', id: 'u3' }),
      event('user.account.update_profile', { type: 'user', id: 'u1' }),
      event('group.rule.delete', { type: 'group_rule', id: 'r1' }),
      event('group.lifecycle.create', { type: 'group', id: 'g3' }),
      event('group.user_membership.remove', { type: 'user', id: 'u2' }, { type: 'group', id: 'g1' }),
    );
    const { p, steps } = await preview(tenantId, snap.snapshotId, idp);
    expect(steps).toEqual([
      'create group.member g1/u2',
      'create group.member g2/u3',
      'create group_rule r1',
      'create user u3',
      'skip group g3',
      'update user u1',
    ]);
    // Only the named group's members were listed; g2's were trusted.
    expect(idp.listed.filter((r) => r.type === 'group.member').map((r) => r.id)).toEqual(['g1/u1']);
    const s = p.summary as { comparedBy?: { mode: string; since: string; trusted: number } };
    expect(s.comparedBy).toMatchObject({ mode: 'log', since: snap.startedAt.toISOString() });
    // u1 to u3, r1, g1, g1's members and u3's membership are compared; u4 and g2 are trusted.
    expect(s.comparedBy!.trusted).toBe(2);
  });

  it("counts a deleted member's rows as missing without listing its groups; a deactivated one's groups are listed", async () => {
    const { tenantId, snap, idp } = await backedUp();
    const live = (type: string, id: string) => idp.objects.findIndex((o) => o.type === type && o.id === id);
    idp.objects.splice(live('user', 'u1'), 1);
    idp.objects.splice(live('group.member', 'g1/u1'), 1);
    idp.objects[live('user', 'u3')] = {
      ...user('u3'),
      body: { ...(user('u3').body as object), status: 'DEPROVISIONED' },
    };
    idp.events.push(
      event('user.lifecycle.delete.completed', { type: 'user', id: 'u1' }),
      event('user.lifecycle.deactivate', { type: 'user', id: 'u3' }),
    );
    const { steps } = await preview(tenantId, snap.snapshotId, idp);
    expect(steps).toEqual(['create group.member g1/u1', 'create user u1', 'reactivate user u3']);
    // g1 (u1's group) is not listed: u1 is gone, so is its membership. g2 (u3's) is.
    expect(idp.listed.filter((r) => r.type === 'group.member').map((r) => r.id)).toEqual(['g2/u3']);
  });

  it('reads every object with fullRead, or when the snapshot is older than the log keeps', async () => {
    const { tenantId, snap, idp } = await backedUp();
    idp.objects[idp.objects.findIndex((o) => o.id === 'u3')] = user('u3', 'Director');
    const full = await preview(tenantId, snap.snapshotId, idp, true);
    expect(full.steps).toEqual(['update user u3']);
    expect(idp.listed).toHaveLength(10);
    expect(full.p.summary).toMatchObject({ comparedBy: { mode: 'full', reason: 'asked for' } });

    await db
      .updateTable('snapshots')
      .set({ started_at: new Date(Date.now() - 91 * 86_400_000) })
      .where('id', '=', snap.snapshotId)
      .execute();
    const old = await preview(tenantId, snap.snapshotId, idp);
    expect(old.steps).toEqual(['update user u3']);
    expect(old.p.summary).toMatchObject({ comparedBy: { mode: 'full' } });
    expect((old.p.summary as { comparedBy: { message: string } }).comparedBy.message).toMatch(/older than the 90 days/);
  });

  it('lists a type whole when the log names many of its objects: fewer requests than reading each', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id);
    const ids = Array.from({ length: 30 }, (_, i) => `u${i}`);
    const idp = fakeIdp(
      ids.map((id) => user(id)),
      { types: LOGGED },
    );
    const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: idp });
    for (const id of ids.slice(0, 25)) {
      idp.objects[idp.objects.findIndex((o) => o.id === id)] = user(id, 'Manager');
      idp.events.push(event('user.account.update_profile', { type: 'user', id }));
    }
    const { p, steps, requests } = await preview(t.id, snap.snapshotId, idp);
    expect(steps).toEqual(
      ids
        .slice(0, 25)
        .map((id) => `update user ${id}`)
        .sort(),
    );
    expect(requests).toBe(2); // the log, and one page of users instead of 25 reads
    expect(p.summary).toMatchObject({ comparedBy: { mode: 'log', named: 25, trusted: 0, fullTypes: ['user'] } });
  });

  it.each([
    { readOne: true, listed: [] as string[], trusted: 2 },
    // A type that cannot be read by id is listed whole; the gone policy's rules still count as missing.
    { readOne: false, listed: ['p2'], trusted: 1 },
  ])(
    "counts a deleted policy's rules as missing: deleting a parent names none of its children (readOne: $readOne)",
    async (c) => {
      const t = await seedTenant(deps);
      const connectionId = await seedConnection(deps, t.id);
      const types = LOGGED.map((x) => (x.type.startsWith('policy.') ? { ...x, readOne: c.readOne } : x));
      const policy = (id: string): IdpObject => ({ type: 'policy.PASSWORD', id, body: { id, name: id } });
      const prule = (p: string, r: string): IdpObject => ({
        type: 'policy.PASSWORD.rule',
        id: `${p}/${r}`,
        body: { id: r, name: r },
      });
      const org = [policy('p1'), prule('p1', 'r1'), prule('p1', 'r2'), policy('p2'), prule('p2', 'r3')];
      const idp = fakeIdp(structuredClone(org), { types });
      const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: idp });
      idp.objects = idp.objects.filter((o) => !o.id.startsWith('p1'));
      // The connector cannot type a deleted policy from its event: the snapshot's object of that id is read.
      idp.events.push(event('policy.lifecycle.delete', { type: 'PolicyEntity', id: 'p1' }));
      const { p, steps } = await preview(t.id, snap.snapshotId, idp);
      expect(steps).toEqual([
        'create policy.PASSWORD p1',
        'create policy.PASSWORD.rule p1/r1',
        'create policy.PASSWORD.rule p1/r2',
      ]);
      // p2's rule is never listed: only the rules of a named policy are.
      expect(idp.listed.map((r) => r.id)).toEqual(c.listed);
      expect(p.summary).toMatchObject({ comparedBy: { mode: 'log', trusted: c.trusted } });
    },
  );
});
