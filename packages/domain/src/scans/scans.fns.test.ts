import { describe, expect, it } from 'vitest';
import { collectedTypes, frameworkScores, hasType, scheduleIntervalMinutes, startedByLabel } from './scans.fns.ts';

describe('hasType', () => {
  const c = collectedTypes(
    { brand: 2, 'policy.OKTA_SIGN_ON': 1, user: 5 },
    { byType: { log_stream: { objects: 0 }, admin_assignee: { objects: 0 } } },
  );

  it('knows types listed with objects, and types listed and found empty', () => {
    expect(hasType(c, 'user')).toBe(true);
    expect(hasType(c, 'log_stream')).toBe(true);
    expect(hasType(c, 'api_token')).toBe(false);
  });

  it('infers an empty child type only from a parent that was listed and found empty', () => {
    // No admins at all: their roles were "read" too, and there are none.
    expect(hasType(c, 'admin_assignee.role')).toBe(true);
    // Brands were found, yet their sign-in pages were never listed: not collected.
    expect(hasType(c, 'brand.sign_in_page')).toBe(false);
    expect(hasType(c, 'policy.OKTA_SIGN_ON.rule')).toBe(false);
    expect(hasType(c, 'org_setting.admin_console')).toBe(false);
  });
});

describe('scheduleIntervalMinutes', () => {
  const asOf = new Date('2026-11-25T12:00:00Z'); // a Wednesday
  it('is the gap between consecutive runs', () => {
    expect(scheduleIntervalMinutes('7 * * * *', 'UTC', asOf)).toBe(60);
    expect(scheduleIntervalMinutes('7 2 * * *', 'UTC', asOf)).toBe(1440);
    expect(scheduleIntervalMinutes('7 2 * * 0', 'UTC', asOf)).toBe(7 * 1440);
  });
  it('takes the longest gap, so a weekday cron is not late over the weekend', () => {
    expect(scheduleIntervalMinutes('0 9 * * 1-5', 'UTC', asOf)).toBe(3 * 1440);
  });
});

describe('frameworkScores', () => {
  it('scores judged rules only', () => {
    const f = (stig?: string) => ({ stig, soc2: ['CC6.1'], iso27001: [], nist80053: [] });
    const scores = frameworkScores([
      { result: 'PASS', frameworks: f('V-1') },
      { result: 'FAIL', frameworks: f('V-2') },
      { result: 'PASS', frameworks: f() },
      { result: 'MANUAL', frameworks: f('V-3') },
    ]);
    expect(scores.find((s) => s.framework === 'stig')).toMatchObject({ PASS: 1, FAIL: 1, MANUAL: 1, score: 50 });
    expect(scores.find((s) => s.framework === 'soc2')).toMatchObject({ PASS: 2, FAIL: 1, score: 66.7 });
    expect(scores.find((s) => s.framework === 'iso27001')?.score).toBeNull();
  });
});

it('names who started a scan', () => {
  expect(
    startedByLabel({
      kind: 'member',
      tenantId: 't',
      memberId: 'm',
      role: 'auditor',
      label: 'ann@acme.test',
      via: 'session',
    }),
  ).toBe('member:ann@acme.test');
  expect(startedByLabel({ kind: 'system', label: 'job:compliance_scan:7' })).toBe('system:job:compliance_scan:7');
});
