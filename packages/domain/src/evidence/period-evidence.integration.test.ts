import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.ts';
import { PERIOD, seedAuditPeriod } from '../testing/period-fixture.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { collectPeriodEvidence } from './collect-period-evidence.ts';
import { preparePeriodEvidenceExport } from './prepare-period-evidence-export.ts';

const { db } = await useTestDatabase();
const s = await seedAuditPeriod(testDeps(db));
const window = { connection: s.connectionId, from: PERIOD.from, to: PERIOD.to };

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error('expected a DomainError');
};

describe('period evidence', () => {
  it('lists both scans of the window, the regression with when it was fixed, the change with its actor, and the exceptions in force', async () => {
    const r = await collectPeriodEvidence(s.deps, s.tenant.id, window);
    expect(r.baseline?.scanId).toBe(s.baseline.id);
    expect(r.scans.map((x) => x.scanId)).toEqual([s.regressed.id, s.fixed.id]);
    expect(r.scans.map((x) => x.results.find((y) => y.ruleId === 'OKTA-APP-000650')!.result)).toEqual(['FAIL', 'PASS']);

    expect(r.regressions).toEqual([
      expect.objectContaining({
        ruleId: 'OKTA-APP-000650',
        previousScanId: s.baseline.id,
        scanId: s.regressed.id,
        regressedAt: PERIOD.regressedAt,
        fixedInScanId: s.fixed.id,
        fixedAt: PERIOD.fixedAt,
        timeToFixSeconds: PERIOD.timeToFixSeconds,
        changes: [
          expect.objectContaining({
            type: 'policy.PASSWORD',
            id: s.policyId,
            change: 'changed',
            actors: [expect.objectContaining({ actor: 'alice@acme.example' })],
          }),
        ],
      }),
    ]);
    // Both changes of the window, each with the one who made it and the value before → after.
    expect(
      r.changes.map((c) => [
        c.toScanId,
        c.type,
        c.actors.map((a) => a.actor),
        c.paths.map((p) => ['before' in p ? p.before : null, 'after' in p ? p.after : null]),
      ]),
    ).toEqual([
      [s.regressed.id, 'policy.PASSWORD', ['alice@acme.example'], [[15, 8]]],
      [s.fixed.id, 'policy.PASSWORD', ['bob@acme.example'], [[8, 15]]],
    ]);
    expect(r.changes[0]!.ruleIds).toContain('OKTA-APP-000650');

    // Revoked after the window ends: still in force as of its end, so the evidence of a past period does not move.
    expect(r.exceptions.map((e) => [e.id, e.ended])).toEqual([
      [s.exceptions.inForce.id, null],
      [s.exceptions.revokedLater.id, null],
    ]);
    expect(r.exceptions[0]).toMatchObject({
      ruleId: 'BUTTERFLY-RESTORE-READINESS',
      requestedBy: 'member:auditor@acme.example',
      approvedBy: 'member:admin@acme.example',
    });
    expect(r.summary).toMatchObject({
      scans: 2,
      regressions: 1,
      fixed: 1,
      open: 0,
      medianTimeToFixSeconds: PERIOD.timeToFixSeconds,
      changes: 2,
      changesWithActor: 2,
      exceptionsInForce: 2,
      failingAtEnd: ['BUTTERFLY-RESTORE-READINESS'],
    });
    expect(
      r.summary.controls.find((c) => c.ruleIds.includes('OKTA-APP-000650') && c.framework === 'soc2'),
    ).toMatchObject({ scansFailing: expect.any(Number), regressions: 1 });
    expect(r.summary.notes).toEqual([]);
  });

  it('shows an exception revoked inside the window as ended, by whom and why', async () => {
    const r = await collectPeriodEvidence(s.deps, s.tenant.id, { ...window, to: '2026-11-15T00:00:00Z' });
    expect(r.exceptions.find((e) => e.id === s.exceptions.revokedLater.id)!.ended).toEqual({
      at: '2026-11-01T00:00:00.000Z',
      how: 'revoked',
      by: 'member:admin@acme.example',
      reason: 'Drill plan approved',
    });
    expect(r.summary.notes).toContain(
      'The window had not ended when this was exported: scans made later are not in it.',
    );
  });

  it('finds the connection by name, and gives the same record when collected again', async () => {
    const a = await collectPeriodEvidence(s.deps, s.tenant.id, window);
    expect(await collectPeriodEvidence(s.deps, s.tenant.id, { ...window, connection: 'Production' })).toEqual(a);
  });

  it('accepts a window without scans and says so', async () => {
    const r = await collectPeriodEvidence(s.deps, s.tenant.id, { ...window, from: '2026-10-13T00:00:00Z' });
    expect(r.scans).toEqual([]);
    expect(r.baseline?.scanId).toBe(s.fixed.id);
    expect(r.summary.notes).toContain(
      'No compliance scan of this connection was made of a snapshot taken in this window.',
    );
    expect(r.summary.failingAtEnd).toEqual(['BUTTERFLY-RESTORE-READINESS']);
  });

  it('refuses a window that ends before it starts, an unreadable date, and an unknown or foreign connection', async () => {
    expect(
      await codeOf(collectPeriodEvidence(s.deps, s.tenant.id, { ...window, from: PERIOD.to, to: PERIOD.from })),
    ).toEqual({ code: 'VALIDATION', fields: { to: 'must be after from' } });
    expect(await codeOf(collectPeriodEvidence(s.deps, s.tenant.id, { ...window, from: 'last tuesday' }))).toMatchObject(
      { code: 'VALIDATION', fields: { from: expect.stringContaining('ISO 8601') } },
    );
    // A time without its offset would mean another window on a server in another zone.
    expect(
      await codeOf(collectPeriodEvidence(s.deps, s.tenant.id, { ...window, to: '2026-10-31T00:00:00' })),
    ).toMatchObject({ code: 'VALIDATION', fields: { to: expect.stringContaining('offset') } });
    expect(
      (
        await collectPeriodEvidence(s.deps, s.tenant.id, {
          ...window,
          from: '2026-10-05',
          to: '2026-10-31T02:00:00+02:00',
        })
      ).window,
    ).toEqual({ from: PERIOD.from, to: PERIOD.to });
    expect(
      await codeOf(collectPeriodEvidence(s.deps, s.tenant.id, { ...window, from: '2020-01-01T00:00:00Z' })),
    ).toMatchObject({ code: 'VALIDATION', fields: { to: expect.stringContaining('731 days') } });
    expect((await codeOf(collectPeriodEvidence(s.deps, s.tenant.id, { ...window, connection: 'Staging' }))).code).toBe(
      'NOT_FOUND',
    );
    const other = await seedTenant(s.deps);
    expect((await codeOf(collectPeriodEvidence(s.deps, other.id, window))).code).toBe('NOT_FOUND');
  });

  it('needs evidence.export: an auditor may, a read-only member may not; the export is audit-logged', async () => {
    const readOnly = { ...s.deps, actor: memberActor(s.tenant.id, await seedMember(s.deps, s.tenant.id, 'read_only')) };
    expect((await codeOf(collectPeriodEvidence(readOnly, s.tenant.id, window))).code).toBe('FORBIDDEN');
    const auditor = { ...s.deps, actor: memberActor(s.tenant.id, await seedMember(s.deps, s.tenant.id, 'auditor')) };
    const { record, fingerprint } = await preparePeriodEvidenceExport(auditor, s.tenant.id, window);
    expect(record.scans).toHaveLength(2);
    const logged = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'data'])
      .where('tenant_id', '=', s.tenant.id)
      .where('action', '=', 'evidence.period_exported')
      .execute();
    expect(logged).toEqual([
      {
        action: 'evidence.period_exported',
        target_id: s.connectionId,
        data: expect.objectContaining({ fingerprint, from: PERIOD.from, to: PERIOD.to, scans: 2 }),
      },
    ]);
  });
});
