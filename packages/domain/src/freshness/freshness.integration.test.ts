import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { Deps, JobQueue } from '../deps.ts';
import type { IdpLogEvent, IdpObject } from '../idp/types.ts';
import { objectHistory } from '../snapshots/object-history.ts';
import { pruneSnapshots } from '../snapshots/prune-snapshots.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { acceptEventHook } from './accept-event-hook.ts';
import { enqueueFreshnessPolls } from './enqueue-freshness-polls.ts';
import { getFreshness } from '../connections/connection-freshness.ts';
import { pollSystemLog } from './poll-system-log.ts';
import { rotateEventHookSecret } from './rotate-event-hook-secret.ts';
import { setFreshness } from './set-freshness.ts';

const { db } = await useTestDatabase();

function recordingQueue() {
  const queued: { task: string; payload: Record<string, unknown>; opts?: Record<string, unknown> }[] = [];
  const jobs: JobQueue = {
    enqueue: async (_db, task, payload, opts) => {
      queued.push({ task, payload, opts });
      return { jobId: String(queued.length) };
    },
  };
  return { jobs, queued };
}

const objects = (): IdpObject[] => [
  { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } },
  { type: 'group_rule', id: '0pr1', body: { id: '0pr1', name: 'Sales', conditions: { expression: 'a' } } },
  { type: 'app', id: '0oa1', body: { id: '0oa1', label: 'Wiki' } },
];

const event = (id: string, target: { type: string; id: string }, at: Date): IdpLogEvent => ({
  id,
  published: at.toISOString(),
  eventType: 'group.rule.update',
  actor: { id: '00u9', type: 'User', alternateId: 'alice@corp.test' },
  targets: [target],
});

async function setup() {
  let now = new Date();
  const { jobs, queued } = recordingQueue();
  const base = testDeps(db);
  const t = await seedTenant(base);
  const admin = await seedMember(base, t.id, 'admin');
  const deps: Deps = { ...base, actor: memberActor(t.id, admin), jobs, clock: () => now };
  const connectionId = await seedConnection(deps, t.id);
  const client = fakeIdp(objects());
  await runBackup(deps, { tenantId: t.id, connectionId, client, trigger: 'schedule' });
  return {
    deps,
    t,
    connectionId,
    client,
    queued,
    tick: (ms: number) => {
      now = new Date(now.getTime() + ms);
      return now;
    },
    now: () => now,
  };
}

