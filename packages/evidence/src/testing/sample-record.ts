import {
  COMPLIANCE_RULES,
  RULESET_VERSION,
  type ScanRecord,
  countResults,
  createMemorySnapshot,
  runScan,
} from '@butterfly/domain/compliance';

const TAKEN_AT = new Date('2026-11-20T12:00:00.000Z');

/**
 * A scan record from the real rule set over a small org: a mix of PASS, FAIL, MANUAL and
 * NOT_APPLICABLE, with values that test escaping (quotes, commas, markup, a formula, non-ASCII).
 */
export async function sampleRecord(): Promise<ScanRecord> {
  const snapshot = createMemorySnapshot(
    {
      'policy.PASSWORD': [
        {
          id: '00p1pw',
          body: {
            id: '00p1pw',
            name: 'Contractors, "temp" <script>alert(1)</script>',
            status: 'ACTIVE',
            priority: 1,
            settings: {
              password: {
                complexity: {
                  minLength: 8,
                  minUpperCase: 1,
                  minLowerCase: 1,
                  minNumber: 1,
                  minSymbol: 0,
                  dictionary: { common: { exclude: true } },
                },
                age: { maxAgeDays: 0, minAgeMinutes: 0, historyCount: 24 },
                lockout: { maxAttempts: 3 },
              },
            },
          },
        },
      ],
      log_stream: [
        {
          id: '0Sl1',
          body: { id: '0Sl1', name: 'Splunk — prod', type: 'splunk_cloud_logstreaming', status: 'ACTIVE' },
        },
      ],
      api_token: [
        {
          id: '00T1',
          body: { id: '00T1', name: '=HYPERLINK("http://x")', userId: '00u1', network: { connection: 'ANYWHERE' } },
        },
      ],
      authenticator: [{ id: 'aut1', body: { id: 'aut1', key: 'okta_verify', status: 'INACTIVE' } }],
      network_zone: [],
    },
    { takenAt: TAKEN_AT, scopesMissing: ['okta.idps.read'] },
  );
  const results = await runScan(COMPLIANCE_RULES, snapshot, {
    connections: [
      {
        id: 'c1',
        name: 'Production',
        schedule: { intervalMinutes: 60 },
        lastBackupAt: new Date('2026-11-20T11:30:00.000Z'),
      },
    ],
    lastRestorePreviewAt: new Date('2026-10-01T09:00:00.000Z'),
  });
  return {
    tenant: { id: '6c1f2a9e-0000-4000-8000-000000000001', name: 'Acme Café' },
    connection: { id: '6c1f2a9e-0000-4000-8000-0000000000c1', name: 'Production' },
    orgUrl: 'https://acme.okta.com',
    snapshotId: '6c1f2a9e-0000-4000-8000-0000000000a1',
    snapshotTakenAt: TAKEN_AT.toISOString(),
    scanId: '6c1f2a9e-0000-4000-8000-0000000000b1',
    scannedAt: '2026-11-20T12:05:00.000Z',
    startedBy: 'member:alice@acme.example',
    productVersion: '0.9.0',
    rulesetVersion: RULESET_VERSION,
    results,
    counts: countResults(results),
  };
}
