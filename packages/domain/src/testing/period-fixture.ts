import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { Deps } from '../deps.ts';
import { approveException } from '../exceptions/approve-exception.ts';
import { requestException } from '../exceptions/request-exception.ts';
import { revokeException } from '../exceptions/revoke-exception.ts';
import type { IdpLogEvent, IdpObject } from '../idp/types.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from './fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant } from './fixtures.ts';

/** The rule fixtures' compliant org as an IdP lists it, with the app → policy links kept as mapping rows. */
function orgObjects(): IdpObject[] {
  const objs = Object.entries(compliantOrg()).flatMap(([type, list]) =>
    list.map((o) => ({ type, id: o.id, body: o.body })),
  );
  const mappings = [
    ['rst1admin', '0oa1saasure'],
    ['rst1dash', '0oa1enduser'],
    ['rst1apps', '0oa1payroll'],
  ].map(([p, a]) => ({
    type: 'policy.ACCESS_POLICY.mapping',
    id: `${p}/${a}`,
    body: { id: a, _links: { application: { href: `https://acme.okta.com/api/v1/apps/${a}` } } },
    linksAreData: true,
  }));
  return [...objs, ...mappings];
}

/** The audit period the fixture builds (decision 040's example): a baseline before it, two scans in it. */
export const PERIOD = {
  baselineAt: '2026-10-01T00:00:00.000Z',
  from: '2026-10-05T00:00:00.000Z',
  regressedAt: '2026-10-10T09:00:00.000Z',
  fixedAt: '2026-10-12T15:30:00.000Z',
  to: '2026-10-31T00:00:00.000Z',
  exportedAt: '2026-11-02T00:00:00.000Z',
  /** 2 d 6 h 30 min. */
  timeToFixSeconds: 196_200,
} as const;

const logEvent = (id: string, actor: string, eventType: string, targets: string[], at: string): IdpLogEvent => ({
  id,
  published: at,
  eventType,
  actor: { id: `00u-${actor}`, type: 'User', alternateId: actor, displayName: actor },
  targets: targets.map((t) => ({ id: t, type: 'PolicyEntity' })),
});

/**
 * A connection with a scan before the window (password minimum length 15: OKTA-APP-000650 passes),
 * then in the window alice lowers it to 8 (the next scan regresses) and bob raises it back (the scan
 * after that fixes it), as the System Log records them. A restore-readiness exception is in force
 * throughout; another (admin console sign-in) is revoked after the window ends. The clock is `deps.clock`, moved by `at`.
 */
export async function seedAuditPeriod(base: Deps, slug?: string) {
  let now = Date.parse(PERIOD.baselineAt);
  const deps: Deps = { ...base, clock: () => new Date(now) };
  const at = (iso: string) => {
    now = Date.parse(iso);
  };
  const tenant = await seedTenant(deps, slug);
  const connectionId = await seedConnection(deps, tenant.id, 'Production');
  const requester = {
    ...deps,
    actor: memberActor(tenant.id, await seedMember(deps, tenant.id, 'auditor', 'auditor@acme.example')),
  };
  const approver = {
    ...deps,
    actor: memberActor(tenant.id, await seedMember(deps, tenant.id, 'admin', 'admin@acme.example')),
  };
  const client = fakeIdp(orgObjects());
  const backupAndScan = async () => {
    const snap = await runBackup(deps, { tenantId: tenant.id, connectionId, trigger: 'test', client });
    return runComplianceScan(deps, tenant.id, { snapshotId: snap.snapshotId });
  };
  const accept = async (ruleId: string, rationale: string, days: number) => {
    const ex = await requestException(requester, tenant.id, {
      connectionId,
      ruleId,
      rationale,
      expiresAt: new Date(now + days * 86_400_000).toISOString(),
    });
    const approved = await approveException(approver, tenant.id, { id: ex.id });
    // One minute apart, so the bundle's order (approval time, then id) is the order they were approved in.
    now += 60_000;
    return approved;
  };
  const inForce = await accept(
    'BUTTERFLY-RESTORE-READINESS',
    'Restore drills start after the migration to the new org',
    120,
  );
  const revokedLater = await accept(
    'OKTA-APP-000560',
    'Service accounts move to phishing-resistant factors; revoked in November',
    90,
  );
  const baseline = await backupAndScan();

  const policy = client.objects.find((o) => o.type === 'policy.PASSWORD')!;
  const minLength = (n: number) => {
    (
      policy.body as { settings: { password: { complexity: { minLength: number } } } }
    ).settings.password.complexity.minLength = n;
  };
  minLength(8);
  client.events.push(
    logEvent('ev1', 'alice@acme.example', 'policy.lifecycle.update', [policy.id], '2026-10-10T08:00:00.000Z'),
  );
  at(PERIOD.regressedAt);
  const regressed = await backupAndScan();

  minLength(15);
  client.events.push(
    logEvent('ev2', 'bob@acme.example', 'policy.lifecycle.update', [policy.id], '2026-10-12T14:45:00.000Z'),
  );
  at(PERIOD.fixedAt);
  const fixed = await backupAndScan();

  at('2026-11-01T00:00:00.000Z');
  await revokeException(approver, tenant.id, { id: revokedLater.id, reason: 'Drill plan approved' });
  at(PERIOD.exportedAt);
  return {
    deps,
    tenant,
    connectionId,
    policyId: policy.id,
    baseline,
    regressed,
    fixed,
    exceptions: { inForce, revokedLater },
  };
}
