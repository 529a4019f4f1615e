import { at, ev, fail, failing, named, notApplicable, pass, str } from '../compliance.fns.ts';
import { ACCESS_RULE, collect, isActive } from '../okta.fns.ts';
import type { ComplianceRule, SnapshotObject } from '../types.ts';
import { ADMIN_CONSOLE, DASHBOARD, type RuleVerdict, accessPolicyReads, checkAllowRules } from './access-policy.fns.ts';
import { stig } from './frameworks.ts';

const VM = 'actions.appSignOn.verificationMethod';

/** Two factors: an assurance rule in 2FA mode. Chains are left to a person (they can express anything). */
export function requiresTwoFactors(rule: SnapshotObject) {
  const type = at(rule.body, `${VM}.type`);
  const evidence = [ev(ACCESS_RULE, rule, `${VM}.type`), ev(ACCESS_RULE, rule, `${VM}.factorMode`)];
  const verdict: RuleVerdict =
    type === 'AUTH_METHOD_CHAIN'
      ? 'unknown'
      : type === 'ASSURANCE' && at(rule.body, `${VM}.factorMode`) === '2FA'
        ? 'ok'
        : 'bad';
  return { verdict, evidence };
}

/** Phishing resistance: Okta needs only one constraint object satisfied, so every one must demand it. */
export function requiresPhishingResistance(rule: SnapshotObject) {
  const type = at(rule.body, `${VM}.type`);
  const constraints = at(rule.body, `${VM}.constraints`);
  const evidence = [ev(ACCESS_RULE, rule, `${VM}.constraints`)];
  if (type === 'AUTH_METHOD_CHAIN') return { verdict: 'unknown' as RuleVerdict, evidence };
  const ok =
    Array.isArray(constraints) &&
    constraints.length > 0 &&
    constraints.every((c) => at(c, 'possession.phishingResistant') === 'REQUIRED');
  return { verdict: (ok ? 'ok' : 'bad') as RuleVerdict, evidence };
}

const authenticatorEv = (a: SnapshotObject, path: string) =>
  named(ev('authenticator', a, path), str(at(a.body, 'name')) ?? str(at(a.body, 'key')) ?? a.id);

async function authenticatorsByKey(s: Parameters<ComplianceRule['evaluate']>[0], key: string) {
  return (await collect(s, 'authenticator')).filter((a) => at(a.body, 'key') === key);
}

export const mfaRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-000560',
    title: 'Admin Console requires multifactor authentication',
    severity: 'CAT I',
    frameworks: stig('V-273193', ['IA-2(1)'], ['CC6.1', 'CC6.6'], ['A.8.2', 'A.8.5']),
    reads: accessPolicyReads([`${VM}.type`, `${VM}.factorMode`]),
    check: 'Okta Admin Console policy: every reachable allowing rule has factorMode 2FA',
    evaluate: (s, ctx) => checkAllowRules(s, ADMIN_CONSOLE, requiresTwoFactors, 'two factors', ctx.breakGlass),
  },
  {
    id: 'OKTA-APP-000570',
    title: 'Okta Dashboard requires multifactor authentication',
    severity: 'CAT I',
    frameworks: stig('V-273194', ['IA-2(2)'], ['CC6.1', 'CC6.6'], ['A.8.5']),
    reads: accessPolicyReads([`${VM}.type`, `${VM}.factorMode`]),
    check: 'Okta Dashboard policy: every reachable allowing rule has factorMode 2FA',
    evaluate: (s, ctx) => checkAllowRules(s, DASHBOARD, requiresTwoFactors, 'two factors', ctx.breakGlass),
  },
  {
    id: 'OKTA-APP-000180',
    title: 'Okta Dashboard accepts only phishing-resistant authenticators',
    severity: 'CAT II',
    frameworks: stig('V-273190', ['AC-7'], ['CC6.1', 'CC6.6'], ['A.8.5']),
    reads: accessPolicyReads([`${VM}.constraints`]),
    check: 'Okta Dashboard policy: every reachable allowing rule requires possession.phishingResistant',
    evaluate: (s, ctx) =>
      checkAllowRules(s, DASHBOARD, requiresPhishingResistance, 'a phishing-resistant factor', ctx.breakGlass),
  },
  {
    id: 'OKTA-APP-000190',
    title: 'Admin Console accepts only phishing-resistant authenticators',
    severity: 'CAT II',
    frameworks: stig('V-273191', ['AC-7'], ['CC6.1', 'CC6.6'], ['A.8.2', 'A.8.5']),
    reads: accessPolicyReads([`${VM}.constraints`]),
    check: 'Okta Admin Console policy: every reachable allowing rule requires possession.phishingResistant',
    evaluate: (s, ctx) =>
      checkAllowRules(s, ADMIN_CONSOLE, requiresPhishingResistance, 'a phishing-resistant factor', ctx.breakGlass),
  },
  {
    id: 'OKTA-APP-001670',
    title: 'Smart card (PIV/CAC) authenticator is active',
    severity: 'CAT II',
    frameworks: stig('V-273204', ['IA-2(12)', 'IA-8(1)'], ['CC6.1'], ['A.8.5']),
    reads: [{ type: 'authenticator', fields: ['key', 'status'] }],
    check: 'An authenticator with key smart_card_idp and status ACTIVE',
    async evaluate(s) {
      const cards = await authenticatorsByKey(s, 'smart_card_idp');
      const evidence = cards.map((a) => authenticatorEv(a, 'status'));
      if (cards.some(isActive)) return pass('The smart card authenticator is active.', evidence);
      return fail(
        cards.length ? 'The smart card authenticator is not active.' : 'No smart card authenticator is set up.',
        evidence,
      );
    },
  },
  {
    id: 'OKTA-APP-001700',
    title: 'Okta Verify requires FIPS-compliant devices',
    severity: 'CAT II',
    frameworks: stig('V-273205', ['IA-3(1)'], ['CC6.1'], ['A.8.5']),
    reads: [{ type: 'authenticator', fields: ['key', 'status', 'settings.compliance.fips'] }],
    check: 'Okta Verify authenticator, when active: settings.compliance.fips REQUIRED',
    async evaluate(s) {
      const verify = (await authenticatorsByKey(s, 'okta_verify')).filter(isActive);
      if (verify.length === 0) return notApplicable('Okta Verify is not active in this org.');
      const fips = (a: SnapshotObject) => at(a.body, 'settings.compliance.fips') === 'REQUIRED';
      const evidence = verify.map((a) =>
        fips(a)
          ? authenticatorEv(a, 'settings.compliance.fips')
          : failing(authenticatorEv(a, 'settings.compliance.fips')),
      );
      if (verify.every(fips)) return pass('Okta Verify requires FIPS-compliant devices.', evidence);
      return fail(
        'Okta Verify accepts devices that are not FIPS-compliant (settings.compliance.fips is not REQUIRED).',
        evidence,
      );
    },
  },
];
