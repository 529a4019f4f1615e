import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { JobQueue } from '../deps.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import { openWebhookDelivery } from '../webhooks/open-webhook-delivery.ts';
import { approveException } from './approve-exception.ts';
import { expireDueExceptions } from './expire-due-exceptions.ts';
import { listExceptions } from './list-exceptions.ts';
import { rejectException } from './reject-exception.ts';
import { requestException } from './request-exception.ts';
import { revokeException } from './revoke-exception.ts';

const { db } = await useTestDatabase();
const jobs: JobQueue = { enqueue: async () => ({ jobId: '1' }) };
const DAY = 86_400_000;
const start = Date.parse('2026-12-06T12:00:00Z');
let now = start;
const deps = { ...testDeps(db), clock: () => new Date(now), jobs };
const RULE = 'OKTA-APP-000560';
const inDays = (d: number) => new Date(start + d * DAY).toISOString();

async function setup() {
  now = start;
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id);
  const as = async (role: 'super_admin' | 'admin' | 'auditor' | 'backup_operator' | 'read_only') => ({
    ...deps,
    actor: memberActor(t.id, await seedMember(deps, t.id, role)),
  });
  return { tenantId: t.id, connectionId, as };
}

const audit = (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'target_id'])
    .where('tenant_id', '=', tenantId)
    .where('action', 'like', 'compliance.exception%')
    .orderBy('seq')
    .execute();

