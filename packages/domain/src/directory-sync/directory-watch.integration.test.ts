import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpClient } from '../idp/types.ts';
import { recordingJobQueue, seedGoogleConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { acceptDirectoryWatch } from './accept-directory-watch.ts';
import { getDirectorySyncStatus } from './get-directory-sync-status.ts';
import { setDirectorySync } from './set-directory-sync.ts';
import { renewDirectoryWatch, watchDirectory } from './watch-directory.ts';

/** Decision 064: the users.watch channel and its doorbell (google-sim's end: e2e/contract/google-directory-sync.test.ts). */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const { jobs, queued } = recordingJobQueue();

/** Google's side of users.watch: it keeps what it was asked, and the channel's token. */
function google() {
  const channels: { id: string; address: string; token: string; expiresAt: Date }[] = [];
  const client = {
    watchUsers: async (ch: (typeof channels)[number]) => {
      channels.push(ch);
      return { resourceId: `r-${channels.length}`, expiresAt: ch.expiresAt };
    },
  } as unknown as IdpClient;
  return { channels, client };
}

async function setup() {
  const t = await seedTenant(deps);
  const c = await seedGoogleConnection(deps, t.id);
  const g = google();
  const w = await watchDirectory(
    { ...deps, idpClientFor: () => g.client },
    t.id,
    { connectionId: c.id },
    {
      appUrl: 'https://butterfly.example.com/',
    },
  );
  const ring = (o: { channelId?: string; token?: string; state?: string } = {}) =>
    acceptDirectoryWatch(
      { db, clock: () => new Date(), jobs },
      {
        connectionId: c.id,
        channelId: o.channelId ?? g.channels.at(-1)!.id,
        token: o.token ?? g.channels.at(-1)!.token,
        state: o.state ?? 'update',
      },
    );
  return { tenantId: t.id, connectionId: c.id, g, w, ring };
}

describe('users.watch doorbell (decision 064)', () => {
  it('opens a channel to the connection doorbell and keeps only the hash of its token', async () => {
    const s = await setup();
    expect(s.w.address).toBe(`https://butterfly.example.com/hooks/google/${s.connectionId}`);
    const ch = s.g.channels[0]!;
    expect(ch).toMatchObject({ id: s.w.channelId, address: s.w.address });
    expect(ch.expiresAt.getTime() - Date.now()).toBeGreaterThan(5.9 * 3600_000);
    const row = await db
      .selectFrom('directory_syncs')
      .selectAll()
      .where('connection_id', '=', s.connectionId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(ch.token);
    const status = await getDirectorySyncStatus(deps, s.tenantId, { connectionId: s.connectionId });
    expect(status.watch).toMatchObject({ expired: false, lastCallAt: null });
  });

  it("queues one sync per call while the sync is on; Google's first message and calls while off queue nothing", async () => {
    const s = await setup();
    const mine = () => queued.filter((q) => (q.payload as { connectionId: string }).connectionId === s.connectionId);
    expect(await s.ring({ state: 'sync' })).toBe('ignored');
    expect(await s.ring()).toBe('ignored'); // the sync is off
    await setDirectorySync(deps, s.tenantId, { connectionId: s.connectionId, enabled: true });
    expect(await s.ring()).toBe('accepted');
    expect(mine()).toEqual([
      {
        task: 'directory-sync.run',
        payload: { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'watch' },
        key: `directory-sync:${s.connectionId}`,
      },
    ]);
    const status = await getDirectorySyncStatus(deps, s.tenantId, { connectionId: s.connectionId });
    expect(status.watch?.lastCallAt).not.toBeNull();
  });

  it('refuses a wrong token, another channel and an unknown connection alike', async () => {
    const s = await setup();
    await setDirectorySync(deps, s.tenantId, { connectionId: s.connectionId, enabled: true });
    const before = queued.length;
    expect(await s.ring({ token: 'bfh_forged' })).toBe('refused');
    expect(await s.ring({ channelId: 'another-channel' })).toBe('refused');
    expect(
      await acceptDirectoryWatch(
        { db, clock: () => new Date(), jobs },
        { connectionId: 'not-a-uuid', channelId: 'x', token: 'y', state: 'update' },
      ),
    ).toBe('refused');
    expect(queued.length).toBe(before);
  });

  it('a sync renews the channel only when less than two hours are left; the old channel is then refused', async () => {
    const s = await setup();
    const target = { tenantId: s.tenantId, connectionId: s.connectionId };
    expect(await renewDirectoryWatch(deps, target, s.g.client)).toBeUndefined();
    const later = { ...deps, clock: () => new Date(Date.now() + 4.5 * 3600_000) };
    const old = s.g.channels[0]!;
    const renewed = await renewDirectoryWatch(later, target, s.g.client);
    expect(renewed?.address).toBe(old.address);
    expect(s.g.channels).toHaveLength(2);
    expect(await s.ring({ channelId: old.id, token: old.token })).toBe('refused');
    expect(await s.ring({ state: 'sync' })).toBe('ignored');
  });
});
