import { at, evValue, fail, failing, manual, named, pass, str } from '../compliance.fns.ts';
import { ACCESS_RULE, activeRulesByPolicy, appPolicyMap, collect } from '../okta.fns.ts';
import type { BreakGlassInput, ComplianceSnapshot, Evidence, Outcome, ReadSpec, SnapshotObject } from '../types.ts';
import { breakGlassEvidence, targetsOnlyBreakGlass } from './breakglass.fns.ts';
import { nameOf, reachOf, ruleLabel } from './reachability.fns.ts';

/** Okta's own apps, by the `name` Okta gives them and the name of the authentication policy it presets. */
export interface FirstPartyApp {
  label: string;
  appName: string;
  policyName: string;
}
export const ADMIN_CONSOLE: FirstPartyApp = {
  label: 'Okta Admin Console',
  appName: 'saasure',
  policyName: 'Okta Admin Console',
};
export const DASHBOARD: FirstPartyApp = {
  label: 'Okta Dashboard',
  appName: 'okta_enduser',
  policyName: 'Okta Dashboard',
};

export type RuleVerdict = 'ok' | 'bad' | 'unknown';

export const accessPolicyReads = (fields: string[]): ReadSpec[] => [
  { type: 'policy.ACCESS_POLICY', fields: ['id', 'name', 'status'] },
  { type: ACCESS_RULE, fields: ['status', 'priority', 'name', 'conditions', 'actions.appSignOn.access', ...fields] },
  { type: 'app', fields: ['name', '_links.accessPolicy.href'], optional: true },
  { type: 'policy.ACCESS_POLICY.mapping', fields: ['_links.application.href'], optional: true },
];

/**
 * The authentication policy of one of Okta's own apps: through the app → policy mapping when the
 * snapshot has apps, else by the preset policy's name (Okta names them after the app).
 */
export async function firstPartyPolicy(
  s: ComplianceSnapshot,
  target: FirstPartyApp,
): Promise<SnapshotObject | undefined> {
  if (s.has('app')) {
    const app = (await collect(s, 'app')).find((a) => at(a.body, 'name') === target.appName);
    const linked = app && (await appPolicyMap(s)).get(app.id);
    const policy = linked ? await s.get('policy.ACCESS_POLICY', linked) : undefined;
    if (policy) return policy;
  }
  return (await collect(s, 'policy.ACCESS_POLICY')).find((p) => at(p.body, 'name') === target.policyName);
}

/**
 * Judges every active rule of the app's policy that lets users in and that a sign-in can reach. The
 * STIG looks at the top rule; Okta applies the first rule whose conditions match, so a user a higher
 * rule does not match (another zone, another group) gets a lower rule's requirement. A rule a higher
 * rule provably shadows is listed in the evidence, not judged (reachability.fns.ts, decision 036).
 * Evidence names the policy and rule (`Okta Dashboard › Rule`). A rule that targets only declared
 * break-glass accounts is listed, not judged: OKTA-BREAKGLASS-* judge those accounts (decision 037).
 */
export async function checkAllowRules(
  s: ComplianceSnapshot,
  target: FirstPartyApp,
  judge: (rule: SnapshotObject) => { verdict: RuleVerdict; evidence: Evidence[] },
  want: string,
  breakGlass?: BreakGlassInput,
): Promise<Outcome> {
  const policy = await firstPartyPolicy(s, target);
  if (!policy)
    return manual(
      `The snapshot has no authentication policy for the ${target.label} (app "${target.appName}" or policy "${target.policyName}").`,
    );
  const reach = reachOf((await activeRulesByPolicy(s, 'policy.ACCESS_POLICY')).get(policy.id) ?? []);
  const evidence: Evidence[] = [
    named(evValue('policy.ACCESS_POLICY', policy.id, 'name', at(policy.body, 'name')), nameOf(policy)),
  ];
  for (const { rule, shadowedBy } of reach) {
    if (shadowedBy)
      evidence.push(
        named(
          evValue(ACCESS_RULE, rule.id, 'unreachable: every request it matches meets rule', nameOf(shadowedBy)),
          ruleLabel(policy, rule),
        ),
      );
  }
  const allowing = reach
    .filter((x) => !x.shadowedBy && at(x.rule.body, 'actions.appSignOn.access') !== 'DENY')
    .map((x) => x.rule);
  for (const r of allowing.filter((r) => targetsOnlyBreakGlass(r, breakGlass)))
    evidence.push(breakGlassEvidence(ACCESS_RULE, r, ruleLabel(policy, r)));
  const rules = allowing.filter((r) => !targetsOnlyBreakGlass(r, breakGlass));
  if (rules.length === 0)
    return pass(`No reachable active rule of the ${target.label} policy lets anyone in.`, evidence);
  const verdicts = rules.map((r) => ({ r, ...judge(r) }));
  for (const v of verdicts)
    evidence.push(
      ...v.evidence.map((e) =>
        v.verdict === 'bad' ? failing(named(e, ruleLabel(policy, v.r))) : named(e, ruleLabel(policy, v.r)),
      ),
    );
  const names = (vs: typeof verdicts) => vs.map((v) => `"${str(at(v.r.body, 'name')) ?? v.r.id}"`).join(', ');
  const bad = verdicts.filter((v) => v.verdict === 'bad');
  if (bad.length)
    return fail(
      `The ${target.label} policy ("${nameOf(policy)}") lets users in without ${want}: rule ${names(bad)}.`,
      evidence,
    );
  const unknown = verdicts.filter((v) => v.verdict === 'unknown');
  if (unknown.length)
    return manual(
      `Rule ${names(unknown)} of the ${target.label} policy uses a verification method Butterfly does not judge (authentication method chain); check it by hand.`,
      evidence,
    );
  return pass(
    `Every reachable rule of the ${target.label} policy that allows access (${rules.length}) requires ${want}.`,
    evidence,
  );
}
