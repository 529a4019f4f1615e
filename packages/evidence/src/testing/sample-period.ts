import type { PeriodRecord, PeriodScan } from '@butterfly/domain/evidence';

const scan = (n: number, takenAt: string, fail: boolean): PeriodScan => ({
  scanId: `6c1f2a9e-0000-4000-8000-0000000000b${n}`,
  snapshotId: `6c1f2a9e-0000-4000-8000-0000000000a${n}`,
  snapshotTakenAt: takenAt,
  scannedAt: takenAt.replace(':00.000Z', ':05.000Z'),
  startedBy: 'schedule',
  productVersion: '0.9.0',
  rulesetVersion: '2026.12.2',
  counts: { PASS: fail ? 0 : 1, FAIL: fail ? 2 : 1, MANUAL: 0, NOT_APPLICABLE: 0, total: 2, accepted: 1 },
  results: [
    {
      ruleId: 'BUTTERFLY-RESTORE-READINESS',
      result: 'FAIL',
      reason: 'No restore preview',
      accepted: true,
      exceptionIds: ['6c1f2a9e-0000-4000-8000-0000000000e1'],
    },
    {
      ruleId: 'OKTA-APP-000650',
      result: fail ? 'FAIL' : 'PASS',
      reason: fail ? 'Minimum length 8 < 15' : 'Minimum length 15',
    },
  ],
});

/** A period with a baseline, a regression fixed two days later by another admin, and one exception; values that test escaping. */
export function samplePeriod(): PeriodRecord {
  const [baseline, regressed, fixed] = [
    scan(0, '2026-10-01T00:00:00.000Z', false),
    scan(1, '2026-10-10T09:00:00.000Z', true),
    scan(2, '2026-10-12T15:30:00.000Z', false),
  ];
  const change = (s: PeriodScan, prev: PeriodScan, actor: string, before: number, after: number) => ({
    fromScanId: prev.scanId,
    toScanId: s.scanId,
    type: 'policy.PASSWORD',
    id: '00p1',
    label: 'Contractors | "temp" <b>',
    change: 'changed' as const,
    paths: [{ path: '$.settings.password.complexity.minLength', before, after, kind: 'changed' as const }],
    pathsLeftOut: 0,
    actors: [{ actor, at: s.snapshotTakenAt, eventType: 'policy.lifecycle.update' }],
    ruleIds: ['OKTA-APP-000650'],
  });
  const changes = [
    change(regressed, baseline, 'alice@acme.example', 15, 8),
    change(fixed, regressed, 'bob@acme.example', 8, 15),
  ];
  return {
    tenant: { id: '6c1f2a9e-0000-4000-8000-000000000001', name: 'Acme Café' },
    connection: { id: '6c1f2a9e-0000-4000-8000-0000000000c1', name: 'Production' },
    orgUrl: 'https://acme.okta.com',
    window: { from: '2026-10-05T00:00:00.000Z', to: '2026-10-31T00:00:00.000Z' },
    baseline,
    scans: [regressed, fixed],
    rules: [
      {
        ruleId: 'BUTTERFLY-RESTORE-READINESS',
        title: 'Restores are previewed',
        severity: 'CAT II',
        soc2: ['A1.2'],
        iso27001: ['A.8.13'],
      },
      {
        ruleId: 'OKTA-APP-000650',
        title: 'Passwords are at least 15 characters',
        severity: 'CAT II',
        soc2: ['CC6.1'],
        iso27001: ['A.5.17'],
      },
    ],
    changes,
    regressions: [
      {
        ruleId: 'OKTA-APP-000650',
        title: 'Passwords are at least 15 characters',
        severity: 'CAT II',
        reason: 'Minimum length 8 < 15',
        previousScanId: baseline.scanId,
        scanId: regressed.scanId,
        regressedAt: regressed.snapshotTakenAt,
        changes: [
          {
            type: 'policy.PASSWORD',
            id: '00p1',
            label: changes[0]!.label,
            change: 'changed',
            actors: changes[0]!.actors,
          },
        ],
        fixedInScanId: fixed.scanId,
        fixedAt: fixed.snapshotTakenAt,
        timeToFixSeconds: 196_200,
      },
    ],
    exceptions: [
      {
        id: '6c1f2a9e-0000-4000-8000-0000000000e1',
        ruleId: 'BUTTERFLY-RESTORE-READINESS',
        scope: null,
        rationale: 'Drills start | after the migration',
        requestedBy: 'member:auditor@acme.example',
        requestedAt: '2026-09-30T10:00:00.000Z',
        approvedBy: 'member:admin@acme.example',
        approvedAt: '2026-09-30T11:00:00.000Z',
        expiresAt: '2027-01-28T00:00:00.000Z',
        ended: null,
      },
    ],
    summary: {
      scans: 2,
      firstScanAt: regressed.snapshotTakenAt,
      lastScanAt: fixed.snapshotTakenAt,
      failingAtStart: ['BUTTERFLY-RESTORE-READINESS'],
      failingAtEnd: ['BUTTERFLY-RESTORE-READINESS'],
      regressions: 1,
      fixed: 1,
      open: 0,
      medianTimeToFixSeconds: 196_200,
      longestTimeToFixSeconds: 196_200,
      changes: 2,
      changesWithActor: 2,
      exceptionsInForce: 1,
      controls: [
        {
          framework: 'soc2',
          control: 'A1.2',
          ruleIds: ['BUTTERFLY-RESTORE-READINESS'],
          scansFailing: 2,
          regressions: 0,
        },
        { framework: 'soc2', control: 'CC6.1', ruleIds: ['OKTA-APP-000650'], scansFailing: 1, regressions: 1 },
      ],
      notes: [],
    },
  };
}