describe('event-driven freshness', () => {
  it('a poll snapshots just the changed objects, once each, and moves the recovery point', async () => {
    const s = await setup();
    const before = await getFreshness(db, s.t.id, s.connectionId);
    expect(before).toMatchObject({ enabled: false, recoveryPointFrom: 'backup' });
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: true });
    expect(s.queued.map((q) => q.task)).toEqual(['freshness.poll']);

    const at = s.tick(1000);
    (s.client.objects[1]!.body as { conditions: { expression: string } }).conditions.expression = 'b';
    // A burst: 1,000 events naming two objects.
    for (let i = 0; i < 1000; i++)
      s.client.events.push(
        event(`e${i}`, i % 2 ? { type: 'group_rule', id: '0pr1' } : { type: 'app', id: '0oa1' }, at),
      );
    s.tick(10_000);
    const requestsBefore = s.client.stats().requests;
    const out = await pollSystemLog(s.deps, { ...s, tenantId: s.t.id, trigger: 'system_log', settleSeconds: 5 });
    expect(out).toMatchObject({ status: 'polled', events: 1000, objects: 2, changed: 1 });
    // One log read and one read per distinct object: not one per event.
    expect(s.client.stats().requests - requestsBefore).toBe(1 + 2);

    const history = await objectHistory(s.deps, s.t.id, {
      connectionId: s.connectionId,
      type: 'group_rule',
      id: '0pr1',
    });
    expect(
      history.versions.map((v) => (v.body as { conditions: { expression: string } }).conditions.expression),
    ).toEqual(['a', 'b']);
    const snap = await db
      .selectFrom('snapshots')
      .select(['kind', 'trigger'])
      .where('connection_id', '=', s.connectionId)
      .where('object_id', '=', '0pr1')
      .executeTakeFirstOrThrow();
    expect(snap).toEqual({ kind: 'object', trigger: 'system_log' });

    const after = await getFreshness(db, s.t.id, s.connectionId);
    expect(after).toMatchObject({ enabled: true, recoveryPointFrom: 'system_log', eventsSeen: 1000 });
    expect(after.recoveryPoint).toBe(new Date(s.now().getTime() - 5000).toISOString());

    // The next poll reads from the cursor: the same events are not read again.
    s.tick(30_000);
    const again = await pollSystemLog(s.deps, { ...s, tenantId: s.t.id, trigger: 'system_log', settleSeconds: 5 });
    expect(again).toMatchObject({ status: 'polled', events: 0, objects: 0 });
  });

  it('one poll at a time per connection; off means no poll', async () => {
    const s = await setup();
    const input = { ...s, tenantId: s.t.id, trigger: 'system_log' as const, settleSeconds: 0 };
    expect(await pollSystemLog(s.deps, input)).toEqual({ status: 'off' });
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: true });
    await db
      .updateTable('connection_freshness')
      .set({ polling_until: new Date(s.now().getTime() + 60_000) })
      .where('connection_id', '=', s.connectionId)
      .execute();
    expect(await pollSystemLog(s.deps, input)).toEqual({ status: 'busy' });
  });

  it('an event hook call with the right secret queues one coalesced poll; others are refused', async () => {
    const s = await setup();
    const other = await setup();
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: true });
    const hook = await rotateEventHookSecret(s.deps, s.t.id, { connectionId: s.connectionId });
    const otherHook = await rotateEventHookSecret(other.deps, other.t.id, { connectionId: other.connectionId });
    expect(hook.path).toBe(`/hooks/okta/${s.connectionId}`);
    const stored = await db
      .selectFrom('connection_freshness')
      .select('hook_secret_hash')
      .where('connection_id', '=', s.connectionId)
      .executeTakeFirstOrThrow();
    expect(stored.hook_secret_hash!.includes(Buffer.from(hook.secret))).toBe(false);

    const hookDeps = { db, clock: s.now, jobs: s.deps.jobs! };
    const call = (connectionId: string, secret: string | null) =>
      acceptEventHook(hookDeps, { connectionId, secret, settleSeconds: 5 });
    s.queued.length = 0;
    expect(await call(s.connectionId, 'wrong')).toBe('refused');
    expect(await call(s.connectionId, null)).toBe('refused');
    // Another tenant's secret does not open this connection's hook.
    expect(await call(s.connectionId, otherHook.secret)).toBe('refused');
    expect(await call('00000000-0000-4000-8000-000000000000', hook.secret)).toBe('refused');
    expect(await call('not-a-uuid', hook.secret)).toBe('refused');
    expect(s.queued).toEqual([]);
    expect(await call(s.connectionId, hook.secret)).toBe('accepted');
    expect(await call(s.connectionId, hook.secret)).toBe('accepted');
    expect(s.queued).toHaveLength(2);
    for (const q of s.queued)
      expect(q.opts).toMatchObject({ jobKey: `freshness:hook:${s.connectionId}`, jobKeyMode: 'preserve_run_at' });
    // Turned off: Okta still gets its 2xx, nothing is queued.
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: false });
    s.queued.length = 0;
    expect(await call(s.connectionId, hook.secret)).toBe('ignored');
    expect(s.queued).toEqual([]);
    // A new secret replaces the old one at once.
    const rotated = await rotateEventHookSecret(s.deps, s.t.id, { connectionId: s.connectionId });
    expect(await call(s.connectionId, hook.secret)).toBe('refused');
    expect(await call(s.connectionId, rotated.secret)).toBe('ignored');
  });

  it('is audited, needs connection.manage, and the tick restarts a broken poll chain', async () => {
    const s = await setup();
    const viewer = await seedMember(s.deps, s.t.id, 'read_only');
    await expect(
      setFreshness({ ...s.deps, actor: memberActor(s.t.id, viewer) }, s.t.id, {
        connectionId: s.connectionId,
        enabled: true,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: true });
    const audit = await db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', s.t.id)
      .where('action', 'like', 'connection.freshness%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['connection.freshness_enabled']);
    s.queued.length = 0;
    const { enqueued } = await enqueueFreshnessPolls({ ...s.deps, jobs: s.deps.jobs! }, { pollSeconds: 30 });
    expect(enqueued).toBeGreaterThanOrEqual(1);
    expect(s.queued.some((q) => q.payload.connectionId === s.connectionId)).toBe(true);
  });
  it('retention removes freshness snapshots older than every kept full one, keeping what they led to', async () => {
    const s = await setup();
    await setFreshness(s.deps, s.t.id, { connectionId: s.connectionId, enabled: true });
    const at = s.tick(1000);
    (s.client.objects[2]!.body as { label: string }).label = 'Wiki 2';
    s.client.events.push(event('a1', { type: 'app', id: '0oa1' }, at));
    s.tick(10_000);
    await pollSystemLog(s.deps, { ...s, tenantId: s.t.id, trigger: 'event_hook', settleSeconds: 5 });
    // Past the hour in which retention keeps every snapshot (retention.fns.ts).
    s.tick(2 * 3600_000);
    await runBackup(s.deps, { tenantId: s.t.id, connectionId: s.connectionId, client: s.client, trigger: 'schedule' });
    const objectSnaps = () =>
      db
        .selectFrom('snapshots')
        .select('trigger')
        .where('connection_id', '=', s.connectionId)
        .where('kind', '=', 'object')
        .execute();
    expect(await objectSnaps()).toEqual([{ trigger: 'event_hook' }]);
    const pruned = await pruneSnapshots(s.deps, {
      tenantId: s.t.id,
      connectionId: s.connectionId,
      retention: { hourly: 1, daily: 0, weekly: 0, monthly: 0 },
    });
    expect(pruned.deleted).toBe(2); // the first full backup and the freshness snapshot
    expect(await objectSnaps()).toEqual([]);
    const h = await objectHistory(s.deps, s.t.id, { connectionId: s.connectionId, type: 'app', id: '0oa1' });
    expect(h.versions.map((v) => (v.body as { label: string }).label)).toEqual(['Wiki 2']);
  });
});
