import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { addBreakGlassAccount } from '../break-glass/add-break-glass-account.ts';
import { RULESET_VERSION } from '../compliance/engine.ts';
import { TAKEN_AT, compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { IdpObject } from '../idp/types.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { seedConnection, seedTenant, testDeps } from '../testing/fixtures.ts';
import { runComplianceScan } from './run-compliance-scan.ts';

/**
 * The stored results of a scan, byte for byte, against a golden set taken from the scan as it was
 * before decision 051 made it fast: a change to how a snapshot is read (which types, projections,
 * batching) must not change one byte of what a scan stores. The org is large enough that users and
 * group memberships take the streamed path (more than one page, beyond the in-memory cache), with
 * users of every shape the lifecycle count meets, break-glass accounts found deep in the user list
 * and an API token whose owner is one of the streamed users.
 *
 * A deliberate change to a rule (a new RULESET_VERSION) regenerates the file:
 * `UPDATE_SCAN_GOLDEN=1 pnpm --filter @butterfly/domain exec vitest run src/scans/scan-results-golden.integration.test.ts`.
 */
const GOLDEN = new URL('./scan-results.golden.json', import.meta.url);
const USERS = 6200;
const DAY = 86_400_000;
const STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'STAGED', 'PROVISIONED'];

const { db } = await useTestDatabase();
const deps = { ...testDeps(db), clock: () => new Date(TAKEN_AT) };

const userId = (i: number) => `00u${i.toString(36).padStart(17, '0')}`;

/** Users of every shape: recent and dormant sign-ins, never signed in, no field, a malformed date, a number. */
function user(i: number): IdpObject {
  const id = userId(i);
  const login = `user${i}@acme.test`;
  const body: Record<string, unknown> = {
    id,
    status: STATUSES[i % STATUSES.length],
    created: new Date(TAKEN_AT.getTime() - ((i * 31) % 400) * DAY).toISOString(),
    type: { id: i % 97 === 0 ? 'oty1service' : 'oty1default' },
    profile: { login, email: login, firstName: `First${i}`, lastName: `Last${i}`, department: `D${i % 7}` },
    credentials: { emails: [{ value: login, status: 'VERIFIED', type: 'PRIMARY' }] },
  };
  const shape = i % 11;
  if (shape === 0) body.lastLogin = null;
  else if (shape === 1) body.lastLogin = 'not a date';
  else if (shape === 2) body.lastLogin = 1_700_000_000_000;
  else if (shape !== 3) body.lastLogin = new Date(TAKEN_AT.getTime() - ((i * 7919) % 90) * DAY - i).toISOString();
  return { type: 'user', id, body };
}

function orgObjects(): IdpObject[] {
  const objects: IdpObject[] = Object.entries(compliantOrg()).flatMap(([type, list]) =>
    list.map((o) => ({ type, id: o.id, body: o.body })),
  );
  for (const [policy, app] of [
    ['rst1admin', '0oa1saasure'],
    ['rst1dash', '0oa1enduser'],
    ['rst1apps', '0oa1payroll'],
  ]) {
    objects.push({
      type: 'policy.ACCESS_POLICY.mapping',
      id: `${policy}/${app}`,
      body: { id: app, _links: { application: { href: `https://acme.okta.com/api/v1/apps/${app}` } } },
      linksAreData: true,
    });
  }
  for (let i = 0; i < USERS; i++) objects.push(user(i));
  // A token owned by a person (a streamed user): a FAIL that names it.
  objects.push({
    type: 'api_token',
    id: '00T1person',
    body: {
      id: '00T1person',
      name: 'Someone’s script',
      userId: userId(5800),
      tokenWindow: 'P30D',
      network: { connection: 'ZONE', include: ['nzo1corp'] },
    },
  });
  const groups: [string, string, string, string[]][] = [
    ['00g1everyone', 'BUILT_IN', 'Everyone', Array.from({ length: USERS }, (_, i) => userId(i))],
    ['00g1eng', 'OKTA_GROUP', 'Engineering', [userId(5900), userId(12), userId(13)]],
    ['00g1glass', 'OKTA_GROUP', 'Break glass', [userId(5900), '00u1alice']],
  ];
  for (const [id, type, name, members] of groups) {
    objects.push({ type: 'group', id, body: { id, type, profile: { name } } });
    for (const m of members) objects.push({ type: 'group.member', id: `${id}/${m}`, body: { id: m } });
  }
  return objects;
}