describe('compliance exceptions', () => {
  it('are requested, approved by a second member, listed, revoked, and every step is audited', async () => {
    const s = await setup();
    const auditor = await s.as('auditor');
    const admin = await s.as('admin');
    const ex = await requestException(auditor, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: RULE,
      objectType: 'user',
      objectId: '00u1',
      rationale: 'Service account, compensated by IP zone',
      expiresAt: inDays(30),
    });
    expect(ex).toMatchObject({
      status: 'requested',
      scope: { objectType: 'user', objectId: '00u1' },
      requestedBy: expect.stringMatching(/^member:/),
      approvedBy: null,
    });
    await expect(
      requestException(auditor, s.tenantId, {
        connectionId: s.connectionId,
        ruleId: RULE,
        objectType: 'user',
        objectId: '00u1',
        rationale: 'Same scope again, refused',
        expiresAt: inDays(10),
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const approved = await approveException(admin, s.tenantId, { id: ex.id });
    expect(approved).toMatchObject({
      status: 'active',
      approvedBy: expect.stringMatching(/^member:/),
      approvedAt: new Date(start).toISOString(),
    });
    await expect(approveException(admin, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      (await listExceptions(auditor, s.tenantId, { connectionId: s.connectionId, status: 'active' })).map((e) => e.id),
    ).toEqual([ex.id]);
    const revoked = await revokeException(auditor, s.tenantId, { id: ex.id, reason: 'fixed in Okta' });
    expect(revoked).toMatchObject({ status: 'revoked', closeReason: 'fixed in Okta' });
    await expect(revokeException(auditor, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    const whole = await requestException(admin, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: RULE,
      rationale: 'Whole rule accepted for the migration',
      expiresAt: inDays(5),
    });
    expect(whole.scope).toBeNull();
    expect(await rejectException(await s.as('super_admin'), s.tenantId, { id: whole.id, reason: 'no' })).toMatchObject({
      status: 'rejected',
    });
    expect((await audit(s.tenantId)).map((a) => a.action)).toEqual([
      'compliance.exception_requested',
      'compliance.exception_approved',
      'compliance.exception_revoked',
      'compliance.exception_requested',
      'compliance.exception_rejected',
    ]);
  });

  it('refuse self-approval, approval by the CLI or past expiry, and bad input, changing nothing', async () => {
    const s = await setup();
    const admin = await s.as('admin');
    const ex = await requestException(admin, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: RULE,
      rationale: 'Accepted while we migrate',
      expiresAt: inDays(1),
    });
    await expect(approveException(admin, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    await expect(approveException(deps, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    now = start + 2 * DAY;
    await expect(approveException(await s.as('super_admin'), s.tenantId, { id: ex.id })).rejects.toMatchObject({
      code: 'EXCEPTION_EXPIRED',
    });
    const bad = { connectionId: s.connectionId, ruleId: RULE, rationale: 'Accepted while we migrate' };
    await expect(
      requestException(admin, s.tenantId, { ...bad, expiresAt: new Date(now - 1000).toISOString() }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { expiresAt: 'must be in the future' } });
    await expect(
      requestException(admin, s.tenantId, { ...bad, expiresAt: new Date(now + 367 * DAY).toISOString() }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { expiresAt: 'must be at most a year ahead' } });
    await expect(requestException(admin, s.tenantId, { ...bad, expiresAt: 'tomorrow' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { expiresAt: expect.any(String) },
    });
    await expect(
      requestException(admin, s.tenantId, { ...bad, ruleId: 'NOPE-1', expiresAt: inDays(10) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { ruleId: expect.any(String) } });
    await expect(
      requestException(admin, s.tenantId, { ...bad, rationale: 'short', expiresAt: inDays(10) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { rationale: expect.any(String) } });
    await expect(
      requestException(admin, s.tenantId, { ...bad, objectType: 'user', expiresAt: inDays(10) }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { objectId: expect.any(String) } });
    expect(await listExceptions(admin, s.tenantId)).toHaveLength(1);
    expect((await listExceptions(admin, s.tenantId))[0]).toMatchObject({ status: 'requested' });
  });

  it('follow the matrix: auditors ask, admins approve, read-only and backup operators only read; other tenants see nothing', async () => {
    const s = await setup();
    const readOnly = await s.as('read_only');
    const operator = await s.as('backup_operator');
    const auditor = await s.as('auditor');
    const input = {
      connectionId: s.connectionId,
      ruleId: RULE,
      rationale: 'Accepted while we migrate',
      expiresAt: inDays(10),
    };
    await expect(requestException(readOnly, s.tenantId, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestException(operator, s.tenantId, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ex = await requestException(auditor, s.tenantId, input);
    await expect(approveException(await s.as('auditor'), s.tenantId, { id: ex.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(rejectException(await s.as('auditor'), s.tenantId, { id: ex.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(revokeException(readOnly, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await listExceptions(readOnly, s.tenantId)).toHaveLength(1);

    const other = await seedTenant(deps);
    const otherAdmin = { ...deps, actor: memberActor(other.id, await seedMember(deps, other.id, 'admin')) };
    await expect(approveException(otherAdmin, other.id, { id: ex.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revokeException(otherAdmin, other.id, { id: ex.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(requestException(otherAdmin, other.id, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listExceptions(otherAdmin, other.id)).toEqual([]);
    await expect(approveException(otherAdmin, s.tenantId, { id: ex.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('expire when due, once, with an exception.expired alert (and exception.expiring a week before), audited', async () => {
    const s = await setup();
    const admin = await s.as('admin');
    const superAdmin = await s.as('super_admin');
    const { webhook } = await createWebhook(admin, s.tenantId, {
      name: 'exceptions',
      url: 'https://hooks.example.com/x',
      events: ['exception.expired', 'exception.expiring'],
    });
    const ex = await requestException(admin, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: RULE,
      objectType: 'user',
      objectId: '00u1',
      rationale: 'Accepted for ten days',
      expiresAt: inDays(10),
    });
    await approveException(superAdmin, s.tenantId, { id: ex.id });
    const stale = await requestException(admin, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: RULE,
      rationale: 'Never approved in time',
      expiresAt: inDays(1),
    });
    const system = { ...deps, actor: { kind: 'system' as const, label: 'test' } };

    expect(await expireDueExceptions(system)).toMatchObject({ expired: 0, expiring: 0 });
    now = start + 4 * DAY;
    expect(await expireDueExceptions(system, { tenantId: s.tenantId })).toMatchObject({
      expired: 1,
      expiring: 1,
      alerts: 1,
    });
    expect(await expireDueExceptions(system, { tenantId: s.tenantId })).toMatchObject({
      expired: 0,
      expiring: 0,
      alerts: 0,
    });
    now = start + 10 * DAY;
    expect(await expireDueExceptions(system, { tenantId: s.tenantId })).toMatchObject({ expired: 1, alerts: 1 });
    expect(await expireDueExceptions(system, { tenantId: s.tenantId })).toMatchObject({ expired: 0, alerts: 0 });

    const statuses = await listExceptions(admin, s.tenantId);
    expect(statuses.map((e) => [e.id, e.status])).toEqual(
      expect.arrayContaining([
        [ex.id, 'expired'],
        [stale.id, 'expired'],
      ]),
    );
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select(['id', 'event', 'summary'])
      .where('webhook_id', '=', webhook.id)
      .orderBy('created_at')
      .execute();
    expect(deliveries.map((d) => d.event)).toEqual(['exception.expiring', 'exception.expired']);
    expect(deliveries[1]!.summary).toMatch(/1 compliance exception expired in .*: the finding is open again/);
    const opened = await openWebhookDelivery(deps, { tenantId: s.tenantId, deliveryId: deliveries[1]!.id });
    expect(JSON.parse(opened!.body).butterfly).toMatchObject({
      event: 'exception.expired',
      exceptions: [{ id: ex.id, ruleId: RULE, scope: { objectType: 'user', objectId: '00u1' } }],
    });
    expect(
      (await audit(s.tenantId)).filter((a) => a.action === 'compliance.exception_expired').map((a) => a.target_id),
    ).toEqual([stale.id, ex.id]);
    await expect(expireDueExceptions(await s.as('read_only'), { tenantId: s.tenantId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
