import { useTestDatabase } from '@butterfly/db/testing';
import { addConnection, addGoogleConnection } from '@butterfly/domain/connections';
import { getEvidenceKey } from '@butterfly/domain/evidence';
import { PERMISSIONS, type Permission, ROLES, type Role, roleHas } from '@butterfly/domain/permissions';
import { runComplianceScan } from '@butterfly/domain/scans';
import { runBackup } from '@butterfly/domain/snapshots';
import { addDomain, setSsoSettings, verifyDomain } from '@butterfly/domain/sso';
import { fakeIdp, googleServiceAccountKey, seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { createApiToken } from '@butterfly/domain/api-tokens';
import { createScimToken } from '@butterfly/domain/scim';
import type { JobQueue } from '@butterfly/domain/core';
import { createWebhook, testWebhook } from '@butterfly/domain/webhooks';
import { createRestorePlan, previewRestore } from '@butterfly/domain/restores';
import { addBreakGlassAccount, removeBreakGlassAccount } from '@butterfly/domain/break-glass';
import { requestException } from '@butterfly/domain/exceptions';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createContext } from './context.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';

/**
 * Walks every procedure of the router under each of the five roles and under a super_admin of
 * another tenant, and compares the outcome with the permission matrix. A procedure without a declared
 * permission, or without a case here, fails the test.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const createCaller = createCallerFactory(appRouter);

const tenantA = await seedTenant(deps, 'perm-a');
const tenantB = await seedTenant(deps, 'perm-b');
await seedMember(deps, tenantA.id, 'super_admin', 'keeper@a.test');
const members = Object.fromEntries(
  await Promise.all(ROLES.map(async (r) => [r, await seedMember(deps, tenantA.id, r, `${r}@a.test`)] as const)),
) as Record<Role, Awaited<ReturnType<typeof seedMember>>>;
const target = await seedMember(deps, tenantA.id, 'read_only', 'target@a.test');
const outsider = await seedMember(deps, tenantB.id, 'super_admin', 'boss@b.test');
await setSsoSettings(deps, tenantA.id, {
  issuer: 'https://idp-a.example.com',
  clientId: 'client-a',
  clientSecret: 'secret-a',
});
await addDomain(deps, tenantA.id, { domain: 'a.test' });
await verifyDomain(deps, tenantA.id, { domain: 'a.test', method: 'operator' });
await addDomain(deps, tenantA.id, { domain: 'unused.a.test' });
// A fake DNS that publishes every domain's record, and a probe that answers without the network.
const txtRecords = new Map<string, string>();
const services = {
  resolveTxt: async (name: string) => (txtRecords.has(name) ? [[txtRecords.get(name)!]] : []),
  probeIssuer: async () => ({ ok: true, checks: [{ name: 'discovery', ok: true, detail: 'fake' }] }),
  // An IdP client that answers "test connection" and the extension's single-object read without the network.
  idpClientFor: () =>
    ({
      testAccess: async () => ({ ok: true, connected: true, missing: [] }),
      objectTypes: () => [],
      readObject: async (ref: { type: string; id: string }) => ({
        ...ref,
        body: { id: ref.id, profile: { name: 'Everyone (renamed)' } },
      }),
    }) as never,
};
let connectionCounter = 0;
const newConnection = (name = `okta-${connectionCounter++}`) =>
  addConnection(deps, tenantA.id, {
    name,
    orgUrl: 'https://a.okta.com',
    credentials: { kind: 'ssws', token: 'ssws-token-of-tenant-a' },
  });
const connectionA = await newConnection('okta-a');
// A Google Workspace connection of tenant A, for directory sync (decision 064).
const googleA = await addGoogleConnection(deps, tenantA.id, {
  name: 'google-a',
  primaryDomain: 'a.test',
  adminEmail: 'admin@a.test',
  serviceAccountKey: googleServiceAccountKey(),
});
const fresh = await addDomain(deps, tenantA.id, { domain: 'fresh.a.test' });
txtRecords.set(fresh.domain, fresh.txtRecord);
let domainCounter = 0;
// A SCIM token and an API token of tenant A, which no caller of tenant B may see.
const scimTokenA = await createScimToken(deps, tenantA.id, { label: 'scim-a' });
await createApiToken(deps, tenantA.id, { name: 'perm-test-a', member: target.id });
// A snapshot of tenant A and a scan of it, for the compliance and evidence procedures.
const snapshotA = await runBackup(deps, {
  tenantId: tenantA.id,
  connectionId: connectionA.id,
  trigger: 'test',
  client: fakeIdp([
    { type: 'log_stream', id: '0Sl1', body: { id: '0Sl1', type: 'splunk_cloud_logstreaming', status: 'ACTIVE' } },
  ]),
});
const scanA = await runComplianceScan(deps, tenantA.id, { snapshotId: snapshotA.snapshotId });
const fingerprintA = (await getEvidenceKey(deps, tenantA.id)).fingerprint;
// Two snapshots of a connection of tenant A (one object changed between them) and an alert webhook,
// for the backups, snapshots, schedules and webhooks procedures. Jobs are recorded, not run.
const enqueued: string[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task) => {
    enqueued.push(task);
    return { jobId: String(enqueued.length) };
  },
};
const backupsConnection = await newConnection('okta-backups');
const backupsIdp = fakeIdp([{ type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } }]);
const backupOf = () =>
  runBackup(deps, { tenantId: tenantA.id, connectionId: backupsConnection.id, trigger: 'test', client: backupsIdp });
const firstA = await backupOf();
(backupsIdp.objects[0]!.body as { profile: { name: string } }).profile.name = 'Everyone (renamed)';
const secondA = await backupOf();
// A Google Workspace snapshot (one org unit, one policy) for the effective-settings procedure.
const googleConnection = await db
  .insertInto('connections')
  .values({
    tenant_id: tenantA.id,
    name: 'google-effective-settings',
    provider: 'google',
    org_url: 'https://admin.googleapis.com',
    directory_id: 'a.test',
    login_url: 'https://oauth2.googleapis.com/token',
    client_id: '1047',
    admin_email: 'admin@a.test',
    auth_kind: 'service_account',
    credentials_sealed: Buffer.from('test'),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const googleSnapshot = await runBackup(deps, {
  tenantId: tenantA.id,
  connectionId: googleConnection.id,
  trigger: 'test',
  client: fakeIdp([
    { type: 'orgUnit', id: 'r00t', body: { kind: 'admin#directory#orgUnit', orgUnitId: 'id:r00t', orgUnitPath: '/' } },
    {
      type: 'policy',
      id: 'p1',
      body: {
        name: 'policies/p1',
        type: 'ADMIN',
        setting: { type: 'settings/security.password', value: { minimumLength: 12 } },
        policyQuery: { orgUnit: 'orgUnits/r00t', sortOrder: 1 },
      },
    },
  ]),
});
let webhookCounter = 0;
const newWebhook = () =>
  createWebhook(deps, tenantA.id, {
    name: `hook-${webhookCounter++}`,
    url: 'https://hooks.a.example.com/x',
    events: ['objects.changed'],
  });
const webhookA = (await newWebhook()).webhook;
const emailA = (
  await createWebhook(deps, tenantA.id, {
    name: 'mail-a',
    kind: 'email',
    url: 'oncall@a.example.com',
    events: ['backup.failed'],
    digest: 'daily',
  })
).webhook;
const deliveryA = await testWebhook({ ...deps, jobs }, tenantA.id, { webhookId: emailA.id });

// Restore plans of tenant A: a computed one (empty: the fake IdP describes no types), and fresh
// ready ones for approve (risky, asked for by the operator, so any member is a second pair of eyes)
// and apply (no approval needed). Computed through the domain, as the job would.
const restorePlan = async (o: { needsApproval: boolean }) => {
  const plan = await createRestorePlan(deps, tenantA.id, { snapshotId: firstA.snapshotId });
  await previewRestore(deps, { tenantId: tenantA.id, planId: plan.id, client: backupsIdp });
  await db.updateTable('restore_plans').set({ needs_approval: o.needsApproval }).where('id', '=', plan.id).execute();
  return plan;
};
const planA = await restorePlan({ needsApproval: false });
// A connection whose snapshot holds one user, for the break-glass procedures: each call sets up the
// state it needs (declared or not) through the domain first, so every role starts from the same place.
const breakGlassConnection = await newConnection('okta-break-glass');
await runBackup(deps, {
  tenantId: tenantA.id,
  connectionId: breakGlassConnection.id,
  trigger: 'test',
  client: fakeIdp([
    { type: 'user', id: '00u1bg', body: { id: '00u1bg', status: 'ACTIVE', profile: { login: 'bg@a.test' } } },
  ]),
});
const breakGlassInput = { connectionId: breakGlassConnection.id, user: '00u1bg' };
// Compliance exceptions: each call asks for a fresh one (as the CLI would: no member, so any member may approve it).
let exceptionCounter = 0;
const exceptionInput = () => ({
  connectionId: connectionA.id,
  ruleId: 'OKTA-APP-000560',
  objectType: 'user',
  objectId: `00uEX${exceptionCounter++}`,
  rationale: 'Accepted for the permission test',
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
});
const freshException = () => requestException(deps, tenantA.id, exceptionInput());
const exceptionA = await freshException();

type Case = {
  /** The permission the product contract gives this procedure; a weakened declaration fails here. */
  permission: Permission;
  call: (c: ReturnType<typeof createCaller>) => Promise<unknown>;
  /** What a super_admin of tenant B gets when aiming at tenant A's data. */
  crossTenant: 'not_found' | ((result: unknown) => void);
};

