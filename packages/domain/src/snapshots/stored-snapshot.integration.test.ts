import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../compliance/compliance.fns.ts';
import { runBackup } from './run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { openStoredSnapshot } from './stored-snapshot.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('a stored snapshot as the rules see it', () => {
  it('streams a big type in id order across pages, each object once, and the version of that snapshot', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id);
    const users = Array.from({ length: 12_001 }, (_, i) => ({
      type: 'user',
      id: `00u${String(i).padStart(6, '0')}`,
      body: { status: i % 3 ? 'ACTIVE' : 'SUSPENDED' },
    }));
    const client = fakeIdp([...users, { type: 'log_stream', id: '0Sl1', body: { status: 'ACTIVE' } }]);
    const first = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });
    client.objects = client.objects
      .filter((o) => o.id !== '00u000007')
      .map((o) => (o.id === '00u000008' ? { ...o, body: { status: 'DEPROVISIONED' } } : o));
    await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client });

    const snap = await openStoredSnapshot(
      deps,
      await db.selectFrom('snapshots').selectAll().where('id', '=', first.snapshotId).executeTakeFirstOrThrow(),
    );
    const ids: string[] = [];
    let suspended = 0;
    for await (const u of snap.objects('user')) {
      ids.push(u.id);
      if ((u.body as { status: string }).status === 'SUSPENDED') suspended++;
    }
    expect(ids).toHaveLength(12_001);
    expect(new Set(ids).size).toBe(12_001);
    expect([...ids].sort(compareStrings)).toEqual(ids);
    expect(suspended).toBe(4001);
    expect(ids).toContain('00u000007'); // removed later, still in the first snapshot
    expect((await snap.get('user', '00u000008'))?.body).toEqual({ status: 'ACTIVE' });
    expect(snap.has('user') && snap.has('log_stream') && !snap.has('api_token')).toBe(true);
  });
});
