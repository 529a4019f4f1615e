import { generateKeyPairSync } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { enqueueDueBackups } from '../schedules/enqueue-due-backups.ts';
import { loadScanRecord } from '../scans/load-scan-record.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { backUpConnection } from '../backups/back-up-connection.ts';
import { listSnapshots } from '../snapshots/list-snapshots.ts';
import { readSnapshot } from '../snapshots/read-snapshot.ts';
import { requestBackup } from '../snapshots/request-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import { addConnection } from './add-connection.ts';
import { addEntraConnection } from './add-entra-connection.ts';
import { getConnection } from './get-connection.ts';
import { listConnections } from './list-connections.ts';
import { loadConnectionConfig } from './load-connection-config.ts';
import { pauseConnection } from './pause-connection.ts';
import { removeConnection } from './remove-connection.ts';
import { resumeConnection } from './resume-connection.ts';
import { testConnection } from './test-connection.ts';
import { updateConnection } from './update-connection.ts';

const { db } = await useTestDatabase();
const queued: { task: string; payload: Record<string, unknown> }[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task, payload) => {
    queued.push({ task, payload });
    return { jobId: String(queued.length) };
  },
};
const deps = { ...testDeps(db), jobs };
const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const NEW_TOKEN = '00NEWTOKEN-zyxwvutsrqponmlkjihgfedcba98765';
const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const org = (): IdpObject[] => [{ type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } }];

