import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { accessRule } from '../compliance/testing/policy-fixtures.ts';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { JobQueue } from '../deps.ts';
import type { IdpObject } from '../idp/types.ts';
import { getScan } from '../scans/get-scan.ts';
import { loadScanRecord } from '../scans/load-scan-record.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createWebhook } from '../webhooks/create-webhook.ts';
import { approveException } from './approve-exception.ts';
import { listExceptions } from './list-exceptions.ts';
import { requestException } from './request-exception.ts';

const { db } = await useTestDatabase();
const queued: string[] = [];
const jobs: JobQueue = {
  enqueue: async (_db, task) => {
    queued.push(task);
    return { jobId: String(queued.length) };
  },
};
let now = Date.parse('2026-12-06T12:00:00Z');
const deps = { ...testDeps(db), clock: () => new Date(now), jobs };
const MINUTE = 60_000;

/** The fixture org plus an Admin Console rule letting a service user in with one factor: OKTA-APP-000560 fails naming that rule. */
function orgObjects(): IdpObject[] {
  const org = compliantOrg();
  org.user!.push({
    id: '00u1svc',
    body: { id: '00u1svc', status: 'ACTIVE', profile: { login: 'svc@acme.example' }, type: { id: 'oty1default' } },
  });
  const rule = accessRule('rst1admin', 'rul1weak', {
    priority: 0,
    verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', constraints: [] },
  });
  (rule.body as { conditions: unknown }).conditions = { people: { users: { include: ['00u1svc'] } } };
  org['policy.ACCESS_POLICY.rule']!.push(rule);
  const objs = Object.entries(org).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));
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

async function setup() {
  const t = await seedTenant(deps);
  const connectionId = await seedConnection(deps, t.id, 'Production');
  const requester = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'auditor')) };
  const approver = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
  const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: fakeIdp(orgObjects()) });
  const { webhook } = await createWebhook(approver, t.id, {
    name: 'exceptions',
    url: 'https://hooks.example.com/x',
    events: ['exception.expired'],
  });
  const scan = async () => {
    const s = await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId });
    const { results } = await getScan(deps, t.id, { scanId: s.id });
    return { scan: s, results, result: (ruleId: string) => results.find((r) => r.ruleId === ruleId)! };
  };
  const accept = async (input: { ruleId: string; objectType?: string; objectId?: string; minutes: number }) => {
    const { minutes, ...rest } = input;
    const ex = await requestException(requester, t.id, {
      connectionId,
      rationale: 'Accepted while the migration runs',
      expiresAt: new Date(now + minutes * MINUTE).toISOString(),
      ...rest,
    });
    return approveException(approver, t.id, { id: ex.id });
  };
  return { tenantId: t.id, connectionId, webhookId: webhook.id, scan, accept, requester };
}

