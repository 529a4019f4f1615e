import { at, ev, fail, markFailing, named, num, pass, str } from '../compliance.fns.ts';
import { activePolicies } from '../okta.fns.ts';
import type { ComplianceRule, FrameworkMappings, Outcome } from '../types.ts';
import { stig } from './frameworks.ts';

const P = 'settings.password';
const atLeast = (n: number) => (v: unknown) => (num(v) ?? Number.NEGATIVE_INFINITY) >= n;
const between = (lo: number, hi: number) => (v: unknown) =>
  (num(v) ?? Number.NaN) >= lo && (num(v) ?? Number.NaN) <= hi;
const credentials = (vuln: string, nist = ['IA-5(1)']) => stig(vuln, nist, ['CC6.1'], ['A.5.17']);

/**
 * Every active password policy must meet the setting: a user gets the first policy whose groups they
 * are in, so one lax policy is enough for some users to have weak passwords.
 */
async function everyPasswordPolicy(
  s: Parameters<ComplianceRule['evaluate']>[0],
  path: string,
  ok: (v: unknown) => boolean,
  want: string,
): Promise<Outcome> {
  const policies = await activePolicies(s, 'policy.PASSWORD');
  if (policies.length === 0) return fail('No active password policy in the snapshot.');
  const evidence = policies.map((p) => named(ev('policy.PASSWORD', p, path), str(at(p.body, 'name')) ?? p.id));
  const bad = policies.filter((p) => !ok(at(p.body, path)));
  const field = path.split('.').at(-1);
  if (bad.length === 0)
    return pass(`${field} is ${want} in every active password policy (${policies.length}).`, evidence);
  const names = bad.map((p) => `"${at(p.body, 'name') ?? p.id}" (${JSON.stringify(at(p.body, path) ?? null)})`);
  return fail(
    `${field} must be ${want}; not met by ${names.join(', ')}.`,
    markFailing(
      evidence,
      bad.map((p) => p.id),
    ),
  );
}

function passwordRule(
  id: string,
  title: string,
  frameworks: FrameworkMappings,
  field: string,
  ok: (v: unknown) => boolean,
  want: string,
  check: string,
): ComplianceRule {
  const path = `${P}.${field}`;
  return {
    id,
    title,
    severity: 'CAT II',
    frameworks,
    reads: [{ type: 'policy.PASSWORD', fields: ['status', 'priority', 'name', path] }],
    check: `Every active password policy: ${check}`,
    evaluate: (s) => everyPasswordPolicy(s, path, ok, want),
  };
}

export const passwordRules: ComplianceRule[] = [
  passwordRule(
    'OKTA-APP-000170',
    'Accounts lock after three failed sign-in attempts',
    stig('V-273189', ['AC-7'], ['CC6.1'], ['A.8.5']),
    'lockout.maxAttempts',
    between(1, 3),
    'between 1 and 3',
    'lockout.maxAttempts 1–3 (0 means never)',
  ),
  passwordRule(
    'OKTA-APP-000650',
    'Passwords are at least 15 characters long',
    credentials('V-273195'),
    'complexity.minLength',
    atLeast(15),
    'at least 15',
    'complexity.minLength ≥ 15',
  ),
  passwordRule(
    'OKTA-APP-000670',
    'Passwords contain an upper-case letter',
    credentials('V-273196'),
    'complexity.minUpperCase',
    atLeast(1),
    'at least 1',
    'complexity.minUpperCase ≥ 1',
  ),
  passwordRule(
    'OKTA-APP-000680',
    'Passwords contain a lower-case letter',
    credentials('V-273197'),
    'complexity.minLowerCase',
    atLeast(1),
    'at least 1',
    'complexity.minLowerCase ≥ 1',
  ),
  passwordRule(
    'OKTA-APP-000690',
    'Passwords contain a number',
    credentials('V-273198'),
    'complexity.minNumber',
    atLeast(1),
    'at least 1',
    'complexity.minNumber ≥ 1',
  ),
  passwordRule(
    'OKTA-APP-000700',
    'Passwords contain a symbol',
    credentials('V-273199'),
    'complexity.minSymbol',
    atLeast(1),
    'at least 1',
    'complexity.minSymbol ≥ 1',
  ),
  passwordRule(
    'OKTA-APP-000740',
    'Passwords cannot be changed again within 24 hours',
    credentials('V-273200'),
    'age.minAgeMinutes',
    atLeast(24 * 60),
    'at least 1440 minutes',
    'age.minAgeMinutes ≥ 1440',
  ),
  passwordRule(
    'OKTA-APP-000745',
    'Passwords expire after at most 60 days',
    credentials('V-273201'),
    'age.maxAgeDays',
    between(1, 60),
    'between 1 and 60 days',
    'age.maxAgeDays 1–60 (0 means never)',
  ),
  passwordRule(
    'OKTA-APP-002980',
    'Common passwords are rejected',
    credentials('V-273208'),
    'complexity.dictionary.common.exclude',
    (v) => v === true,
    'true',
    'complexity.dictionary.common.exclude true',
  ),
  passwordRule(
    'OKTA-APP-003010',
    'The last five passwords cannot be reused',
    credentials('V-273209'),
    'age.historyCount',
    atLeast(5),
    'at least 5',
    'age.historyCount ≥ 5',
  ),
];
