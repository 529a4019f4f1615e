import { useTestDatabase } from '@butterfly/db/testing';
import { expect, it } from 'vitest';
import type { IdpObject } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

it('beats while the IdP holds the listing (a rate-limit wait), so a live backup never looks stale', async () => {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const objects: IdpObject[] = [{ type: 'group', id: '00g1', body: { id: '00g1' } }];
  const idp = fakeIdp(objects);
  const beats: Date[] = [];
  const client = {
    ...idp,
    async *listObjects() {
      // Nothing arrives for a while, as when every bucket waits for its reset.
      for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const row = await db
          .selectFrom('snapshots')
          .select('heartbeat_at')
          .where('connection_id', '=', connectionId)
          .executeTakeFirstOrThrow();
        beats.push(row.heartbeat_at);
      }
      yield* idp.listObjects();
    },
  };
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client, heartbeatMs: 60 });
  expect(
    (await db.selectFrom('snapshots').select('status').where('id', '=', snap.snapshotId).executeTakeFirstOrThrow())
      .status,
  ).toBe('complete');
  expect(new Set(beats.map((b) => b.getTime())).size).toBeGreaterThanOrEqual(3);
});
