import { at, evValue, fail, manual, pass, str } from '../compliance.fns.ts';
import { ACCESS_RULE, activeRulesByPolicy, appPolicyMap, collect } from '../okta.fns.ts';
import type { ComplianceSnapshot, Evidence, Outcome, ReadSpec, SnapshotObject } from '../types.ts';

/** Okta's own apps, by the `name` Okta gives them and the name of the authentication policy it presets. */
export interface FirstPartyApp {
  label: string;
  appName: string;
  policyName: string;
}
export const ADMIN_CONSOLE: FirstPartyApp = { label: 'Okta Admin Console', appName: 'saasure', policyName: 'Okta Admin Console' };
export const DASHBOARD: FirstPartyApp = { label: 'Okta Dashboard', appName: 'okta_enduser', policyName: 'Okta Dashboard' };

export type RuleVerdict = 'ok' | 'bad' | 'unknown';

export const accessPolicyReads = (fields: string[]): ReadSpec[] => [
  { type: 'policy.ACCESS_POLICY', fields: ['id', 'name', 'status'] },
  { type: ACCESS_RULE, fields: ['status', 'priority', 'name', 'actions.appSignOn.access', ...fields] },
  { type: 'app', fields: ['name', '_links.accessPolicy.href'], optional: true },
  { type: 'policy.ACCESS_POLICY.mapping', fields: ['_links.application.href'], optional: true },
];

/**
 * The authentication policy of one of Okta's own apps: through the app → policy mapping when the
 * snapshot has apps, else by the preset policy's name (Okta names them after the app).
 */
export async function firstPartyPolicy(s: ComplianceSnapshot, target: FirstPartyApp): Promise<SnapshotObject | undefined> {
  if (s.has('app')) {
    const app = (await collect(s, 'app')).find((a) => at(a.body, 'name') === target.appName);
    const linked = app && (await appPolicyMap(s)).get(app.id);
    const policy = linked ? await s.get('policy.ACCESS_POLICY', linked) : undefined;
    if (policy) return policy;
  }
  return (await collect(s, 'policy.ACCESS_POLICY')).find((p) => at(p.body, 'name') === target.policyName);
}

/**
 * Judges every active rule of the app's policy that lets users in. The STIG looks at the top rule;
 * Butterfly looks at all of them, since a user matching a lower rule gets that rule's requirement.
 */
export async function checkAllowRules(
  s: ComplianceSnapshot,
  target: FirstPartyApp,
  judge: (rule: SnapshotObject) => { verdict: RuleVerdict; evidence: Evidence[] },
  want: string,
): Promise<Outcome> {
  const policy = await firstPartyPolicy(s, target);
  if (!policy) return manual(`The snapshot has no authentication policy for the ${target.label} (app "${target.appName}" or policy "${target.policyName}").`);
  const rules = ((await activeRulesByPolicy(s, 'policy.ACCESS_POLICY')).get(policy.id) ?? []).filter((r) => at(r.body, 'actions.appSignOn.access') !== 'DENY');
  const evidence: Evidence[] = [evValue('policy.ACCESS_POLICY', policy.id, 'name', at(policy.body, 'name'))];
  if (rules.length === 0) return pass(`No active rule of the ${target.label} policy lets anyone in.`, evidence);
  const verdicts = rules.map((r) => ({ r, ...judge(r) }));
  for (const v of verdicts) evidence.push(...v.evidence);
  const names = (vs: typeof verdicts) => vs.map((v) => `"${str(at(v.r.body, 'name')) ?? v.r.id}"`).join(', ');
  const bad = verdicts.filter((v) => v.verdict === 'bad');
  if (bad.length) return fail(`The ${target.label} policy lets users in without ${want}: rule ${names(bad)}.`, evidence);
  const unknown = verdicts.filter((v) => v.verdict === 'unknown');
  if (unknown.length) return manual(`Rule ${names(unknown)} of the ${target.label} policy uses a verification method Butterfly does not judge (authentication method chain); check it by hand.`, evidence);
  return pass(`Every rule of the ${target.label} policy that allows access (${rules.length}) requires ${want}.`, evidence);
}
