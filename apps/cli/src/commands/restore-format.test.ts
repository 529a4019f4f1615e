import type { RestorePlanDetail } from '@butterfly/domain/restores';
import { describe, expect, it } from 'vitest';
import { planLines } from './restore-format.ts';

const plan = {
  id: '6f1c1f3e-0000-4000-8000-000000000000',
  shortCode: 'AB12',
  status: 'ready',
  error: null,
  snapshotId: 's1',
  summary: { steps: 0, byAction: {}, blastRadius: 0, newIds: 0, caveats: 1, threshold: 0 },
  needsApproval: false,
  approvedBy: null,
  caveats: [
    {
      kind: 'not_compared',
      type: 'group_rule',
      count: 3,
      reason: 'Okta answered 404',
      names: ['Eng', 'Ops'],
      message: 'Group rule: 3 objects not compared — Okta answered 404 (not found) for them',
    },
  ],
  steps: [],
  idMap: [],
} as unknown as RestorePlanDetail;

describe('planLines', () => {
  it('prints one line per type not compared, then its names unless brief', () => {
    const lines = planLines(plan, { brief: false });
    expect(lines.filter((l) => l.includes('not compared'))).toEqual([
      '  ! Group rule: 3 objects not compared — Okta answered 404 (not found) for them',
    ]);
    expect(lines).toContain('      Eng, Ops … and 1 more');
    expect(planLines(plan, { brief: true }).some((l) => l.includes('Eng, Ops'))).toBe(false);
  });

  it('says how the plan compared, under its summary (decision 053)', () => {
    const message =
      'Compared 3 object(s) the System Log names as changed since 2026-12-07T10:00:00.000Z (with their memberships); the other 90 trusted from the snapshot. Preview with a full read to compare everything.';
    const lines = planLines(
      { ...plan, summary: { ...plan.summary, comparedBy: { mode: 'log', message } } } as RestorePlanDetail,
      { brief: true },
    );
    expect(lines[2]).toBe(`  ${message}`);
  });
});