describe('scans and compliance exceptions', () => {
  it('an exception with a one-minute expiry annotates the failure, then reopens it on the next scan and sends the alert', async () => {
    const s = await setup();
    const before = await s.scan();
    expect(before.result('BUTTERFLY-RESTORE-READINESS')).toMatchObject({ result: 'FAIL' });
    expect(before.result('BUTTERFLY-RESTORE-READINESS').exceptions).toBeUndefined();
    expect(before.scan.counts.accepted).toBeUndefined();

    const ex = await s.accept({ ruleId: 'BUTTERFLY-RESTORE-READINESS', minutes: 1 });
    const during = await s.scan();
    // The failure stays a failure, carried with who accepted it, why and until when; the score is unchanged.
    expect(during.result('BUTTERFLY-RESTORE-READINESS')).toMatchObject({
      result: 'FAIL',
      accepted: true,
      exceptions: [
        {
          id: ex.id,
          scope: null,
          rationale: 'Accepted while the migration runs',
          expiresAt: ex.expiresAt,
          requestedBy: ex.requestedBy,
          approvedBy: ex.approvedBy,
        },
      ],
    });
    expect(during.scan.counts).toMatchObject({ FAIL: before.scan.counts.FAIL, accepted: 1 });
    expect(during.scan.score).toBe(before.scan.score);
    expect((await loadScanRecord(db, s.tenantId, during.scan.id)).counts.accepted).toBe(1);

    now += 2 * MINUTE;
    const after = await s.scan();
    expect(after.result('BUTTERFLY-RESTORE-READINESS')).toMatchObject({ result: 'FAIL' });
    expect(after.result('BUTTERFLY-RESTORE-READINESS').exceptions).toBeUndefined();
    expect(after.scan.counts.accepted).toBeUndefined();
    expect((await listExceptions(s.requester, s.tenantId)).map((e) => e.status)).toEqual(['expired']);
    const deliveries = await db
      .selectFrom('webhook_deliveries')
      .select(['event', 'summary'])
      .where('webhook_id', '=', s.webhookId)
      .execute();
    expect(deliveries).toEqual([
      { event: 'exception.expired', summary: expect.stringContaining('1 compliance exception expired in Production') },
    ]);
    expect(queued).toContain('webhook.deliver');
    // The earlier scan keeps the exception as it was when it ran.
    expect(
      (await getScan(deps, s.tenantId, { scanId: during.scan.id })).results.find(
        (r) => r.ruleId === 'BUTTERFLY-RESTORE-READINESS',
      ),
    ).toMatchObject({ accepted: true });
  });

  it('an object exception on the one object a result fails on accepts it; the objects that passed need none (decision 041)', async () => {
    const s = await setup();
    const failing = (await s.scan()).result('OKTA-APP-000560');
    expect(failing.result).toBe('FAIL');
    const objects = [
      ...new Set(failing.evidence.filter((e) => e.type !== 'readiness').map((e) => `${e.type} ${e.id}`)),
    ];
    // Evidence names every object the rule read, the compliant ones too, by name; only the weak rule is marked failing.
    expect(objects).toContain('policy.ACCESS_POLICY.rule rst1admin/rul1weak');
    expect(objects.length).toBeGreaterThan(1);
    // The stored result names the STIG text it was judged against, and the record an export renders keeps it.
    expect(failing.stigRuleId).toBe('SV-273193r1098846_rule');
    const record = await loadScanRecord(db, s.tenantId, (await s.scan()).scan.id);
    expect(record.results.find((r) => r.ruleId === 'OKTA-APP-000560')?.stigRuleId).toBe('SV-273193r1098846_rule');
    expect(record.results.find((r) => r.ruleId === 'BUTTERFLY-RESTORE-READINESS')?.stigRuleId).toBeUndefined();
    const failed = failing.evidence.filter((e) => e.failed);
    expect(new Set(failed.map((e) => e.id))).toEqual(new Set(['rst1admin/rul1weak']));
    expect(failed[0]!.name).toMatch(/ › /);
    // An exception for an object the result does not fail on changes nothing.
    const other = objects.find((o) => !o.endsWith('rul1weak'))!.split(' ') as [string, string];
    await s.accept({ ruleId: 'OKTA-APP-000560', objectType: other[0], objectId: other[1], minutes: 60 });
    await s.accept({ ruleId: 'OKTA-APP-000560', objectType: 'user', objectId: '00uNOBODY', minutes: 60 });
    const untouched = (await s.scan()).result('OKTA-APP-000560');
    expect(untouched.exceptions).toBeUndefined();
    expect(untouched.accepted).toBeUndefined();
    const ex = await s.accept({
      ruleId: 'OKTA-APP-000560',
      objectType: 'policy.ACCESS_POLICY.rule',
      objectId: 'rst1admin/rul1weak',
      minutes: 60,
    });
    const accepted = await s.scan();
    expect(accepted.result('OKTA-APP-000560')).toMatchObject({
      result: 'FAIL',
      accepted: true,
      exceptions: [{ id: ex.id, scope: { objectType: 'policy.ACCESS_POLICY.rule', objectId: 'rst1admin/rul1weak' } }],
    });
    expect(accepted.scan.counts.accepted).toBe(1);
  });

  it('a requested but unapproved exception changes nothing', async () => {
    const s = await setup();
    await requestException(s.requester, s.tenantId, {
      connectionId: s.connectionId,
      ruleId: 'BUTTERFLY-RESTORE-READINESS',
      rationale: 'Nobody approved this one',
      expiresAt: new Date(now + 60 * MINUTE).toISOString(),
    });
    const r = (await s.scan()).result('BUTTERFLY-RESTORE-READINESS');
    expect(r.exceptions).toBeUndefined();
    expect(r.accepted).toBeUndefined();
  });
});
