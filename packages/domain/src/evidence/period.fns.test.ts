import type { ComplianceExceptions, Selectable } from '@butterfly/db';
import { describe, expect, it } from 'vitest';
import type { ResultStatus, ScanResult } from '../compliance/types.ts';
import { type ScanWithResults, checkWindow, exceptionAsOf, periodRegressions } from './period.fns.ts';

const result = (ruleId: string, r: ResultStatus): ScanResult => ({
  ruleId,
  title: ruleId,
  severity: 'CAT II',
  frameworks: { soc2: [], iso27001: [], nist80053: [] },
  result: r,
  reason: r,
  evidence: [],
});
const scan = (n: number, results: Record<string, ResultStatus>): ScanWithResults => ({
  results: Object.entries(results).map(([id, r]) => result(id, r)),
  scan: {
    scanId: `s${n}`,
    snapshotId: `p${n}`,
    snapshotTakenAt: new Date(Date.UTC(2026, 9, n)).toISOString(),
    scannedAt: '',
    startedBy: 'schedule',
    productVersion: '',
    rulesetVersion: '',
    counts: { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, total: 0 },
    results: [],
  },
});

describe('periodRegressions', () => {
  it('measures the first scan from the baseline, fixes at the first later PASS, and leaves the rest open', () => {
    const base = scan(1, { A: 'PASS', B: 'PASS', C: 'FAIL' });
    const scans = [
      scan(2, { A: 'FAIL', B: 'PASS', C: 'PASS' }),
      scan(3, { A: 'MANUAL', B: 'FAIL', C: 'FAIL' }),
      scan(5, { A: 'PASS', B: 'FAIL', C: 'FAIL' }),
    ];
    const r = periodRegressions(base, scans, []);
    expect(r.map((x) => [x.ruleId, x.previousScanId, x.scanId, x.fixedInScanId, x.timeToFixSeconds])).toEqual([
      ['A', 's1', 's2', 's5', 3 * 86_400],
      ['B', 's2', 's3', null, null],
      ['C', 's2', 's3', null, null],
    ]);
    // Without a baseline the first scan is the starting point: nothing regresses into it.
    expect(periodRegressions(null, scans.slice(0, 1), [])).toEqual([]);
  });
});

describe('exceptionAsOf', () => {
  const row = (over: Partial<Selectable<ComplianceExceptions>>) =>
    ({
      id: 'e1',
      rule_id: 'A',
      object_type: null,
      object_id: null,
      rationale: 'r',
      requested_by: 'member:a',
      requested_at: new Date('2026-09-01Z'),
      approved_by: 'member:b',
      approved_at: new Date('2026-09-02Z'),
      expires_at: new Date('2026-12-01Z'),
      status: 'active',
      closed_at: null,
      closed_by: null,
      close_reason: null,
      ...over,
    }) as Selectable<ComplianceExceptions>;
  const to = new Date('2026-10-31Z');
  it('is in force at the end unless it expired or was revoked inside the window', () => {
    expect(exceptionAsOf(row({}), to).ended).toBeNull();
    expect(
      exceptionAsOf(row({ status: 'revoked', closed_at: new Date('2026-11-05Z'), closed_by: 'member:b' }), to).ended,
    ).toBeNull();
    expect(
      exceptionAsOf(
        row({ status: 'revoked', closed_at: new Date('2026-10-05Z'), closed_by: 'member:b', close_reason: 'done' }),
        to,
      ).ended,
    ).toEqual({ at: '2026-10-05T00:00:00.000Z', how: 'revoked', by: 'member:b', reason: 'done' });
    // The expiry job closes it a little after its expiry: the expiry is when it ended.
    expect(
      exceptionAsOf(
        row({ status: 'expired', expires_at: new Date('2026-10-10Z'), closed_at: new Date('2026-10-10T00:01Z') }),
        to,
      ).ended,
    ).toEqual({ at: '2026-10-10T00:00:00.000Z', how: 'expired', by: null, reason: null });
  });
});

describe('checkWindow', () => {
  it('wants from before to, at most two years apart', () => {
    expect(() => checkWindow('2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z')).toThrow('must end after it starts');
    expect(() => checkWindow('2024-01-01T00:00:00Z', '2026-10-01T00:00:00Z')).toThrow('731 days');
    expect(checkWindow('2026-10-01', '2026-12-31T23:59:59Z').from.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });
});
