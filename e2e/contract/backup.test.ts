import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { diffSnapshots, type ObjectChange } from '@butterfly/domain/diff';
import { setBackupSchedule } from '@butterfly/domain/schedules';
import { readSnapshot } from '@butterfly/domain/snapshots';
import { createWebhook } from '@butterfly/domain/webhooks';
import type { OktaSim } from '@butterfly/okta-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExport } from './support/export.ts';
import { compareWithRaw } from './support/expected.ts';
import { product } from './support/product.ts';
import { objectKey, rawWalk } from './support/raw-walk.ts';
import { findInDatabase, pemPieces } from './support/secrets.ts';
import { orgHandle, type SimOrgHandle, startSim } from './support/sim.ts';

/**
 * Issue 7: backups of okta-sim through the real connector, the domain and the jobs' `backup` task
 * (graphile-worker), the CLI and the worker process, against a real database.
 */
const { db, url } = await useTestDatabase();
const app = product(db, url);
let sim: OktaSim;
let org: SimOrgHandle;
let acme: { tenantId: string; connectionId: string };
let ann: { token: string; userId: string };
const workerOutput: string[] = [];
const slow: { sim?: OktaSim; org?: SimOrgHandle } = {};

beforeAll(async () => {
  sim = await startSim({ users: 40, rateScale: 20 });
  org = await orgHandle(sim);
  await app.migrateJobs();
  // An admin's own SSWS token: what Ann changes, the System Log attributes to her.
  ann = await org.control('POST', '/api-tokens', { login: 'ann@acme.test', name: "Ann's token" });
  acme = await app.tenantWithConnection('acme', {
    orgUrl: org.url,
    credentials: { kind: 'ssws', token: org.apiToken },
  });
});
afterAll(async () => {
  await sim?.close();
  await slow.sim?.close();
  await app.close();
});

const complete = (connectionId: string) =>
  db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .orderBy('seq')
    .execute();

