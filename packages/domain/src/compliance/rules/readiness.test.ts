import { describe, expect, it } from 'vitest';
import { TAKEN_AT, compliantOrg } from '../testing/okta-fixtures.ts';
import { runRule } from '../testing/run-rule.ts';
import type { ReadinessInput } from '../types.ts';

const hoursBefore = (h: number) => new Date(TAKEN_AT.getTime() - h * 3_600_000);
const readiness = (over: Partial<ReadinessInput> = {}): ReadinessInput => ({
  connections: [
    { id: 'c1', name: 'Production', schedule: { intervalMinutes: 60 }, lastBackupAt: hoursBefore(1.5) },
    { id: 'c2', name: 'Sandbox', schedule: null, lastBackupAt: null },
  ],
  lastRestorePreviewAt: hoursBefore(24 * 30),
  ...over,
});

describe('Butterfly readiness', () => {
  it('backups: within interval plus grace passes, later fails, no schedule is not applicable', async () => {
    expect((await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg(), { readiness: readiness() })).result).toBe(
      'PASS',
    );
    const late = readiness({
      connections: [
        { id: 'c1', name: 'Production', schedule: { intervalMinutes: 60 }, lastBackupAt: hoursBefore(2.5) },
      ],
    });
    const r = await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg(), { readiness: late });
    expect(r.result).toBe('FAIL');
    expect(r.reason).toContain('"Production"');
    const never = readiness({ connections: [{ id: 'c1', schedule: { intervalMinutes: 1440 }, lastBackupAt: null }] });
    expect((await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg(), { readiness: never })).result).toBe('FAIL');
    const unscheduled = readiness({ connections: [{ id: 'c2', schedule: null, lastBackupAt: null }] });
    expect((await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg(), { readiness: unscheduled })).result).toBe(
      'NOT_APPLICABLE',
    );
    expect((await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg())).result).toBe('MANUAL');
  });

  it('judges at asOf when given, else at the snapshot time', async () => {
    const later = readiness({ asOf: hoursBefore(-5) });
    expect((await runRule('BUTTERFLY-BACKUP-FRESHNESS', compliantOrg(), { readiness: later })).result).toBe('FAIL');
  });

  it('restore preview within 90 days', async () => {
    expect((await runRule('BUTTERFLY-RESTORE-READINESS', compliantOrg(), { readiness: readiness() })).result).toBe(
      'PASS',
    );
    const old = await runRule('BUTTERFLY-RESTORE-READINESS', compliantOrg(), {
      readiness: readiness({ lastRestorePreviewAt: hoursBefore(24 * 91) }),
    });
    expect(old.result).toBe('FAIL');
    expect(old.reason).toContain('91 days');
    expect(
      (
        await runRule('BUTTERFLY-RESTORE-READINESS', compliantOrg(), {
          readiness: readiness({ lastRestorePreviewAt: null }),
        })
      ).result,
    ).toBe('FAIL');
    const unrecorded = await runRule('BUTTERFLY-RESTORE-READINESS', compliantOrg(), {
      readiness: readiness({ lastRestorePreviewAt: undefined }),
    });
    expect(unrecorded.result).toBe('MANUAL');
    expect(unrecorded.reason).toContain('does not record restore previews');
  });
});
