import { at, ev, evValue, fail, pass, str } from '../compliance.fns.ts';
import { SIGN_ON_RULE, activePolicies, activeRulesByPolicy, isSystemPolicy, isSystemRule } from '../okta.fns.ts';
import type { ComplianceSnapshot, Evidence, Outcome, ReadSpec, SnapshotObject } from '../types.ts';

/** What a global-session rule reads, for its `reads`: the policies and the one rule field it checks. */
export const globalSessionReads = (field: string): ReadSpec[] => [
  { type: 'policy.OKTA_SIGN_ON', fields: ['status', 'system', 'priority', 'name'] },
  { type: SIGN_ON_RULE, fields: ['status', 'system', 'priority', 'name', field] },
];

/**
 * The rule that decides a session's settings in each active global session policy: the first active
 * rule Okta did not create. The STIG checks that the default policy has such a rule at priority 1;
 * Butterfly checks every active global session policy, because users who match another policy get
 * that policy's settings instead.
 */
export async function topSessionRules(snapshot: ComplianceSnapshot) {
  const rulesByPolicy = await activeRulesByPolicy(snapshot, 'policy.OKTA_SIGN_ON');
  return (await activePolicies(snapshot, 'policy.OKTA_SIGN_ON')).map((policy) => ({
    policy,
    rule: (rulesByPolicy.get(policy.id) ?? []).find((r) => !isSystemRule(r)),
  }));
}

const nameOf = (o: SnapshotObject) => str(at(o.body, 'name')) ?? o.id;

/** Checks one setting of each policy's top rule; a default policy with only its Default Rule fails. */
export async function checkTopSessionRules(
  snapshot: ComplianceSnapshot,
  path: string,
  ok: (value: unknown) => boolean,
  want: string,
): Promise<Outcome> {
  const tops = await topSessionRules(snapshot);
  if (tops.length === 0) return fail('No active global session policy in the snapshot.');
  const evidence: Evidence[] = [];
  const bad: string[] = [];
  for (const { policy, rule } of tops) {
    if (!rule) {
      if (!isSystemPolicy(policy)) continue;
      evidence.push(evValue('policy.OKTA_SIGN_ON', policy.id, 'rules', 'Default Rule only'));
      bad.push(`"${nameOf(policy)}" has no rule above its Default Rule`);
      continue;
    }
    const e = ev(SIGN_ON_RULE, rule, path);
    evidence.push(e);
    if (!ok(at(rule.body, path))) bad.push(`rule "${nameOf(rule)}" of "${nameOf(policy)}" has ${JSON.stringify(e.value)}`);
  }
  if (bad.length) return fail(`${path.split('.').at(-1)} must be ${want}: ${bad.join('; ')}.`, evidence);
  return pass(`${path.split('.').at(-1)} is ${want} in the top rule of every active global session policy (${evidence.length}).`, evidence);
}
