import { at, ev, evValue, fail, failing, manual, named, pass, str } from '../compliance.fns.ts';
import {
  ACCESS_RULE,
  SIGN_ON_RULE,
  activePolicies,
  activeRulesByPolicy,
  appPolicyMap,
  collect,
  isActive,
  usesZones,
} from '../okta.fns.ts';
import type { ComplianceRule, Evidence } from '../types.ts';
import { anonymizerBlocking } from './anonymizers.fns.ts';
import { stig } from './frameworks.ts';
import { nameOf, ruleLabel } from './reachability.fns.ts';

const NET = 'conditions.network';

export const networkRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-003242',
    title: 'Global session policy allows or denies access by network zone',
    severity: 'CAT II',
    frameworks: stig('V-279691', ['AC-3'], ['CC6.1', 'CC6.6'], ['A.5.15']),
    reads: [
      { type: 'policy.OKTA_SIGN_ON', fields: ['status'] },
      { type: SIGN_ON_RULE, fields: ['status', `${NET}.connection`, `${NET}.include`, `${NET}.exclude`] },
    ],
    check: 'At least one active global session policy rule has a ZONE network condition with zones',
    async evaluate(s) {
      const byPolicy = await activeRulesByPolicy(s, 'policy.OKTA_SIGN_ON');
      const policies = await activePolicies(s, 'policy.OKTA_SIGN_ON');
      const rules = policies.flatMap((p) => byPolicy.get(p.id) ?? []);
      const labels = new Map(
        policies.flatMap((p) => (byPolicy.get(p.id) ?? []).map((r) => [r.id, ruleLabel(p, r)] as const)),
      );
      const evidence = rules.map((r) => named(ev(SIGN_ON_RULE, r, NET), labels.get(r.id) ?? r.id));
      const zoned = rules.filter(usesZones);
      if (zoned.length)
        return pass(`Global session rules that restrict access by network zone: ${zoned.length}.`, evidence);
      return fail(
        'No active global session policy rule names a network zone: sign-in is allowed from anywhere.',
        evidence,
      );
    },
  },
  {
    id: 'OKTA-APP-003243',
    title: 'Anonymizing proxies are blocked by a network zone',
    severity: 'CAT II',
    frameworks: stig('V-279692', ['AC-4'], ['CC6.6'], ['A.5.15']),
    reads: [
      {
        type: 'network_zone',
        fields: ['status', 'usage', 'type', 'proxyType', 'ipServiceCategories.include', 'gateways'],
      },
    ],
    check:
      'An active BLOCKLIST zone that blocks anonymizers (dynamic proxyType, or enhanced dynamic ipServiceCategories)',
    evaluate: anonymizerBlocking,
  },
  {
    id: 'OKTA-APP-003244',
    title: "Each app's authentication policy uses network zones",
    severity: 'CAT II',
    frameworks: stig('V-279693', ['AC-4'], ['CC6.1', 'CC6.6'], ['A.5.15']),
    reads: [
      { type: 'app', fields: ['status', 'label', '_links.accessPolicy.href'] },
      { type: 'policy.ACCESS_POLICY.mapping', fields: ['_links.application.href'], optional: true },
      { type: 'policy.ACCESS_POLICY', fields: ['name'] },
      { type: ACCESS_RULE, fields: ['status', `${NET}.connection`, `${NET}.include`, `${NET}.exclude`] },
    ],
    check: 'Every active app: its authentication policy has an active rule with a ZONE network condition',
    async evaluate(s) {
      const apps = (await collect(s, 'app')).filter(isActive);
      const byPolicy = await activeRulesByPolicy(s, 'policy.ACCESS_POLICY');
      const policyOf = await appPolicyMap(s);
      const policyNames = new Map((await collect(s, 'policy.ACCESS_POLICY')).map((p) => [p.id, nameOf(p)]));
      const evidence: Evidence[] = [];
      const unlinked: string[] = [];
      const open: string[] = [];
      for (const app of apps) {
        const policyId = policyOf.get(app.id);
        const appName = str(at(app.body, 'label')) ?? app.id;
        const label = `"${appName}"`;
        const e = named(evValue('app', app.id, 'authentication policy', policyId ?? null), appName);
        const zoneless = policyId !== undefined && !(byPolicy.get(policyId) ?? []).some(usesZones);
        evidence.push(zoneless ? failing(e) : e);
        if (!policyId) unlinked.push(label);
        else if (zoneless) open.push(label);
      }
      for (const [policyId, rules] of byPolicy) {
        if (apps.some((a) => policyOf.get(a.id) === policyId))
          evidence.push(
            named(
              evValue(
                'policy.ACCESS_POLICY',
                policyId,
                'rules with zones',
                rules.filter(usesZones).map((r) => r.id),
              ),
              policyNames.get(policyId) ?? policyId,
            ),
          );
      }
      if (open.length)
        return fail(`Apps whose authentication policy names no network zone: ${open.join(', ')}.`, evidence);
      if (unlinked.length)
        return manual(
          `The snapshot does not say which authentication policy governs ${unlinked.join(', ')} (app _links.accessPolicy or the policy's mappings).`,
          evidence,
        );
      return pass(
        `The authentication policy of every active app (${apps.length}) restricts access by network zone.`,
        evidence,
      );
    },
  },
];