/**
 * What the scan stored, as Postgres gives it back: every column of every result, json as its text.
 * The connection's id (random per run; readiness evidence names it) reads `<connection>`.
 */
async function storedScan(scanId: string, connectionId: string) {
  const scan = await sql<{ counts: string; ruleset_version: string }>`
    select counts::text as counts, ruleset_version from scans where id = ${scanId}`.execute(db);
  const results = await sql<Record<string, unknown>>`
    select rule_id, title, severity, frameworks::text as frameworks, stig_rule_id, result, reason,
           evidence::text as evidence, exceptions::text as exceptions, accepted
    from scan_results where scan_id = ${scanId} order by rule_id`.execute(db);
  const fixed = (v: unknown) => (typeof v === 'string' ? v.replaceAll(connectionId, '<connection>') : v);
  return {
    rulesetVersion: scan.rows[0]!.ruleset_version,
    counts: scan.rows[0]!.counts,
    results: results.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fixed(v)]))),
  };
}

describe('stored scan results (decision 051)', () => {
  it('are byte-identical to the golden set for a seeded org of 6,200 users', async () => {
    const t = await seedTenant(deps);
    const connectionId = await seedConnection(deps, t.id, 'Production');
    const snap = await runBackup(deps, {
      tenantId: t.id,
      connectionId,
      trigger: 'test',
      client: fakeIdp(orgObjects()),
    });
    for (const u of [userId(5900), '00u1alice', userId(4321)])
      await addBreakGlassAccount(deps, t.id, { connectionId, user: u });
    // Declared, then gone from Okta: the EXISTS rule names it.
    await db
      .insertInto('break_glass_accounts')
      .values({
        tenant_id: t.id,
        connection_id: connectionId,
        okta_user_id: '00u1deleted',
        added_by: 'test',
        added_at: TAKEN_AT,
      })
      .execute();

    const scan = await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId });
    const stored = await storedScan(scan.id, connectionId);
    if (process.env.UPDATE_SCAN_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(stored, null, 1)}\n`);
    expect(existsSync(GOLDEN), 'no golden file: run with UPDATE_SCAN_GOLDEN=1 once').toBe(true);
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    expect(golden.rulesetVersion, 'the rule set changed: regenerate the golden file (see above)').toBe(RULESET_VERSION);
    // The large org is judged, not skipped: the count of dormant users, a failing token, break-glass findings.
    expect(stored.results.filter((r) => r.result === 'FAIL').map((r) => r.rule_id)).toEqual(
      expect.arrayContaining(['OKTA-APP-003241', 'OKTA-BREAKGLASS-EXISTS', 'OKTA-BREAKGLASS-GROUPS']),
    );
    expect(stored.results.find((r) => r.rule_id === 'OKTA-APP-000090')!.reason).toMatch(/has \d{3,} active users/);
    expect(stored.counts).toBe(golden.counts);
    expect(stored.results).toEqual(golden.results);

    // The users came from the projection the backup kept (decision 051): every user, the fields the rules read.
    const projection = await db
      .selectFrom('snapshot_projections')
      .select(['type', 'object_count'])
      .where('snapshot_id', '=', snap.snapshotId)
      .execute();
    expect(projection).toEqual([{ type: 'user', object_count: snap.counts.user }]);
    expect(snap.counts.user).toBeGreaterThan(USERS);
    // Without it (a snapshot taken before projections) the bodies give the same bytes.
    await db.deleteFrom('snapshot_projections').where('snapshot_id', '=', snap.snapshotId).execute();
    const fromBodies = await storedScan(
      (await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId })).id,
      connectionId,
    );
    expect(fromBodies.counts).toBe(golden.counts);
    expect(fromBodies.results).toEqual(golden.results);
  }, 120_000);
});
