import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { authenticateApiToken } from '../api-tokens/authenticate-api-token.ts';
import { createApiToken } from '../api-tokens/create-api-token.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import type { DomainError } from '../errors.ts';
import type { IdpClient, IdpObject } from '../idp/types.ts';
import { insertMember } from '../members/insert-member.ts';
import { createSession } from '../sessions/create-session.ts';
import { resolveSession } from '../sessions/resolve-session.ts';
import {
  memberActor,
  recordingJobQueue,
  seedConnection,
  seedGoogleConnection,
  seedMember,
  seedTenant,
  testDeps,
} from '../testing/fixtures.ts';
import { enqueueDueDirectorySyncs } from './enqueue-due-directory-syncs.ts';
import { getDirectorySyncStatus } from './get-directory-sync-status.ts';
import { runDirectorySync } from './run-directory-sync.ts';
import { setDirectorySync } from './set-directory-sync.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const DOMAIN = 'initech.example';

/**
 * A Google directory in memory, standing in for the Admin SDK behind the connector (the contract test
 * e2e/contract/google-directory-sync.test.ts runs the same sync against google-sim). It honours
 * `skipChildren` as the Google lister does: a group's members are read only when asked for.
 */
function directory() {
  const users = new Map<string, Record<string, unknown>>();
  const groups = new Map<string, { id: string; email: string; members: { id: string; type: string }[] }>();
  let failAfterUsers: number | undefined;
  let refusal: Error | undefined;
  const client: IdpClient = {
    async *listObjects(o: Parameters<IdpClient['listObjects']>[0] = {}) {
      if (refusal) throw refusal;
      const types = o.types ?? [];
      if (types.includes('user'))
        for (const [i, u] of [...users.values()].entries()) {
          if (failAfterUsers !== undefined && i >= failAfterUsers) throw new Error('Google answered 503: backendError');
          yield { type: 'user', id: String(u.id), body: u };
        }
      for (const g of groups.values()) {
        const body = { id: g.id, email: g.email };
        if (types.includes('group')) yield { type: 'group', id: g.id, body };
        if (types.includes('group.members') && !o.skipChildren?.('group.members', { type: 'group', id: g.id, body }))
          yield { type: 'group.members', id: g.id, body: { members: g.members } } satisfies IdpObject;
      }
    },
    readObject: async () => undefined,
    writeObject: async () => undefined,
    listLogEvents: async function* () {},
    testAccess: async () => ({ ok: true, missing: [] }),
    stats: () => ({}) as never,
    objectTypes: () => [],
  } as unknown as IdpClient;
  return {
    client,
    user(id: string, local: string, o: { suspended?: boolean; archived?: boolean } = {}) {
      users.set(id, {
        id,
        primaryEmail: `${local}@${DOMAIN}`,
        name: { givenName: local, familyName: 'X', fullName: `${local} X` },
        ...o,
      });
    },
    update: (id: string, o: Record<string, unknown>) => Object.assign(users.get(id)!, o),
    remove: (id: string) => users.delete(id),
    group(local: string, ...members: string[]) {
      const id = `g-${local}`;
      groups.set(id, {
        id,
        email: `${local}@${DOMAIN}`,
        members: members.map((m) => (m.startsWith('g-') ? { id: m, type: 'GROUP' } : { id: m, type: 'USER' })),
      });
    },
    failAfter: (n: number | undefined) => {
      failAfterUsers = n;
    },
    /** The token endpoint refuses the key, as GoogleAuthError does (a credential rejection). */
    refuse: (message: string | undefined) => {
      refusal = message === undefined ? undefined : Object.assign(new Error(message), { credentialRejected: true });
    },
  };
}

async function setup() {
  const t = await seedTenant(deps);
  const c = await seedGoogleConnection(deps, t.id, DOMAIN);
  const d = directory();
  d.user('1001', 'ada');
  d.user('1002', 'bob');
  d.user('1003', 'cy');
  d.user('1004', 'dee');
  d.user('1005', 'eve', { suspended: true });
  d.user('1006', 'nobody');
  d.group('butterfly-super-admins', '1001', '1002');
  d.group('butterfly-admins', '1002');
  d.group('butterfly-auditors', 'g-support');
  d.group('support', '1003', '1005');
  d.group('butterfly-read-only', '1004');
  const run = (o: Partial<Deps> = {}) =>
    runDirectorySync({ ...deps, ...o, idpClientFor: () => d.client }, t.id, { connectionId: c.id });
  const members = () =>
    db
      .selectFrom('members')
      .select(['id', 'email', 'role', 'role_source', 'active', 'google_sub', 'directory_connection_id', 'token_epoch'])
      .where('tenant_id', '=', t.id)
      .orderBy('email')
      .execute();
  return { tenantId: t.id, connectionId: c.id, d, run, members };
}