const cases: Record<string, Case> = {
  'breakGlass.list': {
    permission: 'compliance.read',
    call: (c) => c.breakGlass.list({ connectionId: breakGlassConnection.id }),
    crossTenant: 'not_found',
  },
  'breakGlass.add': {
    permission: 'connection.manage',
    call: async (c) => {
      await removeBreakGlassAccount(deps, tenantA.id, breakGlassInput).catch(() => undefined);
      return c.breakGlass.add(breakGlassInput);
    },
    crossTenant: 'not_found',
  },
  'breakGlass.remove': {
    permission: 'connection.manage',
    call: async (c) => {
      await addBreakGlassAccount(deps, tenantA.id, breakGlassInput).catch(() => undefined);
      return c.breakGlass.remove(breakGlassInput);
    },
    crossTenant: 'not_found',
  },
  'exceptions.list': {
    permission: 'compliance.read',
    call: (c) => c.exceptions.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(exceptionA.id),
  },
  'exceptions.request': {
    permission: 'compliance.run',
    call: (c) => c.exceptions.request(exceptionInput()),
    crossTenant: 'not_found',
  },
  'exceptions.approve': {
    permission: 'connection.manage',
    call: async (c) => c.exceptions.approve({ id: (await freshException()).id }),
    crossTenant: 'not_found',
  },
  'exceptions.reject': {
    permission: 'connection.manage',
    call: async (c) => c.exceptions.reject({ id: (await freshException()).id, reason: 'no' }),
    crossTenant: 'not_found',
  },
  'exceptions.revoke': {
    permission: 'compliance.run',
    call: async (c) => c.exceptions.revoke({ id: (await freshException()).id }),
    crossTenant: 'not_found',
  },
  'restores.list': {
    permission: 'snapshot.read',
    call: (c) => c.restores.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(planA.id),
  },
  'restores.get': {
    permission: 'snapshot.read',
    call: (c) => c.restores.get({ planId: planA.id }),
    crossTenant: 'not_found',
  },
  'restores.preview': {
    permission: 'restore.preview',
    call: (c) => c.restores.preview({ snapshotId: firstA.snapshotId, scope: { types: ['group'] } }),
    crossTenant: 'not_found',
  },
  'restores.approve': {
    permission: 'restore.apply',
    call: async (c) => {
      const p = await restorePlan({ needsApproval: true });
      return c.restores.approve({ planId: p.id, confirm: p.short_code });
    },
    crossTenant: 'not_found',
  },
  'restores.applyPlan': {
    permission: 'restore.apply',
    call: async (c) =>
      c.restores.applyPlan({
        planId: (await restorePlan({ needsApproval: false })).id,
        confirmName: backupsConnection.name,
      }),
    crossTenant: 'not_found',
  },
  'restores.readiness': {
    permission: 'dashboard.view',
    call: (c) => c.restores.readiness(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(planA.id),
  },
  'connections.setWriteCredential': {
    permission: 'connection.manage',
    call: (c) =>
      c.connections.setWriteCredential({
        connectionId: connectionA.id,
        credentials: { kind: 'ssws', token: 'ssws-write-token-of-tenant-a' },
      }),
    crossTenant: 'not_found',
  },
  'setup.status': {
    permission: 'dashboard.view',
    call: (c) => c.setup.status(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toMatch(new RegExp(`${connectionA.id}|${snapshotA.snapshotId}`)),
  },
  'me.get': {
    permission: 'dashboard.view',
    call: (c) => c.me.get(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'members.list': {
    permission: 'member.read',
    call: (c) => c.members.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('@a.test'),
  },
  'members.setRole': {
    permission: 'member.manage',
    call: (c) => c.members.setRole({ memberId: target.id, role: 'auditor' }),
    crossTenant: 'not_found',
  },
  'members.deactivate': {
    permission: 'member.manage',
    call: (c) => c.members.deactivate({ memberId: target.id }),
    crossTenant: 'not_found',
  },
  'audit.list': {
    permission: 'audit.read',
    call: (c) => c.audit.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'audit.verify': {
    permission: 'audit.read',
    call: (c) => c.audit.verify(),
    crossTenant: (r) => expect(r).toMatchObject({ ok: true }),
  },
  'sso.get': {
    permission: 'sso.manage',
    call: (c) => c.sso.get(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toMatch(/a\.test|idp-a/),
  },
  'sso.set': {
    permission: 'sso.manage',
    call: (c) => c.sso.set({ issuer: 'https://idp.example.com', clientId: 'client', clientSecret: 'secret' }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'sso.addDomain': {
    permission: 'sso.manage',
    call: (c) => c.sso.addDomain({ domain: `d${domainCounter++}.added.test` }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'sso.removeDomain': {
    permission: 'sso.manage',
    call: (c) => c.sso.removeDomain({ domain: 'unused.a.test' }),
    crossTenant: 'not_found',
  },
  'sso.verifyDomain': {
    permission: 'sso.manage',
    call: (c) => c.sso.verifyDomain({ domain: 'fresh.a.test' }),
    crossTenant: 'not_found',
  },
  'sso.testConnection': {
    permission: 'sso.manage',
    call: (c) => c.sso.testConnection(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('idp-a'),
  },
  'sessions.list': {
    permission: 'token.own',
    call: (c) => c.sessions.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'sessions.endOthers': {
    permission: 'token.own',
    call: (c) => c.sessions.endOthers(),
    crossTenant: (r) => expect(r).toEqual({ ended: 0 }),
  },
  'recovery.recent': {
    permission: 'tenant.manage',
    call: (c) => c.recovery.recent(),
    crossTenant: (r) => expect(r).toEqual([]),
  },
  'connections.list': {
    permission: 'dashboard.view',
    call: (c) => c.connections.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(connectionA.id),
  },
  'connections.get': {
    permission: 'dashboard.view',
    call: (c) => c.connections.get({ connectionId: connectionA.id }),
    crossTenant: 'not_found',
  },
  'connections.add': {
    permission: 'connection.manage',
    call: (c) =>
      c.connections.add({
        name: `added-${connectionCounter++}`,
        orgUrl: 'https://b.okta.com',
        credentials: { kind: 'ssws', token: 'ssws-token-added' },
      }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('a.okta.com'),
  },
  'connections.addEntra': {
    permission: 'connection.manage',
    call: (c) =>
      c.connections.addEntra({
        name: `added-entra-${connectionCounter++}`,
        directoryId: '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93',
        clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b',
        credentials: { kind: 'client_secret', clientSecret: 'entra-secret-added' },
      }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('a.okta.com'),
  },
  'connections.addGoogle': {
    permission: 'connection.manage',
    call: (c) =>
      c.connections.addGoogle({
        name: `added-google-${connectionCounter++}`,
        primaryDomain: 'initech.example',
        adminEmail: 'ops-admin@initech.example',
        serviceAccountKey: googleServiceAccountKey(),
      }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('a.okta.com'),
  },
  'connections.test': {
    permission: 'connection.manage',
    call: (c) => c.connections.test({ connectionId: connectionA.id }),
    crossTenant: 'not_found',
  },
  'connections.update': {
    permission: 'connection.manage',
    call: (c) => c.connections.update({ connectionId: connectionA.id, name: 'okta-a' }),
    crossTenant: 'not_found',
  },
  'connections.pause': {
    permission: 'connection.manage',
    call: async (c) => c.connections.pause({ connectionId: (await newConnection()).id }),
    crossTenant: 'not_found',
  },
  'connections.setFreshness': {
    permission: 'connection.manage',
    call: (c) => c.connections.setFreshness({ connectionId: connectionA.id, enabled: true }),
    crossTenant: 'not_found',
  },
  'directorySync.status': {
    permission: 'dashboard.view',
    call: (c) => c.directorySync.status({ connectionId: googleA.id }),
    crossTenant: 'not_found',
  },
  'directorySync.run': {
    permission: 'connection.manage',
    call: (c) => c.directorySync.run({ connectionId: googleA.id }),
    crossTenant: 'not_found',
  },
  'directorySync.set': {
    permission: 'connection.manage',
    call: (c) => c.directorySync.set({ connectionId: googleA.id, groups: { admin: 'ops@a.test' } }),
    crossTenant: 'not_found',
  },
  'connections.rotateEventHookSecret': {
    permission: 'connection.manage',
    call: (c) => c.connections.rotateEventHookSecret({ connectionId: connectionA.id }),
    crossTenant: 'not_found',
  },
  'connections.resume': {
    permission: 'connection.manage',
    call: (c) => c.connections.resume({ connectionId: connectionA.id }),
    crossTenant: 'not_found',
  },
  'connections.remove': {
    permission: 'connection.manage',
    call: async (c) => {
      const doomed = await newConnection();
      return c.connections.remove({ connectionId: doomed.id, confirmName: doomed.name, keepSnapshots: false });
    },
    crossTenant: 'not_found',
  },
  // API tokens are the caller's own: each role mints one and revokes it; another tenant's are not found (domain test).
  'tokens.create': {
    permission: 'token.own',
    call: (c) => c.tokens.create({ name: 'perm-test', role: 'read_only' }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'tokens.list': {
    permission: 'token.own',
    call: (c) => c.tokens.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain('perm-test-a'),
  },
  'tokens.revoke': {
    permission: 'token.own',
    call: async (c) =>
      c.tokens.revoke({ tokenId: (await c.tokens.create({ name: 'perm-test-revoke', role: 'read_only' })).id }),
    crossTenant: (r) => expect(r).toMatchObject({ revoked: true }),
  },
  'scimTokens.list': {
    permission: 'scim.manage',
    call: (c) => c.scimTokens.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(scimTokenA.id),
  },
  'scimTokens.create': {
    permission: 'scim.manage',
    call: (c) => c.scimTokens.create({ label: 'perm-test' }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'scimTokens.revoke': {
    permission: 'scim.manage',
    call: async (c) => c.scimTokens.revoke({ tokenId: (await createScimToken(deps, tenantA.id, {})).id }),
    crossTenant: 'not_found',
  },
  'compliance.overview': {
    permission: 'compliance.read',
    call: (c) => c.compliance.overview(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(connectionA.id),
  },
  'compliance.findings': {
    permission: 'compliance.read',
    call: (c) => c.compliance.findings({ results: ['PASS', 'FAIL', 'MANUAL', 'NOT_APPLICABLE'] }),
    crossTenant: (r) => expect(r).toEqual([]),
  },
  'compliance.rule': {
    permission: 'compliance.read',
    call: (c) => c.compliance.rule({ ruleId: 'OKTA-APP-001430' }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(scanA.id),
  },
  'compliance.regressions': {
    permission: 'compliance.read',
    call: (c) => c.compliance.regressions({ scanId: scanA.id }),
    crossTenant: 'not_found',
  },
  'compliance.run': {
    permission: 'compliance.run',
    call: (c) => c.compliance.run({ snapshotId: snapshotA.snapshotId }),
    crossTenant: 'not_found',
  },
  'compliance.requestScan': {
    permission: 'compliance.run',
    call: (c) => c.compliance.requestScan({ connectionId: connectionA.id }),
    crossTenant: 'not_found',
  },
  'compliance.scanProgress': {
    permission: 'compliance.read',
    call: (c) => c.compliance.scanProgress({ connectionId: connectionA.id, since: new Date().toISOString() }),
    crossTenant: 'not_found',
  },
  'compliance.scans': {
    permission: 'compliance.read',
    call: (c) => c.compliance.scans(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(scanA.id),
  },
  'compliance.scan': {
    permission: 'compliance.read',
    call: (c) => c.compliance.scan({ scanId: scanA.id }),
    crossTenant: 'not_found',
  },
  'evidence.fingerprint': {
    permission: 'compliance.read',
    call: (c) => c.evidence.fingerprint(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(fingerprintA),
  },
  'evidence.export': {
    permission: 'evidence.export',
    call: (c) => c.evidence.export({ scanId: scanA.id, formats: ['json'] }),
    crossTenant: 'not_found',
  },
  'evidence.period': {
    permission: 'evidence.export',
    call: (c) =>
      c.evidence.period({ connection: connectionA.id, from: '2020-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' }),
    crossTenant: 'not_found',
  },
  'backups.run': {
    permission: 'backup.run',
    call: (c) => c.backups.run({ connectionId: backupsConnection.id }),
    crossTenant: 'not_found',
  },
  'backups.progress': {
    permission: 'dashboard.view',
    call: (c) => c.backups.progress({ connectionId: backupsConnection.id }),
    crossTenant: 'not_found',
  },
  'snapshots.list': {
    permission: 'dashboard.view',
    call: (c) => c.snapshots.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(firstA.snapshotId),
  },
  'snapshots.get': {
    permission: 'dashboard.view',
    call: (c) => c.snapshots.get({ snapshotId: firstA.snapshotId }),
    crossTenant: 'not_found',
  },
  'snapshots.objects': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.objects({ snapshotId: secondA.snapshotId, q: 'every' }),
    crossTenant: 'not_found',
  },
  'snapshots.object': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.object({ snapshotId: secondA.snapshotId, type: 'group', id: '00g1' }),
    crossTenant: 'not_found',
  },
  'snapshots.diff': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.diff({ from: firstA.snapshotId, to: secondA.snapshotId }),
    crossTenant: 'not_found',
  },
  'snapshots.history': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.history({ connectionId: backupsConnection.id, type: 'group', id: '00g1' }),
    crossTenant: 'not_found',
  },
  'snapshots.effectiveSettings': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.effectiveSettings({ snapshotId: googleSnapshot.snapshotId, orgUnit: '/' }),
    crossTenant: 'not_found',
  },
  'snapshots.credentials': {
    permission: 'snapshot.read',
    call: (c) => c.snapshots.credentials({ connectionId: backupsConnection.id }),
    crossTenant: 'not_found',
  },
  'schedules.get': {
    permission: 'dashboard.view',
    call: (c) => c.schedules.get({ connectionId: backupsConnection.id }),
    crossTenant: 'not_found',
  },
  'schedules.set': {
    permission: 'schedule.manage',
    call: (c) => c.schedules.set({ connectionId: backupsConnection.id, frequency: 'daily' }),
    crossTenant: 'not_found',
  },
  'webhooks.list': {
    permission: 'dashboard.view',
    call: (c) => c.webhooks.list(),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(webhookA.id),
  },
  'webhooks.create': {
    permission: 'schedule.manage',
    call: (c) =>
      c.webhooks.create({
        name: `created-${webhookCounter++}`,
        url: 'https://hooks.example.com/y',
        events: ['backup.failed'],
      }),
    crossTenant: (r) => expect(JSON.stringify(r)).not.toContain(tenantA.id),
  },
  'webhooks.remove': {
    permission: 'schedule.manage',
    call: async (c) => c.webhooks.remove({ webhookId: (await newWebhook()).webhook.id }),
    crossTenant: 'not_found',
  },
  'webhooks.test': {
    permission: 'schedule.manage',
    call: (c) => c.webhooks.test({ webhookId: webhookA.id }),
    crossTenant: 'not_found',
  },
  // An email channel is created and tested under the same permission as a webhook.
  'webhooks.delivery': {
    permission: 'dashboard.view',
    call: (c) => c.webhooks.delivery({ deliveryId: deliveryA.deliveryId }),
    crossTenant: 'not_found',
  },
  // The extension names the org by URL; tenant B has no connection to a.okta.com, so it finds nothing.
  'extension.status': {
    permission: 'snapshot.read',
    call: (c) => c.extension.status({ orgUrl: 'https://a-admin.okta.com', type: 'group', id: '00g1' }),
    crossTenant: 'not_found',
  },
  'extension.compare': {
    permission: 'snapshot.read',
    call: (c) =>
      c.extension.compare({
        orgUrl: 'https://a.okta.com',
        type: 'group',
        id: '00g1',
        body: { id: '00g1', profile: { name: 'Everyone' } },
      }),
    crossTenant: 'not_found',
  },
  'extension.snapshot': {
    permission: 'backup.run',
    call: (c) => c.extension.snapshot({ orgUrl: 'https://a.okta.com', type: 'group', id: '00g1' }),
    crossTenant: 'not_found',
  },
  'webhooks.deliveries': {
    permission: 'dashboard.view',
    call: (c) => c.webhooks.deliveries({ webhookId: webhookA.id }),
    crossTenant: (r) => expect(r).toEqual([]),
  },
};

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: Permission } } }>,
);

const callerFor = (tenantId: string, m: { id: string; email: string }, role: Role) =>
  createCaller(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId: 'perm-test',
      principal: { tenantId, memberId: m.id, email: m.email, role, via: 'test' },
      services,
      jobs,
    }),
  );

async function outcome(p: Promise<unknown>): Promise<{ code: string | 'OK'; value?: unknown }> {
  try {
    return { code: 'OK', value: await p };
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code };
    throw e;
  }
}

describe('permission matrix × procedures', () => {
  it('has a declared permission and a case for every procedure', () => {
    expect(procedures.length).toBeGreaterThan(0);
    for (const [path, proc] of procedures) {
      expect(proc._def.meta?.permission, `${path} declares no permission`).toBeDefined();
      expect(Object.keys(PERMISSIONS)).toContain(proc._def.meta!.permission);
      expect(cases[path], `${path} has no case in the permission test`).toBeDefined();
      expect(proc._def.meta!.permission, `${path} declares a different permission than the contract`).toBe(
        cases[path]!.permission,
      );
    }
  });

  for (const [path, proc] of procedures) {
    for (const role of ROLES) {
      it(`${path} as ${role}`, async () => {
        const permission = proc._def.meta!.permission!;
        const result = await outcome(cases[path]!.call(callerFor(tenantA.id, members[role], role)));
        if (roleHas(role, permission)) expect(result.code, `${role} should be allowed ${path}`).toBe('OK');
        else expect(result.code, `${role} should be denied ${path}`).toBe('FORBIDDEN');
      });
    }

    it(`${path} from another tenant`, async () => {
      const c = cases[path]!;
      const result = await outcome(c.call(callerFor(tenantB.id, outsider, 'super_admin')));
      if (c.crossTenant === 'not_found') expect(result.code).toBe('NOT_FOUND');
      else {
        expect(result.code).toBe('OK');
        c.crossTenant(result.value);
      }
    });
  }

  it('effective settings: the root org unit’s from its policy; an Okta snapshot is refused with VALIDATION', async () => {
    const c = callerFor(tenantA.id, members.admin, 'admin');
    const r = await c.snapshots.effectiveSettings({ snapshotId: googleSnapshot.snapshotId });
    expect(r.orgUnits).toEqual([
      {
        kind: 'orgUnit',
        id: 'r00t',
        name: '/',
        settings: [
          {
            type: 'security.password',
            value: { minimumLength: 12 },
            policyIds: ['p1'],
            sortOrder: 1,
            from: '/',
            inherited: false,
          },
        ],
      },
    ]);
    await expect(c.snapshots.effectiveSettings({ snapshotId: secondA.snapshotId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Effective settings exist for Google Workspace snapshots only',
    });
  });

  it('refuses anonymous callers', async () => {
    const anon = createCaller(
      createContext({ db, log: deps.log, keyring: deps.keyring, requestId: 'anon', principal: null }),
    );
    await expect(anon.me.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('queues the jobs of "Backup now" and "Send a test" (what the worker then runs)', () => {
    expect(enqueued).toContain('backup');
    expect(enqueued).toContain('webhook.deliver');
  });

  it('audit-logs every denial', async () => {
    const denied = await db
      .selectFrom('audit_events')
      .select(['data'])
      .where('tenant_id', '=', tenantA.id)
      .where('outcome', '=', 'denied')
      .execute();
    const expected = procedures.reduce(
      (n, [, p]) => n + ROLES.filter((r) => !roleHas(r, p._def.meta!.permission!)).length,
      0,
    );
    expect(denied.length).toBe(expected);
  });
});