async function setup(name = 'prod') {
  const t = await seedTenant(deps);
  const c = await addConnection(deps, t.id, {
    name,
    orgUrl: 'https://acme.okta.com',
    credentials: { kind: 'ssws', token: TOKEN },
  });
  const admin = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
  return { tenantId: t.id, c, admin };
}
const auditOf = (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('action', 'like', 'connection.%')
    .orderBy('seq')
    .execute();
const row = (id: string) => db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('editing a connection', () => {
  it('renames under the creation rules and replaces the credential sealed, never echoing it', async () => {
    const s = await setup();
    await addConnection(deps, s.tenantId, {
      name: 'staging',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    await db
      .updateTable('connections')
      .set({ last_test: JSON.stringify({ ok: true, missing: [] }), last_tested_at: new Date() })
      .where('id', '=', s.c.id)
      .execute();

    const renamed = await updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, name: ' production ' });
    expect(renamed).toMatchObject({ name: 'production', authKind: 'ssws', lastTest: { ok: true } });
    await expect(
      updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, name: 'staging' }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN', fields: { name: expect.stringContaining('staging') } });
    await expect(
      updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, name: 'x'.repeat(101) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { name: 'must be at most 100 characters' } });
    await expect(updateConnection(s.admin, s.tenantId, { connectionId: s.c.id })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      updateConnection(s.admin, s.tenantId, {
        connectionId: s.c.id,
        credentials: { kind: 'oauth', clientId: '0oa1', privateKey: 'not a key' },
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { 'credentials.privateKey': expect.any(String) },
    });
    expect((await row(s.c.id)).name).toBe('production');

    const oauth = await updateConnection(s.admin, s.tenantId, {
      connectionId: s.c.id,
      credentials: { kind: 'oauth', clientId: '0oaNEW', privateKey: pem, keyId: 'k2' },
    });
    expect(oauth).toMatchObject({
      authKind: 'oauth',
      clientId: '0oaNEW',
      keyId: 'k2',
      lastTest: null,
      hasCredentials: true,
    });
    expect(JSON.stringify(oauth)).not.toContain('PRIVATE KEY');
    expect((await loadConnectionConfig(deps, s.tenantId, s.c.id)).credentials).toEqual({
      kind: 'oauth',
      clientId: '0oaNEW',
      privateKey: pem,
      keyId: 'k2',
    });
    const ssws = await updateConnection(s.admin, s.tenantId, {
      connectionId: s.c.id,
      credentials: { kind: 'ssws', token: NEW_TOKEN },
    });
    expect(ssws).toMatchObject({ authKind: 'ssws', clientId: null, keyId: null });
    expect((await loadConnectionConfig(deps, s.tenantId, s.c.id)).credentials).toEqual({
      kind: 'ssws',
      token: NEW_TOKEN,
    });

    const raw = await row(s.c.id);
    expect(`${JSON.stringify(raw)}${raw.credentials_sealed?.toString('latin1')}`).not.toContain(NEW_TOKEN);
    const audit = await auditOf(s.tenantId);
    expect(JSON.stringify(audit)).not.toContain(NEW_TOKEN);
    expect(JSON.stringify(audit)).not.toContain('PRIVATE KEY');
    expect(audit.filter((a) => a.action === 'connection.updated').map((a) => a.data)).toEqual([
      { name: { from: 'prod', to: 'production' } },
      { credentialsReplaced: true, authKind: 'oauth', clientId: '0oaNEW', keyId: 'k2' },
      { credentialsReplaced: true, authKind: 'ssws', clientId: null, keyId: null },
    ]);
  });

  it("replaces an Entra app's client secret, keeping its client id; refuses another provider's credential kind", async () => {
    const s = await setup();
    const entra = await addEntraConnection(deps, s.tenantId, {
      name: 'entra-prod',
      directoryId: '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93',
      clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b',
      credentials: { kind: 'client_secret', clientSecret: 'old-secret-0123456789' },
    });
    const NEW_SECRET = 'Pq8~new-secret-9876543210';
    const replaced = await updateConnection(s.admin, s.tenantId, {
      connectionId: entra.id,
      credentials: { kind: 'client_secret', clientSecret: NEW_SECRET },
    });
    expect(replaced).toMatchObject({ authKind: 'client_secret', clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b' });
    expect((await loadConnectionConfig(deps, s.tenantId, entra.id)).credentials).toEqual({
      kind: 'client_secret',
      clientSecret: NEW_SECRET,
    });
    // An Okta token on an Entra connection, or an Entra secret on an Okta one: refused, nothing changed.
    const before = [await row(entra.id), await row(s.c.id)];
    await expect(
      updateConnection(s.admin, s.tenantId, {
        connectionId: entra.id,
        credentials: { kind: 'ssws', token: NEW_TOKEN },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('client secret or certificate') });
    await expect(
      updateConnection(s.admin, s.tenantId, {
        connectionId: s.c.id,
        credentials: { kind: 'client_secret', clientSecret: NEW_SECRET },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('SSWS token') });
    expect([await row(entra.id), await row(s.c.id)]).toEqual(before);
    const audit = await auditOf(s.tenantId);
    expect(JSON.stringify(audit)).not.toContain(NEW_SECRET);
    expect(audit.filter((a) => a.action === 'connection.updated').map((a) => a.data)).toEqual([
      {
        credentialsReplaced: true,
        authKind: 'client_secret',
        clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b',
        keyId: null,
      },
    ]);
  });

  it("sets an OAuth connection's rate-limit share (1-100, null for Okta's default), hands it to the connector, audits it", async () => {
    const s = await setup();
    expect(await getConnection(s.admin, s.tenantId, { connectionId: s.c.id })).toMatchObject({
      rateLimitShare: null,
      rateLimitCeiling: 80,
    }); // SSWS: the reserve
    await updateConnection(s.admin, s.tenantId, {
      connectionId: s.c.id,
      credentials: { kind: 'oauth', clientId: '0oaSvc', privateKey: pem },
    });
    expect(await getConnection(s.admin, s.tenantId, { connectionId: s.c.id })).toMatchObject({
      rateLimitShare: null,
      rateLimitCeiling: 50,
    });
    expect((await loadConnectionConfig(deps, s.tenantId, s.c.id)).rateLimitShare).toBeUndefined();

    for (const bad of [0, 101, 50.5]) {
      await expect(
        updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, rateLimitShare: bad }),
      ).rejects.toMatchObject({ code: 'VALIDATION', fields: { rateLimitShare: expect.any(String) } });
    }
    const raised = await updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, rateLimitShare: 75 });
    expect(raised).toMatchObject({ rateLimitShare: 75, rateLimitCeiling: 75 });
    expect((await loadConnectionConfig(deps, s.tenantId, s.c.id)).rateLimitShare).toBe(75);
    // Without a write credential of its own, a restore writes as the same app: the same share.
    expect((await loadConnectionConfig(deps, s.tenantId, s.c.id, { purpose: 'restore' })).rateLimitShare).toBe(75);
    const back = await updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, rateLimitShare: null });
    expect(back).toMatchObject({ rateLimitShare: null, rateLimitCeiling: 50 });
    const audit = (await auditOf(s.tenantId)).filter((a) => a.action === 'connection.updated').map((a) => a.data);
    expect(audit.slice(-2)).toEqual([
      { rateLimitShare: { from: null, to: 75 } },
      { rateLimitShare: { from: 75, to: null } },
    ]);
  });

  it('is for connection.manage within the tenant only', async () => {
    const s = await setup();
    const operator = { ...deps, actor: memberActor(s.tenantId, await seedMember(deps, s.tenantId, 'backup_operator')) };
    const other = await seedTenant(deps);
    const outsider = { ...deps, actor: memberActor(other.id, await seedMember(deps, other.id, 'super_admin')) };
    for (const call of [
      (d: typeof deps, t: string) => updateConnection(d, t, { connectionId: s.c.id, name: 'x' }),
      (d: typeof deps, t: string) => pauseConnection(d, t, { connectionId: s.c.id }),
      (d: typeof deps, t: string) => resumeConnection(d, t, { connectionId: s.c.id }),
      (d: typeof deps, t: string) =>
        removeConnection(d, t, { connectionId: s.c.id, confirmName: 'prod', keepSnapshots: true }),
    ]) {
      await expect(call(operator, s.tenantId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(call(outsider, other.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await row(s.c.id)).toMatchObject({ name: 'prod', paused_at: null, deleted_at: null });
  });
});

describe('pausing a connection', () => {
  it('refuses "Back up now", skips the schedule and moves it on; resuming backs up again', async () => {
    const s = await setup();
    const due = new Date(Date.now() - 1000);
    await db
      .insertInto('backup_schedules')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.c.id,
        cron: '0 * * * *',
        frequency: 'hourly',
        timezone: 'UTC',
        enabled: true,
        next_run_at: due,
      })
      .execute();
    const paused = await pauseConnection(s.admin, s.tenantId, { connectionId: s.c.id, reason: 'Okta migration' });
    expect(paused.paused).toMatchObject({ reason: 'Okta migration', by: s.admin.actor.label });
    await pauseConnection(s.admin, s.tenantId, { connectionId: s.c.id });
    await expect(requestBackup(s.admin, s.tenantId, { connectionId: s.c.id })).rejects.toMatchObject({
      code: 'CONNECTION_PAUSED',
    });

    const before = queued.length;
    expect(await enqueueDueBackups(deps)).toMatchObject({ enqueued: 0, skipped: 1 });
    expect(queued.length).toBe(before);
    const schedule = await db
      .selectFrom('backup_schedules')
      .select('next_run_at')
      .where('connection_id', '=', s.c.id)
      .executeTakeFirstOrThrow();
    expect(schedule.next_run_at.getTime()).toBeGreaterThan(Date.now());

    expect((await resumeConnection(s.admin, s.tenantId, { connectionId: s.c.id })).paused).toBeNull();
    expect(await requestBackup(s.admin, s.tenantId, { connectionId: s.c.id })).toMatchObject({ alreadyRunning: false });
    expect((await auditOf(s.tenantId)).map((a) => a.action)).toEqual([
      'connection.added',
      'connection.paused',
      'connection.resumed',
    ]);
  });
});

describe('deleting a connection', () => {
  it('asks for the name typed: a mismatch is refused, audited, and changes nothing', async () => {
    const s = await setup();
    for (const confirmName of ['', 'prod2', 'PROD']) {
      await expect(
        removeConnection(s.admin, s.tenantId, { connectionId: s.c.id, confirmName, keepSnapshots: false }),
      ).rejects.toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    }
    await expect(
      removeConnection(s.admin, s.tenantId, { connectionId: s.c.id, confirmName: 'prod' } as never),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { keepSnapshots: expect.any(String) } });
    expect(await row(s.c.id)).toMatchObject({ deleted_at: null });
    const refused = (await auditOf(s.tenantId)).filter((a) => a.action === 'connection.remove_refused');
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({ outcome: 'failure', data: { reason: 'confirmation_mismatch' } });
  });

  it('keeping snapshots: they stay browsable and their evidence exportable; nothing reaches the org again; the name is free', async () => {
    const s = await setup();
    const snap = await backUpConnection(deps, {
      tenantId: s.tenantId,
      connectionId: s.c.id,
      trigger: 'manual',
      client: fakeIdp(org()),
      scanHere: true,
    });
    const scan = await runComplianceScan(deps, s.tenantId, {
      snapshotId: snap.snapshotId,
      trigger: 'manual',
      reuse: true,
    });
    await db
      .insertInto('backup_schedules')
      .values({
        tenant_id: s.tenantId,
        connection_id: s.c.id,
        cron: '0 * * * *',
        frequency: 'hourly',
        timezone: 'UTC',
        enabled: true,
        next_run_at: new Date(),
      })
      .execute();

    expect(
      await removeConnection(s.admin, s.tenantId, { connectionId: s.c.id, confirmName: ' prod ', keepSnapshots: true }),
    ).toEqual({ id: s.c.id, removed: true, keptSnapshots: true });
    const kept = await row(s.c.id);
    expect(kept).toMatchObject({
      credentials_sealed: null,
      write_credentials_sealed: null,
      deleted_by: s.admin.actor.label,
    });
    expect(
      await db.selectFrom('backup_schedules').select('connection_id').where('connection_id', '=', s.c.id).execute(),
    ).toEqual([]);

    // Read-only record: listed apart, snapshots and objects readable, the scan's evidence record intact.
    expect(await listConnections(s.admin, s.tenantId)).toEqual([]);
    expect(await listConnections(s.admin, s.tenantId, { includeDeleted: true })).toEqual([
      expect.objectContaining({
        id: s.c.id,
        hasCredentials: false,
        deleted: expect.objectContaining({ by: s.admin.actor.label }),
      }),
    ]);
    expect((await getConnection(s.admin, s.tenantId, { connectionId: s.c.id })).deleted).not.toBeNull();
    expect((await listSnapshots(s.admin, s.tenantId, { connectionId: s.c.id })).map((x) => x.id)).toEqual([
      snap.snapshotId,
    ]);
    const objects = [];
    for await (const o of readSnapshot(s.admin, s.tenantId, snap.snapshotId)) objects.push(o);
    expect(objects.map((o) => o.id)).toEqual(['00g1']);
    expect((await loadScanRecord(db, s.tenantId, scan.id)).scanId).toBe(scan.id);

    // Nothing reaches the org or changes it any more.
    await expect(loadConnectionConfig(deps, s.tenantId, s.c.id)).rejects.toMatchObject({ code: 'CONNECTION_DELETED' });
    await expect(requestBackup(s.admin, s.tenantId, { connectionId: s.c.id })).rejects.toMatchObject({
      code: 'CONNECTION_DELETED',
    });
    await expect(updateConnection(s.admin, s.tenantId, { connectionId: s.c.id, name: 'again' })).rejects.toMatchObject({
      code: 'CONNECTION_DELETED',
    });
    await expect(pauseConnection(s.admin, s.tenantId, { connectionId: s.c.id })).rejects.toMatchObject({
      code: 'CONNECTION_DELETED',
    });
    await expect(
      testConnection({ ...s.admin, idpClientFor: () => ({}) as IdpClient }, s.tenantId, { connectionId: s.c.id }),
    ).rejects.toMatchObject({ code: 'CONNECTION_DELETED' });

    // The name is free for a new connection; the kept one can later go with its snapshots.
    await addConnection(s.admin, s.tenantId, {
      name: 'prod',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    await removeConnection(s.admin, s.tenantId, { connectionId: s.c.id, confirmName: 'prod', keepSnapshots: false });
    expect(await db.selectFrom('snapshots').select('id').where('connection_id', '=', s.c.id).execute()).toEqual([]);
    expect((await auditOf(s.tenantId)).filter((a) => a.action === 'connection.removed').map((a) => a.data)).toEqual([
      { name: 'prod', orgUrl: 'https://acme.okta.com', keepSnapshots: true, snapshots: 1 },
      { name: 'prod', orgUrl: 'https://acme.okta.com', keepSnapshots: false, snapshots: 1 },
    ]);
  });
});

/** An IdP that refuses the credential the way the Okta connector reports it. */
function refusingIdp(): IdpClient {
  const client = fakeIdp(org());
  return {
    ...client,
    // biome-ignore lint/correctness/useYield: it refuses before the first object
    async *listObjects() {
      throw Object.assign(
        new Error('Okta refused the credential: Okta answered 401 E0000011: Invalid token provided'),
        { credentialRejected: true },
      );
    },
  };
}

describe('a credential Okta refuses', () => {
  it('marks the connection needs attention and alerts once; a test with every scope clears it', async () => {
    const s = await setup();
    await createWebhook(s.admin, s.tenantId, {
      name: 'ops',
      url: 'https://hooks.example.com/x',
      events: ['connection.needs_attention'],
    });
    for (let i = 0; i < 2; i++) {
      await expect(
        backUpConnection(deps, {
          tenantId: s.tenantId,
          connectionId: s.c.id,
          trigger: 'schedule',
          client: refusingIdp(),
          attempt: { number: 1, max: 25 },
        }),
      ).rejects.toThrow('Invalid token');
    }
    const c = await getConnection(s.admin, s.tenantId, { connectionId: s.c.id });
    expect(c).toMatchObject({
      status: 'needs_attention',
      statusReason: expect.stringContaining('Invalid token provided'),
    });
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select(['event', 'snapshot_id'])
      .where('tenant_id', '=', s.tenantId)
      .execute();
    expect(deliveries).toEqual([{ event: 'connection.needs_attention', snapshot_id: expect.any(String) }]);
    expect((await auditOf(s.tenantId)).filter((a) => a.action === 'connection.needs_attention')).toHaveLength(1);

    // A test that still misses scopes leaves it; one with every scope clears it.
    const report = (ok: boolean) => () =>
      ({
        testAccess: async () => ({
          ok,
          connected: true,
          missing: ok ? [] : [{ scope: 'okta.groups.read', leavesOut: ['group'] }],
        }),
      }) as unknown as IdpClient;
    expect(
      (await testConnection({ ...s.admin, idpClientFor: report(false) }, s.tenantId, { connectionId: s.c.id }))
        .connection.status,
    ).toBe('needs_attention');
    expect(
      (await testConnection({ ...s.admin, idpClientFor: report(true) }, s.tenantId, { connectionId: s.c.id }))
        .connection.status,
    ).toBe('ok');
    expect((await row(s.c.id)).status_reason).toBeNull();
  });

  it('a backup that completes clears it; an ordinary failure does not set it', async () => {
    const s = await setup();
    await expect(
      backUpConnection(deps, {
        tenantId: s.tenantId,
        connectionId: s.c.id,
        trigger: 'manual',
        client: fakeIdp(org(), { failAfter: 0 }),
      }),
    ).rejects.toThrow('connection reset');
    expect((await row(s.c.id)).status).toBe('ok');
    await expect(
      backUpConnection(deps, { tenantId: s.tenantId, connectionId: s.c.id, trigger: 'manual', client: refusingIdp() }),
    ).rejects.toThrow();
    expect((await row(s.c.id)).status).toBe('needs_attention');
    await backUpConnection(deps, {
      tenantId: s.tenantId,
      connectionId: s.c.id,
      trigger: 'manual',
      client: fakeIdp(org()),
    });
    expect((await row(s.c.id)).status).toBe('ok');
    expect((await auditOf(s.tenantId)).map((a) => a.action)).toContain('connection.attention_cleared');
  });
});
