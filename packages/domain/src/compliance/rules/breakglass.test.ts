import { describe, expect, it } from 'vitest';
import { accessRule } from '../testing/policy-fixtures.ts';
import { compliantOrg } from '../testing/okta-fixtures.ts';
import { evidenceAt, runRule } from '../testing/run-rule.ts';
import type { SnapshotObject } from '../types.ts';

const BG = { userIds: ['00u1bg'] };
const VM = 'actions.appSignOn.verificationMethod';
const BG_PATH = 'break-glass only (judged by OKTA-BREAKGLASS-*): conditions.people.users.include';

/** The compliant org with a break-glass user (last sign-in 90 days before the snapshot) and groups. */
function orgWithBreakGlass(over: { lastLogin?: string | null; status?: string } = {}) {
  const org = compliantOrg();
  org.user!.push({
    id: '00u1bg',
    body: {
      id: '00u1bg',
      status: over.status ?? 'ACTIVE',
      lastLogin: over.lastLogin === undefined ? '2026-08-22T12:00:00.000Z' : over.lastLogin,
      profile: { login: 'breakglass@acme.example' },
      type: { id: 'oty1default' },
    },
  });
  const group = (id: string, name: string, type = 'OKTA_GROUP'): SnapshotObject => ({
    id,
    body: { id, type, profile: { name } },
  });
  org.group = [
    group('00g1everyone', 'Everyone', 'BUILT_IN'),
    group('00g1bg', 'Break glass'),
    group('00g1eng', 'Engineering'),
  ];
  const member = (g: string, u: string): SnapshotObject => ({ id: `${g}/${u}`, body: { id: u } });
  org['group.member'] = [
    member('00g1everyone', '00u1bg'),
    member('00g1everyone', '00u1alice'),
    member('00g1bg', '00u1bg'),
    member('00g1eng', '00u1alice'),
  ];
  return org;
}

/** An Admin Console rule above the compliant one, allowing one factor to the listed users only. */
function oneFactorRuleFor(org: Record<string, SnapshotObject[]>, users: string[]) {
  const r = accessRule('rst1admin', 'rul1bg', {
    priority: 0,
    verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', constraints: [] },
  });
  (r.body as { conditions: unknown }).conditions = { people: { users: { include: users } } };
  org['policy.ACCESS_POLICY.rule']!.push(r);
}

describe('break-glass accounts in coverage rules (decision 037)', () => {
  it('an Admin Console rule letting only the break-glass account in with one factor fails MFA until declared, then is listed, not judged', async () => {
    const org = orgWithBreakGlass();
    oneFactorRuleFor(org, ['00u1bg']);
    expect((await runRule('OKTA-APP-000560', org)).result).toBe('FAIL');
    const r = await runRule('OKTA-APP-000560', org, { breakGlass: BG });
    expect(r.result).toBe('PASS');
    expect(evidenceAt(r, BG_PATH, 'rst1admin/rul1bg')).toEqual(['00u1bg']);
    expect(evidenceAt(r, `${VM}.factorMode`, 'rst1admin/rul1bg')).toBeUndefined();
    expect((await runRule('OKTA-HARDEN-ADMIN-MFA', org, { breakGlass: BG })).result).toBe('PASS');
  });

  it('keeps a rule in coverage when it also names an everyday user or a group', async () => {
    const org = orgWithBreakGlass();
    oneFactorRuleFor(org, ['00u1bg', '00u1alice']);
    expect((await runRule('OKTA-APP-000560', org, { breakGlass: BG })).result).toBe('FAIL');
    const withGroup = orgWithBreakGlass();
    oneFactorRuleFor(withGroup, ['00u1bg']);
    const rule = withGroup['policy.ACCESS_POLICY.rule']!.find((r) => r.id === 'rst1admin/rul1bg')!;
    (rule.body as { conditions: unknown }).conditions = {
      people: { users: { include: ['00u1bg'] }, groups: { include: ['00g1eng'] } },
    };
    expect((await runRule('OKTA-APP-000560', withGroup, { breakGlass: BG })).result).toBe('FAIL');
  });

  it('leaves aside a global session rule for the break-glass account only', async () => {
    const org = orgWithBreakGlass();
    org['policy.OKTA_SIGN_ON.rule']!.push({
      id: '00p1gsdefault/0pr1bg',
      body: {
        id: '0pr1bg',
        type: 'SIGN_ON',
        name: 'Break glass',
        status: 'ACTIVE',
        priority: 0,
        system: false,
        conditions: { people: { users: { include: ['00u1bg'] } } },
        actions: {
          signon: {
            access: 'ALLOW',
            session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 1080, usePersistentCookie: false },
          },
        },
      },
    });
    expect((await runRule('OKTA-APP-000020', org)).result).toBe('FAIL');
    const r = await runRule('OKTA-APP-000020', org, { breakGlass: BG });
    expect(r.result).toBe('PASS');
    expect(r.evidence.find((e) => e.id === '00p1gsdefault/0pr1bg')).toMatchObject({
      path: BG_PATH,
      name: 'Default Policy › Break glass',
    });
  });
});

