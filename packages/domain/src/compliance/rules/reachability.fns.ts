import { at, str } from '../compliance.fns.ts';
import type { SnapshotObject } from '../types.ts';

/**
 * Which rules of one policy a sign-in can reach (decision 036). Okta evaluates a policy's active rules
 * in priority order and applies the first whose conditions all match, so a lower rule decides for
 * every request no higher rule matches: a second rule for another network zone or group is reachable
 * behind a compliant first rule and must be judged too.
 *
 * A rule is unreachable only when a higher active rule provably matches every request it matches:
 * each of the higher rule's conditions is either unrestricted (any network, anyone, any risk, …) or
 * identical to the lower rule's. Anything less certain (overlapping groups, zones whose ranges might
 * overlap, expressions) counts as reachable, so a finding is never hidden by a guess.
 */
export interface RuleReach {
  rule: SnapshotObject;
  /** The higher rule that matches everything this one does; absent when the rule is reachable. */
  shadowedBy?: SnapshotObject;
}

/**
 * A condition value that matches everything: absent, empty lists, `ANY`/`ANYWHERE`, objects of those,
 * and lists of such objects (an access policy's `platform.include: [{ type: 'ANY', os: { type: 'ANY' } }]`).
 */
export function isUnrestricted(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.every((x) => x !== null && typeof x === 'object' && isUnrestricted(x));
  if (typeof value === 'string') return value === 'ANY' || value === 'ANYWHERE';
  if (typeof value === 'object') return Object.values(value).every(isUnrestricted);
  return false;
}

/** JSON with sorted keys, so two conditions compare by content whatever their key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** True when every request `lower` matches is matched by `higher` (see the module comment). */
export function covers(higher: SnapshotObject, lower: SnapshotObject): boolean {
  const hc = at(higher.body, 'conditions');
  if (isUnrestricted(hc)) return true;
  if (typeof hc !== 'object' || hc === null) return false;
  const lc = at(lower.body, 'conditions');
  return Object.entries(hc).every(([key, cond]) => isUnrestricted(cond) || stable(cond) === stable(at(lc, key)));
}

/** Each rule (active, in priority order, as `activeRulesByPolicy` gives them) with what shadows it. */
export function reachOf(rules: readonly SnapshotObject[]): RuleReach[] {
  return rules.map((rule, i) => {
    const shadowedBy = rules.slice(0, i).find((higher) => covers(higher, rule));
    return shadowedBy ? { rule, shadowedBy } : { rule };
  });
}

export const nameOf = (o: SnapshotObject) => str(at(o.body, 'name')) ?? o.id;

/** How evidence and reasons name a policy rule: `Policy › Rule`, by name, never by id. */
export const ruleLabel = (policy: SnapshotObject, rule: SnapshotObject) => `${nameOf(policy)} › ${nameOf(rule)}`;