const byEmail = async (s: Awaited<ReturnType<typeof setup>>) =>
  Object.fromEntries((await s.members()).map((m) => [m.email.split('@')[0], m]));

describe('Google directory sync (decision 064)', () => {
  it('creates members from the five groups, the highest group giving the role, nested groups followed', async () => {
    const s = await setup();
    const r = await s.run();
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ users: 6, created: 4, deactivated: 0 });
    expect(r.missingGroups).toEqual([`butterfly-backup-operators@${DOMAIN}`]);
    const m = await byEmail(s);
    expect(Object.keys(m).sort()).toEqual(['ada', 'bob', 'cy', 'dee']); // eve suspended, nobody in no group
    expect(m.ada).toMatchObject({ role: 'super_admin', role_source: 'directory', google_sub: '1001', active: true });
    expect(m.bob!.role).toBe('super_admin'); // in super-admins and admins: the highest wins
    expect(m.cy!.role).toBe('auditor'); // through the support group nested in butterfly-auditors
    expect(m.dee!.role).toBe('read_only');
    expect(m.dee!.directory_connection_id).toBe(s.connectionId);
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', s.tenantId)
      .where('action', 'in', ['member.provisioned', 'directory_sync.run'])
      .execute();
    expect(audit.filter((a) => a.action === 'member.provisioned')).toHaveLength(4);
    expect(audit.find((a) => a.action === 'directory_sync.run')!.data).toMatchObject({ counts: { created: 4 } });

    const status = await getDirectorySyncStatus(deps, s.tenantId, { connectionId: s.connectionId });
    expect(status).toMatchObject({ enabled: false, running: false, lastError: null, counts: { created: 4 } });
    expect(status.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(status.lastSuccessAt).not.toBeNull();
    expect(status.groups.admin).toBe(`butterfly-admins@${DOMAIN}`);
    expect(status.missingGroups).toEqual([`butterfly-backup-operators@${DOMAIN}`]);
  });

  it('is idempotent: a second run changes nothing and audits no member', async () => {
    const s = await setup();
    await s.run();
    const before = await db.selectFrom('audit_events').select('id').where('tenant_id', '=', s.tenantId).execute();
    const r = await s.run();
    expect(r.counts).toMatchObject({ created: 0, updated: 0, deactivated: 0, unchanged: 6 });
    const after = await db.selectFrom('audit_events').select('id').where('tenant_id', '=', s.tenantId).execute();
    expect(after.length).toBe(before.length);
  });

  it('a suspension deactivates the member and revokes sessions and API tokens, as SCIM does', async () => {
    const s = await setup();
    await s.run();
    const dee = (await byEmail(s)).dee!;
    const session = await inTransaction(db, (trx) =>
      createSession({ ...deps, db: trx }, { tenantId: s.tenantId, memberId: dee.id, authMethod: 'sso' }),
    );
    const token = await createApiToken(deps, s.tenantId, { name: 'ci', member: dee.id });
    expect(await resolveSession(deps, session.raw)).not.toBeNull();
    expect(await authenticateApiToken(deps, token.token)).not.toBeNull();

    s.d.update('1004', { suspended: true });
    const r = await s.run();
    expect(r.counts).toMatchObject({ deactivated: 1 });
    const after = (await byEmail(s)).dee!;
    expect(after.active).toBe(false);
    expect(after.token_epoch).toBe(dee.token_epoch + 1);
    expect(await resolveSession(deps, session.raw)).toBeNull();
    expect(await authenticateApiToken(deps, token.token)).toBeNull();
    const revoked = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', s.tenantId)
      .where('target_id', '=', dee.id)
      .where('action', 'in', ['member.credentials_revoked', 'member.deactivated'])
      .execute();
    expect(revoked.map((a) => a.data)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'directory_sync.deactivated', sessions: 1, apiTokens: 1 }),
        expect.objectContaining({ via: 'directory_sync', reason: 'suspended' }),
      ]),
    );

    // Unsuspended: the same member comes back (never a second one).
    s.d.update('1004', { suspended: false });
    expect((await s.run()).counts).toMatchObject({ reactivated: 1, created: 0 });
    expect((await byEmail(s)).dee).toMatchObject({ id: dee.id, active: true });
  });

  it('archived, removed and out-of-groups users are deactivated; a group change changes the role', async () => {
    const s = await setup();
    await s.run();
    s.d.update('1003', { archived: true });
    s.d.remove('1004');
    s.d.group('butterfly-super-admins', '1001');
    s.d.group('butterfly-admins', '1002');
    const r = await s.run();
    expect(r.counts).toMatchObject({ deactivated: 2, updated: 1 });
    const m = await byEmail(s);
    expect(m.cy!.active).toBe(false);
    expect(m.dee!.active).toBe(false);
    expect(m.bob).toMatchObject({ role: 'admin', active: true });
    s.d.group('butterfly-admins');
    expect((await s.run()).counts).toMatchObject({ deactivated: 1 });
    expect((await byEmail(s)).bob!.active).toBe(false);
  });

  it('leaves members it does not manage alone, and adopts the one Google sign-in created', async () => {
    const s = await setup();
    const seed = { ...deps, actor: { kind: 'operator' as const, label: 'seed' } };
    await inTransaction(db, async (trx) => {
      const tx = { ...seed, db: trx };
      // SCIM's member with the same Google account, a hand-added one with ada's email, a JIT sign-in of dee.
      await insertMember(tx, s.tenantId, {
        source: 'scim',
        email: `bob@${DOMAIN}`,
        googleSub: '1002',
        role: 'auditor',
      });
      await insertMember(tx, s.tenantId, { source: 'manual', email: `ada@${DOMAIN}`, role: 'super_admin' });
      await insertMember(tx, s.tenantId, { source: 'jit', email: `dee@${DOMAIN}`, googleSub: '1004', role: 'auditor' });
    });
    const r = await s.run();
    expect(r.counts).toMatchObject({ foreign: 1, conflict: 1, created: 1, updated: 1 });
    const m = await byEmail(s);
    expect(m.bob).toMatchObject({ role: 'auditor', role_source: 'scim', directory_connection_id: null });
    expect(m.ada).toMatchObject({ role_source: 'manual', google_sub: null, directory_connection_id: null });
    expect(m.dee).toMatchObject({
      role: 'read_only',
      role_source: 'directory',
      directory_connection_id: s.connectionId,
    });
    // Suspending SCIM's member in Google is SCIM's business, not the sync's.
    s.d.update('1002', { suspended: true });
    expect((await s.run()).counts).toMatchObject({ foreign: 1, deactivated: 0 });
    expect((await byEmail(s)).bob!.active).toBe(true);
  });

  it('a read that fails midway changes no member and records the error; the next run converges', async () => {
    const s = await setup();
    await s.run();
    s.d.update('1004', { suspended: true });
    s.d.user('1007', 'fay');
    s.d.group('butterfly-read-only', '1004', '1007');
    s.d.failAfter(3);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.status.lastError).toEqual({ code: 'SYNC_FAILED', message: 'Google answered 503: backendError' });
    const m = await byEmail(s);
    expect(m.dee!.active).toBe(true);
    expect(m.fay).toBeUndefined();
    const failed = await db
      .selectFrom('audit_events')
      .select(['outcome'])
      .where('tenant_id', '=', s.tenantId)
      .where('action', '=', 'directory_sync.run')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(failed.outcome).toBe('failure');
    s.d.failAfter(undefined);
    const again = await s.run();
    expect(again.ok).toBe(true);
    expect(again.status.lastError).toBeNull();
    const n = await byEmail(s);
    expect(n.dee!.active).toBe(false);
    expect(n.fay!.active).toBe(true);
  });

  it('a refused credential marks the connection needing attention, as a backup does; a good run clears it', async () => {
    const s = await setup();
    const { jobs } = recordingJobQueue();
    s.d.refuse('Google refused the service account key (BAD_KEY): invalid_grant');
    const r = await s.run({ jobs });
    expect(r.status.lastError?.code).toBe('CREDENTIAL_REJECTED');
    const status = () =>
      db
        .selectFrom('connections')
        .select(['status', 'status_reason'])
        .where('id', '=', s.connectionId)
        .executeTakeFirstOrThrow();
    expect(await status()).toEqual({
      status: 'needs_attention',
      status_reason: 'Google refused the service account key (BAD_KEY): invalid_grant',
    });
    s.d.refuse(undefined);
    expect((await s.run({ jobs })).ok).toBe(true);
    expect(await status()).toEqual({ status: 'ok', status_reason: null });
    const actions = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', s.tenantId)
      .where('action', 'in', ['connection.needs_attention', 'connection.attention_cleared'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['connection.needs_attention', 'connection.attention_cleared']);
    expect(actions[1]!.data).toEqual({ via: 'directory_sync' });
  });

  it('an empty listing is a fault, not everyone leaving: nothing is deactivated', async () => {
    const s = await setup();
    await s.run();
    for (const id of ['1001', '1002', '1003', '1004', '1005', '1006']) s.d.remove(id);
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(r.status.lastError?.code).toBe('CONFLICT');
    expect((await s.members()).every((m) => m.active)).toBe(true);
  });

  it('never deactivates the last active super_admin; the refusal is audited', async () => {
    const s = await setup();
    s.d.group('butterfly-super-admins', '1001');
    s.d.group('butterfly-admins', '1002');
    await s.run();
    s.d.update('1001', { suspended: true });
    const r = await s.run();
    expect(r.counts).toMatchObject({ last_super_admin: 1, deactivated: 0 });
    expect((await byEmail(s)).ada!.active).toBe(true);
    const denied = await db
      .selectFrom('audit_events')
      .select(['data'])
      .where('tenant_id', '=', s.tenantId)
      .where('action', '=', 'member.deactivated')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toHaveLength(1);
  });

  it('names role groups with validated emails; the super_admin group needs a super_admin', async () => {
    const s = await setup();
    const admin = await seedMember(deps, s.tenantId, 'admin');
    const asAdmin = { ...deps, actor: memberActor(s.tenantId, { ...admin, role: 'admin' }) };
    const bad = (await setDirectorySync(asAdmin, s.tenantId, {
      connectionId: s.connectionId,
      groups: { admin: 'not an email' },
    }).catch((e) => e)) as DomainError;
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toHaveProperty('groups.admin');
    const denied = (await setDirectorySync(asAdmin, s.tenantId, {
      connectionId: s.connectionId,
      groups: { super_admin: `owners@${DOMAIN}` },
    }).catch((e) => e)) as DomainError;
    expect(denied.code).toBe('FORBIDDEN');
    expect((await getDirectorySyncStatus(deps, s.tenantId, { connectionId: s.connectionId })).enabled).toBe(false);

    const set = await setDirectorySync(asAdmin, s.tenantId, {
      connectionId: s.connectionId,
      enabled: true,
      groups: { admin: `IT-Admins@${DOMAIN}` },
    });
    expect(set.groups).toMatchObject({ admin: `it-admins@${DOMAIN}`, super_admin: `butterfly-super-admins@${DOMAIN}` });
    s.d.group('it-admins', '1003');
    await s.run();
    expect((await byEmail(s)).cy!.role).toBe('admin');

    const okta = await seedConnection(deps, s.tenantId);
    const unsupported = (await setDirectorySync(deps, s.tenantId, { connectionId: okta, enabled: true }).catch(
      (e) => e,
    )) as DomainError;
    expect(unsupported.code).toBe('DIRECTORY_SYNC_UNSUPPORTED');
  });

  it('the minute tick queues a sync per enabled connection that is due, keyed per connection', async () => {
    const s = await setup();
    await setDirectorySync(deps, s.tenantId, { connectionId: s.connectionId, enabled: true });
    const { jobs, queued } = recordingJobQueue();
    await enqueueDueDirectorySyncs({ ...deps, jobs }, { minutes: 15 });
    const mine = queued.filter((q) => (q.payload as { connectionId: string }).connectionId === s.connectionId);
    expect(mine).toEqual([
      {
        task: 'directory-sync.run',
        payload: { tenantId: s.tenantId, connectionId: s.connectionId, trigger: 'schedule' },
        key: `directory-sync:${s.connectionId}`,
      },
    ]);
    await s.run(); // just ran: not due for 15 minutes
    queued.length = 0;
    await enqueueDueDirectorySyncs({ ...deps, jobs }, { minutes: 15 });
    expect(queued.filter((q) => (q.payload as { connectionId: string }).connectionId === s.connectionId)).toEqual([]);
  });
});