describe('OKTA-BREAKGLASS-* rules', () => {
  it('are not applicable when no account is declared', async () => {
    for (const id of [
      'OKTA-BREAKGLASS-EXISTS',
      'OKTA-BREAKGLASS-ENABLED',
      'OKTA-BREAKGLASS-GROUPS',
      'OKTA-BREAKGLASS-SIGN-IN',
    ]) {
      expect((await runRule(id, orgWithBreakGlass())).result, id).toBe('NOT_APPLICABLE');
    }
  });

  it('pass for an active account only in Everyone and a dedicated group, last used 90 days ago', async () => {
    for (const id of [
      'OKTA-BREAKGLASS-EXISTS',
      'OKTA-BREAKGLASS-ENABLED',
      'OKTA-BREAKGLASS-GROUPS',
      'OKTA-BREAKGLASS-SIGN-IN',
    ]) {
      expect((await runRule(id, orgWithBreakGlass(), { breakGlass: BG })).result, id).toBe('PASS');
    }
  });

  it('EXISTS fails for a declared id gone from the snapshot', async () => {
    const r = await runRule('OKTA-BREAKGLASS-EXISTS', orgWithBreakGlass(), {
      breakGlass: { userIds: ['00u1bg', '00u1deleted'] },
    });
    expect(r).toMatchObject({ result: 'FAIL', reason: expect.stringContaining('00u1deleted') });
    expect(evidenceAt(r, 'in snapshot', '00u1bg')).toBe(true);
  });

  it('ENABLED fails for a suspended account, naming it by login', async () => {
    const r = await runRule('OKTA-BREAKGLASS-ENABLED', orgWithBreakGlass({ status: 'SUSPENDED' }), { breakGlass: BG });
    expect(r).toMatchObject({ result: 'FAIL', reason: expect.stringContaining('breakglass@acme.example (SUSPENDED)') });
    // The failing account is marked, so an exception on it alone accepts the finding (decision 041).
    expect(r.evidence.filter((e) => e.failed).map((e) => [e.id, e.name])).toEqual([
      ['00u1bg', 'breakglass@acme.example'],
    ]);
  });

  it('GROUPS fails for an account in an everyday group, and a group shared with another user is everyday', async () => {
    const org = orgWithBreakGlass();
    org['group.member']!.push({ id: '00g1eng/00u1bg', body: { id: '00u1bg' } });
    const r = await runRule('OKTA-BREAKGLASS-GROUPS', org, { breakGlass: BG });
    expect(r).toMatchObject({
      result: 'FAIL',
      reason: expect.stringContaining('breakglass@acme.example in "Engineering"'),
    });
    expect(evidenceAt(r, 'everyday groups', '00u1bg')).toEqual(['Engineering']);
  });

  it('SIGN-IN flags a recent use, a sign-in over a year old and an account never used', async () => {
    const recent = await runRule(
      'OKTA-BREAKGLASS-SIGN-IN',
      orgWithBreakGlass({ lastLogin: '2026-11-10T12:00:00.000Z' }),
      { breakGlass: BG },
    );
    expect(recent).toMatchObject({
      result: 'FAIL',
      reason: expect.stringContaining('signed in 10 days before the snapshot (review why)'),
    });
    const stale = await runRule(
      'OKTA-BREAKGLASS-SIGN-IN',
      orgWithBreakGlass({ lastLogin: '2025-10-01T12:00:00.000Z' }),
      { breakGlass: BG },
    );
    expect(stale).toMatchObject({ result: 'FAIL', reason: expect.stringContaining('untested for over a year') });
    const never = await runRule('OKTA-BREAKGLASS-SIGN-IN', orgWithBreakGlass({ lastLogin: null }), { breakGlass: BG });
    expect(never).toMatchObject({ result: 'FAIL', reason: expect.stringContaining('never signed in') });
  });
});
