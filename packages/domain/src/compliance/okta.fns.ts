import { at, compareStrings, num } from './compliance.fns.ts';
import type { ComplianceSnapshot, SnapshotObject } from './types.ts';

/**
 * Reading Okta objects out of a snapshot. Configuration types are small (policies, zones, apps), so
 * these collect them sorted by id, which keeps reasons and evidence independent of storage order.
 * Users are never collected: see `countObjects`.
 */
export async function collect(snapshot: ComplianceSnapshot, type: string): Promise<SnapshotObject[]> {
  const out: SnapshotObject[] = [];
  for await (const o of snapshot.objects(type)) out.push(o);
  return out.sort((a, b) => compareStrings(a.id, b.id));
}

/**
 * Streams a type and counts matches, holding one object at a time (users: 100k+). `fields`: every
 * path `pred` reads, so a stored snapshot can hand over just those (decision 051).
 */
export async function countObjects(
  snapshot: ComplianceSnapshot,
  type: string,
  fields: readonly string[],
  pred: (o: SnapshotObject) => boolean,
) {
  let n = 0;
  for await (const o of snapshot.objects(type, { fields })) if (pred(o)) n++;
  return n;
}

export const isActive = (o: SnapshotObject) => at(o.body, 'status') === 'ACTIVE';

const byPriority = (a: SnapshotObject, b: SnapshotObject) =>
  (num(at(a.body, 'priority')) ?? Number.MAX_SAFE_INTEGER) - (num(at(b.body, 'priority')) ?? Number.MAX_SAFE_INTEGER) ||
  compareStrings(a.id, b.id);

/** Active policies of one type (`policy.PASSWORD`), in Okta's evaluation order. */
export async function activePolicies(snapshot: ComplianceSnapshot, type: string): Promise<SnapshotObject[]> {
  return (await collect(snapshot, type)).filter(isActive).sort(byPriority);
}

/** The type key of a policy type's rules, as the connector stores them (`policy.PASSWORD.rule`). */
export const rulesOf = (policyType: string) => `${policyType}.rule`;
export const SIGN_ON_RULE = rulesOf('policy.OKTA_SIGN_ON');
export const ACCESS_RULE = rulesOf('policy.ACCESS_POLICY');

/**
 * Active rules of every policy of one type (`policy.OKTA_SIGN_ON`), keyed by policy id, in evaluation
 * order. Rule ids are `<policyId>/<ruleId>`: the connector prefixes a child with its parent's key.
 */
export async function activeRulesByPolicy(
  snapshot: ComplianceSnapshot,
  policyType: string,
): Promise<Map<string, SnapshotObject[]>> {
  const map = new Map<string, SnapshotObject[]>();
  for (const rule of await collect(snapshot, rulesOf(policyType))) {
    if (!isActive(rule)) continue;
    const policyId = rule.id.slice(0, rule.id.indexOf('/'));
    map.set(policyId, [...(map.get(policyId) ?? []), rule]);
  }
  for (const rules of map.values()) rules.sort(byPriority);
  return map;
}

/** Okta's catch-all rule: created by Okta, named "Default Rule" (or "Catch-all Rule" in access policies). */
export const isSystemRule = (rule: SnapshotObject) => at(rule.body, 'system') === true;

/** The org's default policy of a type is the one Okta created (`system: true`). */
export const isSystemPolicy = (policy: SnapshotObject) => at(policy.body, 'system') === true;

export const APP_POLICY_MAPPING = 'policy.ACCESS_POLICY.mapping';
const lastSegment = (href: unknown) =>
  typeof href === 'string' ? href.slice(href.lastIndexOf('/') + 1) || undefined : undefined;

/** The authentication policy an app is governed by, from the one link the connector keeps on apps. */
export const accessPolicyIdOf = (app: SnapshotObject) => lastSegment(at(app.body, '_links.accessPolicy.href'));

/**
 * App id → authentication policy id, from either source a snapshot may hold: the app's kept
 * `_links.accessPolicy`, or the policy's mapping rows (`policy.ACCESS_POLICY.mapping`, id
 * `<policyId>/<mappingId>`, `_links.application.href`, as GET /api/v1/policies/{id}/mappings returns).
 */
export async function appPolicyMap(snapshot: ComplianceSnapshot): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (snapshot.has(APP_POLICY_MAPPING)) {
    for (const m of await collect(snapshot, APP_POLICY_MAPPING)) {
      const appId = lastSegment(at(m.body, '_links.application.href'));
      if (appId) map.set(appId, m.id.slice(0, m.id.indexOf('/')));
    }
  }
  if (snapshot.has('app')) {
    for (const app of await collect(snapshot, 'app')) {
      const policyId = accessPolicyIdOf(app);
      if (policyId) map.set(app.id, policyId);
    }
  }
  return map;
}
/** Whether a policy rule's network condition names zones (include or exclude). */
export function usesZones(rule: SnapshotObject): boolean {
  const net = at(rule.body, 'conditions.network');
  if (at(net, 'connection') !== 'ZONE') return false;
  const include = at(net, 'include');
  const exclude = at(net, 'exclude');
  return (Array.isArray(include) && include.length > 0) || (Array.isArray(exclude) && exclude.length > 0);
}
