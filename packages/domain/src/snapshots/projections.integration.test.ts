import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { projectedFields } from '../compliance/projected-fields.fns.ts';
import type { IdpObject } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { bodyStoreOf } from '../bodies/open-bodies.ts';
import { getSnapshotRow } from './get-snapshot.ts';
import { loadProjection } from './projections.ts';
import { openStoredSnapshot } from './stored-snapshot.ts';
import { runBackup } from './run-backup.ts';

/** Decision 051: the projection a backup keeps of its users, and when it keeps none. */
const { db } = await useTestDatabase();
const deps = testDeps(db);

const user = (i: number, extra: Record<string, unknown> = {}): IdpObject => ({
  type: 'user',
  id: `00u${String(i).padStart(5, '0')}`,
  body: {
    id: `00u${String(i).padStart(5, '0')}`,
    status: 'ACTIVE',
    created: '2026-01-01T00:00:00.000Z',
    lastLogin: '2026-11-01T00:00:00.000Z',
    profile: { login: `u${i}@acme.test`, mobilePhone: '+1 555 0100', department: 'Sales' },
    _links: { self: { href: 'https://acme.okta.com/api/v1/users/x' } },
    ...extra,
  },
});

async function backup(tenantId: string, connectionId: string, objects: IdpObject[]) {
  return runBackup(deps, { tenantId, connectionId, trigger: 'manual', client: fakeIdp(objects) });
}

describe('snapshot projections (decision 051)', () => {
  it('keeps the fields the rules read of every user, sealed, as the bodies are stored', async () => {
    const t = await seedTenant(deps);
    const c = await seedConnection(deps, t.id);
    const users = [user(1), user(2, { lastLogin: null }), user(3, { status: 'SUSPENDED' })];
    const snap = await backup(t.id, c, [...users, { type: 'group', id: '00g1', body: { id: '00g1' } }]);

    const p = await loadProjection(deps, { id: snap.snapshotId, tenant_id: t.id }, 'user', 3);
    const fields = projectedFields().get('user')!;
    expect(p!.fields).toEqual(fields);
    expect(fields).toEqual(expect.arrayContaining(['status', 'lastLogin', 'created', 'profile.login']));
    expect(new Map(p!.objects).get('00u00002')).toEqual({
      id: '00u00002',
      status: 'ACTIVE',
      created: '2026-01-01T00:00:00.000Z',
      lastLogin: null,
      profile: { login: 'u2@acme.test' },
    });
    // Sealed: nothing of a user readable in the row; a count that differs from the snapshot's is not trusted.
    const row = await db.selectFrom('snapshot_projections').selectAll().executeTakeFirstOrThrow();
    expect(row.body.toString('latin1')).not.toContain('acme.test');
    expect(await loadProjection(deps, { id: snap.snapshotId, tenant_id: t.id }, 'user', 4)).toBeUndefined();
    // Another tenant cannot read it.
    const other = await seedTenant(deps);
    expect(await loadProjection(deps, { id: snap.snapshotId, tenant_id: other.id }, 'user', 3)).toBeUndefined();
  });

  it('holds a single user as it holds many (the text is built from one part per user)', async () => {
    const t = await seedTenant(deps);
    const c = await seedConnection(deps, t.id);
    const snap = await backup(t.id, c, [user(7)]);
    const p = await loadProjection(deps, { id: snap.snapshotId, tenant_id: t.id }, 'user', 1);
    expect(p!.fields).toEqual(projectedFields().get('user'));
    expect(p!.objects).toEqual([['00u00007', expect.objectContaining({ id: '00u00007', status: 'ACTIVE' })]]);
  });

  it('is what a scan streams the users from: no user body is opened, and only the fields asked are handed over', async () => {
    const t = await seedTenant(deps);
    const c = await seedConnection(deps, t.id);
    // More users than a scan holds in memory (5,000): the type is streamed.
    const users = Array.from({ length: 5001 }, (_, i) => user(i, i % 2 ? { status: 'SUSPENDED' } : {}));
    const snap = await backup(t.id, c, users);
    const row = await getSnapshotRow(db, t.id, snap.snapshotId, { complete: true });
    let opened = 0;
    const store = bodyStoreOf(deps);
    const counting = {
      ...deps,
      bodies: {
        ...store,
        get: (...a: Parameters<typeof store.get>) => {
          opened += a[2].length;
          return store.get(...a);
        },
      },
    };
    const read = async (fields?: string[]) => {
      const s = await openStoredSnapshot(counting, row);
      const out: unknown[] = [];
      for await (const o of s.objects('user', fields ? { fields } : undefined)) out.push(o.body);
      return out;
    };
    const projected = await read(['status']);
    expect(projected).toHaveLength(5001);
    expect(projected.filter((b) => (b as { status: string }).status === 'ACTIVE')).toHaveLength(2501);
    expect(projected[0]).toEqual({ status: 'ACTIVE' });
    expect(opened).toBe(0);
    // A field the projection does not hold: from the bodies.
    const whole = await read(['profile.department']);
    expect(whole[0]).toEqual({ profile: { department: 'Sales' } });
    expect(opened).toBe(5001);
  }, 60_000);

  it('keeps none when the backup did not list the whole type (only some types read)', async () => {
    const t = await seedTenant(deps);
    const c = await seedConnection(deps, t.id);
    await backup(t.id, c, [user(1), user(2)]);
    const groupsOnly = await runBackup(deps, {
      tenantId: t.id,
      connectionId: c,
      trigger: 'manual',
      types: ['group'],
      client: fakeIdp([user(1), { type: 'group', id: '00g1', body: { id: '00g1' } }]),
    });
    const rows = await db
      .selectFrom('snapshot_projections')
      .select('snapshot_id')
      .where('tenant_id', '=', t.id)
      .execute();
    expect(rows.map((r) => r.snapshot_id)).not.toContain(groupsOnly.snapshotId);
    expect(rows).toHaveLength(1);
  });
});
