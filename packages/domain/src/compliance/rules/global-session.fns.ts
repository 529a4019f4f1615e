import { at, ev, evValue, fail, failing, named, pass } from '../compliance.fns.ts';
import { SIGN_ON_RULE, activePolicies, activeRulesByPolicy, isSystemPolicy, isSystemRule } from '../okta.fns.ts';
import type { BreakGlassInput, ComplianceSnapshot, Evidence, Outcome, ReadSpec } from '../types.ts';
import { breakGlassEvidence, targetsOnlyBreakGlass } from './breakglass.fns.ts';
import { nameOf, reachOf, ruleLabel } from './reachability.fns.ts';

/** What a global-session rule reads, for its `reads`: the policies and the one rule field it checks. */
export const globalSessionReads = (field: string): ReadSpec[] => [
  { type: 'policy.OKTA_SIGN_ON', fields: ['status', 'system', 'priority', 'name'] },
  {
    type: SIGN_ON_RULE,
    fields: ['status', 'system', 'priority', 'name', 'conditions', 'actions.signon.access', field],
  },
];

/**
 * Checks one session setting on every rule a sign-in can land on, in every active global session
 * policy (the default one and each group's). The STIG reads the default policy's top rule; but Okta
 * applies the first rule whose conditions match, so a lower rule (another zone, another group, the
 * Default Rule itself) sets the session of everyone the rules above it do not match. So every active
 * rule that allows access and is reachable is judged; a rule a higher rule provably shadows is listed
 * in the evidence but not judged (see reachability.fns.ts and decision 036). As the STIG requires,
 * the default policy must also have a rule of its own above its Default Rule. A rule that targets only
 * declared break-glass accounts is listed, not judged (OKTA-BREAKGLASS-* judge them, decision 037).
 */
export async function checkSessionRules(
  snapshot: ComplianceSnapshot,
  path: string,
  ok: (value: unknown) => boolean,
  want: string,
  breakGlass?: BreakGlassInput,
): Promise<Outcome> {
  const policies = await activePolicies(snapshot, 'policy.OKTA_SIGN_ON');
  if (policies.length === 0) return fail('No active global session policy in the snapshot.');
  const rulesByPolicy = await activeRulesByPolicy(snapshot, 'policy.OKTA_SIGN_ON');
  const field = path.split('.').at(-1);
  const evidence: Evidence[] = [];
  const bad: string[] = [];
  let judged = 0;
  for (const policy of policies) {
    const rules = rulesByPolicy.get(policy.id) ?? [];
    if (isSystemPolicy(policy) && !rules.some((r) => !isSystemRule(r))) {
      evidence.push(
        failing(named(evValue('policy.OKTA_SIGN_ON', policy.id, 'rules', 'Default Rule only'), nameOf(policy))),
      );
      bad.push(`"${nameOf(policy)}" has no rule above its Default Rule`);
    }
    for (const { rule, shadowedBy } of reachOf(rules)) {
      const label = ruleLabel(policy, rule);
      if (shadowedBy) {
        evidence.push(
          named(
            evValue(SIGN_ON_RULE, rule.id, 'unreachable: every request it matches meets rule', nameOf(shadowedBy)),
            label,
          ),
        );
        continue;
      }
      if (at(rule.body, 'actions.signon.access') === 'DENY') continue; // no session is made
      if (targetsOnlyBreakGlass(rule, breakGlass)) {
        evidence.push(breakGlassEvidence(SIGN_ON_RULE, rule, label));
        continue;
      }
      judged++;
      const e = named(ev(SIGN_ON_RULE, rule, path), label);
      const good = ok(at(rule.body, path));
      evidence.push(good ? e : failing(e));
      if (!good) bad.push(`rule "${nameOf(rule)}" of "${nameOf(policy)}" has ${JSON.stringify(e.value)}`);
    }
  }
  if (bad.length) return fail(`${field} must be ${want}: ${bad.join('; ')}.`, evidence);
  return pass(
    `${field} is ${want} in every reachable rule of every active global session policy (${judged}).`,
    evidence,
  );
}
