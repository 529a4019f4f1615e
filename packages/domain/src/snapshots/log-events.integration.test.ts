import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../diff/diff-snapshots.ts';
import type { IdpLogEvent, IdpObject } from '../idp/types.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { runBackup } from './run-backup.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const objects = (): IdpObject[] => [
  { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } },
  { type: 'group', id: '00g2', body: { id: '00g2', profile: { name: 'Sales' } } },
  {
    type: 'policy.PASSWORD',
    id: '00p1',
    body: { id: '00p1', settings: { password: { complexity: { minLength: 15 } } } },
  },
  { type: 'policy.PASSWORD.rule', id: '00p1/0pr1', body: { id: '0pr1', name: 'Rule 1' } },
];

const event = (id: string, eventType: string, targets: string[], at = new Date()): IdpLogEvent => ({
  id,
  published: at.toISOString(),
  eventType,
  actor: { id: '00u9', type: 'User', alternateId: 'alice@corp.test', displayName: 'Alice' },
  targets: targets.map((t) => ({ id: t, type: 'x' })),
});

const all = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('who changed what', () => {
  it('keeps, sealed, the log events of the changed objects, and the diff names their actors', async () => {
    const t = await seedTenant(deps);
    const client = fakeIdp(objects());
    const s = { tenantId: t.id, connectionId: await seedConnection(deps, t.id), client };
    const first = await runBackup(deps, { ...s, trigger: 'test' });
    expect(await db.selectFrom('snapshot_log_events').selectAll().execute()).toEqual([]);

    (client.objects[2]!.body as any).settings.password.complexity.minLength = 8;
    (client.objects[3]!.body as any).name = 'Rule one';
    client.objects.splice(1, 1);
    client.events.push(
      event('e1', 'policy.lifecycle.update', ['00p1']),
      event('e2', 'policy.rule.update', ['0pr1', '00p1']),
      event('e3', 'group.lifecycle.delete', ['00g2']),
      event('e4', 'user.session.start', ['00u7']), // touches nothing that changed: not kept
      event('e5', 'group.profile.update', ['00g2'], new Date(Date.now() - 86_400_000)), // before the window
    );
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    expect(second.stats).toMatchObject({ logEvents: { fetched: 4, kept: 3 } });
    const rows = await db.selectFrom('snapshot_log_events').selectAll().execute();
    expect(rows.map((r) => [r.snapshot_id, r.event_count])).toEqual([[second.snapshotId, 3]]);
    expect(rows[0]!.body.includes(Buffer.from('alice@corp.test'))).toBe(false);

    const changes = await all(diffSnapshots(deps, t.id, { from: first.snapshotId, to: second.snapshotId }));
    expect(changes.map((c) => [c.type, c.id, c.change, c.actors.map((a) => `${a.actor} ${a.eventType}`)])).toEqual([
      ['group', '00g2', 'removed', ['alice@corp.test group.lifecycle.delete']],
      [
        'policy.PASSWORD',
        '00p1',
        'changed',
        ['alice@corp.test policy.lifecycle.update', 'alice@corp.test policy.rule.update'],
      ],
      ['policy.PASSWORD.rule', '00p1/0pr1', 'changed', ['alice@corp.test policy.rule.update']],
    ]);
  });

  it('a credential that may not read the log leaves the backup complete, without attribution, and says why', async () => {
    const t = await seedTenant(deps);
    const client = fakeIdp(objects(), { logsDenied: true });
    const s = { tenantId: t.id, connectionId: await seedConnection(deps, t.id), client };
    const first = await runBackup(deps, { ...s, trigger: 'test' });
    client.objects.pop();
    const second = await runBackup(deps, { ...s, trigger: 'test' });
    expect(second).toMatchObject({
      stats: { logEvents: { unavailable: expect.stringContaining('okta.logs.read') } },
    });
    const changes = await all(diffSnapshots(deps, t.id, { from: first.snapshotId, to: second.snapshotId }));
    expect(changes).toMatchObject([{ change: 'removed', actors: [] }]);
  });
});