const asAnn = (method: string, path: string, body?: unknown) =>
  fetch(`${org.url}${path}`, {
    method,
    headers: {
      authorization: `SSWS ${ann.token}`,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (r) => ({ status: r.status, body: r.status === 204 ? undefined : await r.json() }));

const withoutLinks = ({ _links, ...rest }: Record<string, unknown>) => rest;

describe('backups of okta-sim', () => {
  it('a fresh backup, exported with the CLI, equals what the API serves, object for object', async () => {
    await app.backupThroughJobs(acme);
    const [first] = await complete(acme.connectionId);
    expect(first).toMatchObject({ status: 'complete', trigger: 'manual' });
    const out = mkdtempSync(join(tmpdir(), 'bfy-export-'));
    const r = await app.cli('snapshot', 'export', first!.id, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const exported = readExport(out);
    expect(exported.size).toBe(first!.object_count);
    const raw = await rawWalk(org);
    expect(compareWithRaw(raw, exported)).toEqual([]);
  });

  it('changes made through the API show in the next diff with their JSON paths, attributed to who made them', async () => {
    const password = (await asAnn('GET', '/api/v1/policies?type=PASSWORD')).body.find(
      (p: any) => p.status === 'ACTIVE' && p.settings.password.complexity.minLength === 15,
    );
    const policyBody = withoutLinks(password);
    (policyBody.settings as any).password.complexity.minLength = 8;
    expect((await asAnn('PUT', `/api/v1/policies/${password.id}`, policyBody)).status).toBe(200);
    const group = (await asAnn('GET', '/api/v1/groups?q=Contractors')).body[0];
    expect(
      (
        await asAnn('PUT', `/api/v1/groups/${group.id}`, {
          profile: { ...group.profile, name: 'Contractors (external)' },
        })
      ).status,
    ).toBe(200);
    const zone = (await asAnn('GET', '/api/v1/zones')).body.find((z: any) => z.status === 'INACTIVE' && !z.system);
    expect((await asAnn('DELETE', `/api/v1/zones/${zone.id}`)).status).toBe(204);

    await app.backupThroughJobs(acme);
    const [first, second] = await complete(acme.connectionId);
    const changes: ObjectChange[] = [];
    for await (const c of diffSnapshots(app.deps, acme.tenantId, { from: first!.id, to: second!.id })) changes.push(c);

    expect(changes.map((c) => [c.type, c.id, c.change])).toEqual([
      ['group', group.id, 'changed'],
      ['network_zone', zone.id, 'removed'],
      ['policy.PASSWORD', password.id, 'changed'],
    ]);
    const [g, z, p] = changes;
    expect(p!.paths.filter((x) => x.path !== '$.lastUpdated')).toEqual([
      { path: '$.settings.password.complexity.minLength', before: 15, after: 8, kind: 'changed' },
    ]);
    expect(g!.paths.filter((x) => x.path !== '$.lastUpdated')).toEqual([
      { path: '$.profile.name', before: 'Contractors', after: 'Contractors (external)', kind: 'changed' },
    ]);
    expect(z!.before).toMatchObject({ id: zone.id, name: zone.name });

    const inWindow = (at: string) =>
      Date.parse(at) > first!.started_at.getTime() && Date.parse(at) <= second!.completed_at!.getTime();
    expect(p!.actors.map((a) => [a.actor, a.eventType])).toEqual([['ann@acme.test', 'policy.lifecycle.update']]);
    expect(g!.actors.map((a) => [a.actor, a.eventType])).toEqual([['ann@acme.test', 'group.profile.update']]);
    expect(z!.actors.map((a) => [a.actor, a.eventType])).toEqual([['ann@acme.test', 'zone.delete']]);
    for (const c of changes) for (const a of c.actors) expect(inWindow(a.at), a.at).toBe(true);
    expect(second!.stats).toMatchObject({ logEvents: { kept: 3 } });

    const diff = await app.cli('snapshot', 'diff', first!.id, second!.id);
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain(`~ policy.PASSWORD ${password.id}\n    $.lastUpdated`);
    expect(diff.stdout).toContain('    $.settings.password.complexity.minLength: 15 → 8\n');
    expect(diff.stdout).toContain(`    by ann@acme.test at ${p!.actors[0]!.at} (policy.lifecycle.update)\n`);
    expect(diff.stdout).toContain(`- network_zone ${zone.id}\n    by ann@acme.test`);
  });

  it('an incremental backup reads only the members of groups whose membership moved, and still equals the API', async () => {
    const groups = (await asAnn('GET', '/api/v1/groups')).body as any[];
    const users = (await asAnn('GET', '/api/v1/users?limit=200')).body as any[];
    const target = groups.find((g) => g.type === 'OKTA_GROUP' && g.profile.name === 'Engineering')!;
    const members = new Set(((await asAnn('GET', `/api/v1/groups/${target.id}/users`)).body as any[]).map((u) => u.id));
    const joiner = users.find((u) => !members.has(u.id) && u.profile.login !== 'ann@acme.test')!;
    const leaver = users.filter((u) => u.id !== joiner.id && u.profile.login !== 'ann@acme.test').at(-1)!;
    const leaverGroups = ((await asAnn('GET', `/api/v1/users/${leaver.id}/groups`)).body as any[]).map((g) => g.id);
    expect((await asAnn('PUT', `/api/v1/groups/${target.id}/users/${joiner.id}`)).status).toBe(204);
    for (let i = 0; i < 2; i++) expect((await asAnn('DELETE', `/api/v1/users/${leaver.id}`)).status).toBe(204);

    await app.backupThroughJobs(acme);
    const snap = (await complete(acme.connectionId)).at(-1)!;
    const kept = (snap.stats as { childrenKeptUnread: number }).childrenKeptUnread;
    expect(kept).toBeGreaterThan(0);
    // Listed: the members of the groups whose membership moved, and of Everyone (always read); the rest kept unread.
    const raw = await rawWalk(org);
    const everyone = groups.find((g) => g.type === 'BUILT_IN')!.id;
    const moved = new Set([target.id, everyone, ...leaverGroups]);
    const rawMembers = [...raw.objects.values()].filter((x) => x.type === 'group.member');
    const listed = (snap.stats as { byType: Record<string, { objects: number }> }).byType['group.member']!.objects;
    expect(listed).toBe(rawMembers.filter((x) => moved.has(x.id.split('/')[0]!)).length);
    expect(listed + kept).toBe(rawMembers.length);
    const objects = new Map<string, { body: unknown }>();
    for await (const x of readSnapshot(app.deps, acme.tenantId, snap.id)) objects.set(objectKey(x.type, x.id), x);
    expect(objects.size).toBe(snap.object_count);
    expect(objects.has(objectKey('group.member', `${target.id}/${joiner.id}`))).toBe(true);
    expect([...objects.keys()].filter((k) => k.includes(leaver.id))).toEqual([]);
    expect(compareWithRaw(raw, objects)).toEqual([]);
  });

  it('a worker killed mid-backup leaves no snapshot until a retry completes; then exactly one', async () => {
    // A second org whose limits and latency make a backup take a while, reached with the service app's key.
    slow.sim = await startSim({ users: 40, rateScale: 3, latencyMs: 250 });
    slow.org = await orgHandle(slow.sim);
    const o = slow.org;
    const initech = await app.tenantWithConnection('initech', {
      orgUrl: o.url,
      credentials: { kind: 'oauth', clientId: o.clientId, privateKey: o.privateKeyPem },
    });

    await app.deps.jobs!.enqueue(db, 'backup', {
      tenantId: initech.tenantId,
      connectionId: initech.connectionId,
      trigger: 'manual',
    });
    const worker = app.startWorker();
    const running = await waitFor(async () => {
      const s = await db
        .selectFrom('snapshots')
        .selectAll()
        .where('connection_id', '=', initech.connectionId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return s && (s.progress as { objects?: number }).objects ? s : undefined;
    }, 60_000);
    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBe('SIGKILL');
    workerOutput.push(worker.output());
    const partial = await sql<{
      n: number;
    }>`select count(*)::int as n from snapshot_entries where connection_id = ${initech.connectionId} and from_seq = ${running.seq}`.execute(
      db,
    );
    expect(partial.rows[0]!.n).toBeGreaterThan(0);
    expect(await complete(initech.connectionId)).toEqual([]);

    // The retry: the dead worker's heartbeat has gone stale (it stopped more than two minutes ago).
    await sql`update snapshots set heartbeat_at = now() - interval '3 minutes' where id = ${running.id}`.execute(db);
    await app.backupThroughJobs(initech);
    const done = await complete(initech.connectionId);
    expect(done).toHaveLength(1);
    const all = await db
      .selectFrom('snapshots')
      .select(['id', 'status', 'error'])
      .where('connection_id', '=', initech.connectionId)
      .orderBy('seq')
      .execute();
    expect(all).toEqual([
      { id: running.id, status: 'failed', error: 'interrupted: the worker stopped mid-backup' },
      { id: done[0]!.id, status: 'complete', error: null },
    ]);
    const objects = new Map<string, { body: unknown }>();
    for await (const x of readSnapshot(app.deps, initech.tenantId, done[0]!.id)) {
      expect(objects.has(objectKey(x.type, x.id))).toBe(false);
      objects.set(objectKey(x.type, x.id), x);
    }
    expect(objects.size).toBe(done[0]!.object_count);
    expect(compareWithRaw(await rawWalk(o), objects)).toEqual([]);
  });

  it('nothing secret is readable in any table of the database, nor in what the worker printed', async () => {
    const raw = await rawWalk(org, ['app', 'user', 'app.secret', 'app.key']);
    const apps = [...raw.objects.values()].filter((x) => x.type === 'app');
    const clientSecrets = apps
      .map((a) => a.body.credentials?.oauthClient?.client_secret)
      .filter((s): s is string => typeof s === 'string' && s.length > 20);
    // The metadata of secrets and keys is backed up; their values and key material never are.
    const ofType = (t: string) => [...raw.objects.values()].filter((x) => x.type === t).map((x) => x.body);
    const secretRows = ofType('app.secret');
    const keyRows = ofType('app.key');
    expect(secretRows.length).toBeGreaterThan(0);
    expect(keyRows.length).toBeGreaterThan(0);
    clientSecrets.push(...secretRows.flatMap((x) => [x.client_secret, x.secret_hash]));
    clientSecrets.push(...keyRows.flatMap((x) => [x.x5c[0].slice(0, 60), x.n.slice(0, 60)]));
    const emails = [...raw.objects.values()]
      .filter((x) => x.type === 'user')
      .map((u) => u.body.profile.email as string)
      .slice(0, 20);
    expect(clientSecrets.length).toBeGreaterThan(0);
    expect(emails).toContain('ann@acme.test');
    const needles = [
      org.apiToken,
      ann.token,
      slow.org!.apiToken,
      ...pemPieces(slow.org!.privateKeyPem),
      ...clientSecrets,
      ...emails,
    ];
    expect(await findInDatabase(db, needles)).toEqual([]);
    const printed = workerOutput.join('\n');
    expect(printed).toContain('worker ready');
    expect(needles.filter((n) => printed.includes(n))).toEqual([]);
  });
  it('backup run --wait is scanned, alerts and applies retention, as the queued job does', async () => {
    const received: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await createWebhook(app.deps, acme.tenantId, {
        name: 'groups',
        url: hookUrl,
        events: ['objects.changed'],
        objectTypes: ['group'],
      });
      // Keep only the newest snapshot: what the retention pass leaves is visible at once.
      await setBackupSchedule(app.deps, acme.tenantId, {
        connectionId: acme.connectionId,
        enabled: false,
        frequency: 'daily',
        retention: { hourly: 0, daily: 0, weekly: 0, monthly: 0 },
      });
      expect((await complete(acme.connectionId)).length).toBeGreaterThan(1);
      // Snapshots of the last hour are always kept: age the earlier ones so the counts decide.
      await db
        .updateTable('snapshots')
        .set({ completed_at: new Date(Date.now() - 3 * 3_600_000) })
        .where('connection_id', '=', acme.connectionId)
        .execute();
      const group = (await asAnn('GET', '/api/v1/groups?q=Engineering')).body[0];
      expect(
        (
          await asAnn('PUT', `/api/v1/groups/${group.id}`, {
            profile: { ...group.profile, description: 'Builds things' },
          })
        ).status,
      ).toBe(200);

      const r = await app.cli('backup', 'run', 'acme', acme.connectionId, '--wait');
      expect(r.code, r.stderr).toBe(0);
      const snapshotId = r.stdout.trim().split('\n').at(-1)!;
      const scans = await db
        .selectFrom('scans')
        .select(['snapshot_id', 'trigger'])
        .where('snapshot_id', '=', snapshotId)
        .execute();
      expect(scans).toEqual([{ snapshot_id: snapshotId, trigger: 'backup' }]);
      expect((await complete(acme.connectionId)).map((x) => x.id)).toEqual([snapshotId]);
      // The alert was queued by the CLI; a worker delivers it.
      await app.runDueJobs({ allowPrivateUrls: true });
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0]!).butterfly).toMatchObject({
        event: 'objects.changed',
        snapshot: { id: snapshotId },
      });
      expect(received[0]).toContain(group.id);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
