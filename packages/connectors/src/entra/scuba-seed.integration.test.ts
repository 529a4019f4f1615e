import { createMemorySnapshot, runScan, SCUBA_AAD_RULES } from '@butterfly/domain/compliance';
import type { SnapshotObject } from '@butterfly/domain/compliance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEntraClient } from './client.ts';
import { SIM_TENANT, spawnEntraSim } from '../testing/entra-sim.ts';

/**
 * Every SCuBA MS.AAD rule over the entra-sim demo tenant, read the way a backup reads it: a started
 * entra-sim (its own process: the simulator shares no code with the product, so it is not imported)
 * and this connector pointed at it. The seed's deliberate failures (apps/entra-sim/README.md) must be found.
 */
const TENANT = SIM_TENANT;
let sim: Awaited<ReturnType<typeof spawnEntraSim>>;
let simUrl = '';

beforeAll(async () => {
  sim = await spawnEntraSim();
  simUrl = sim.url;
}, 40_000);

afterAll(() => {
  sim?.stop();
});

/** What the rules read, by the connector's type keys. */
const TYPES = [...new Set(SCUBA_AAD_RULES.flatMap((r) => r.reads.map((x) => x.type)))];

async function demoSnapshot() {
  const client = createEntraClient(
    {
      provider: 'entra',
      directoryId: TENANT,
      clientId: '8c2d4e6f-0a1b-4c3d-9e8f-7a6b5c4d3e2f',
      credentials: { kind: 'client_secret', clientSecret: 'entra-sim-readonly-secret' },
      loginUrl: simUrl,
      graphUrl: simUrl,
    },
    { allowPrivateNetwork: true },
  );
  const objects: Record<string, SnapshotObject[]> = Object.fromEntries(TYPES.map((t) => [t, []]));
  for await (const o of client.listObjects({ types: TYPES })) objects[o.type]?.push({ id: o.id, body: o.body });
  return objects;
}

/** The seed's deliberate failures (README "Deliberate SCuBA MS.AAD failures"), plus 3.6–3.8: the demo has no such policies. */
const EXPECTED_FAIL = [
  'MS.AAD.1.1v1',
  'MS.AAD.2.1v1',
  'MS.AAD.2.3v1',
  'MS.AAD.3.1v1',
  'MS.AAD.3.4v1',
  'MS.AAD.3.5v2',
  'MS.AAD.3.6v1',
  'MS.AAD.3.7v1',
  'MS.AAD.3.8v1',
  'MS.AAD.3.9v1',
  'MS.AAD.5.1v1',
  'MS.AAD.5.2v1',
  'MS.AAD.5.3v1',
  'MS.AAD.5.5v1',
  'MS.AAD.5.6v1',
  'MS.AAD.6.1v1',
  'MS.AAD.7.1v1',
  'MS.AAD.7.3v1',
  'MS.AAD.7.4v1',
  'MS.AAD.7.6v1',
  'MS.AAD.7.7v1',
  'MS.AAD.7.8v1',
  'MS.AAD.8.1v1',
  'MS.AAD.8.2v1',
];
const EXPECTED_PASS = ['MS.AAD.3.2v2', 'MS.AAD.3.3v2', 'MS.AAD.5.7v1'];
const EXPECTED_MANUAL = ['MS.AAD.2.2v1', 'MS.AAD.4.1v1', 'MS.AAD.8.3v1'];

describe('SCuBA MS.AAD over the entra-sim demo tenant', () => {
  it('finds the seeded failures and passes the rest', async () => {
    const objects = await demoSnapshot();
    const admin = objects.user!.find(
      (u) => (u.body as { userPrincipalName?: string }).userPrincipalName === 'admin@butterfly-demo.test',
    );
    expect(admin, 'the demo admin (the CA policies’ break-glass exclusion)').toBeDefined();
    const snapshot = createMemorySnapshot(objects, { takenAt: new Date('2026-12-07T12:00:00Z') });
    const results = await runScan(SCUBA_AAD_RULES, snapshot, undefined, { userIds: [admin!.id] });
    const by = (status: string) =>
      results
        .filter((r) => r.result === status)
        .map((r) => r.ruleId)
        .sort();
    expect(
      results
        .map((r) => `${r.ruleId} ${r.result}: ${r.reason}`)
        .filter((l) => !EXPECTED_FAIL.some((id) => l.startsWith(`${id} FAIL`))),
    ).toHaveLength(EXPECTED_PASS.length + EXPECTED_MANUAL.length);
    expect(by('FAIL')).toEqual([...EXPECTED_FAIL].sort());
    expect(by('PASS')).toEqual([...EXPECTED_PASS].sort());
    expect(by('MANUAL')).toEqual([...EXPECTED_MANUAL].sort());
    // Failures name what fails.
    const reason = (id: string) => results.find((r) => r.ruleId === id)!.reason;
    expect(reason('MS.AAD.1.1v1')).toContain('"Block legacy authentication" state is disabled');
    expect(reason('MS.AAD.2.3v1')).toContain('state is enabledForReportingButNotEnforced');
    expect(reason('MS.AAD.3.5v2')).toBe('Enabled: Sms.');
    expect(reason('MS.AAD.6.1v1')).toContain('butterfly-demo.test (90 days)');
    expect(reason('MS.AAD.7.1v1')).toContain('1 user holds Global Administrator');
    expect(reason('MS.AAD.7.4v1')).toBe('Permanent active assignments: Privileged Role Administrator.');
    expect(reason('MS.AAD.7.6v1')).toBe('Global Administrator can be activated without approval.');
    expect(reason('MS.AAD.7.8v1')).toContain('Global Administrator: Notification_Admin_EndUser_Assignment');
    expect(reason('MS.AAD.3.2v2')).toContain('"Require MFA for all users"');
  }, 60_000);
});
