import { oktaId } from '../model/ids.ts';
import type { Org } from '../orgs/org.ts';
import type { Json } from '../model/types.ts';
import { ruleDefaults, rulePrefix, policyPrefix, reprioritize } from '../okta/policies.ts';

/**
 * What the org builders share: the org, the timestamp objects get (fixed for seeded orgs, so the
 * same seed gives the same JSON), and helpers that give objects ids and timestamps.
 */
export interface TBuild {
  org: Org;
  /** Epoch milliseconds of "org creation"; objects are stamped at or after it. */
  ms: number;
  /** ISO time `minutes` after org creation. */
  at(minutes?: number): string;
  id(prefix: string): string;
  /**
   * Stores `obj` in `table` with a new `prefix` id (unless it has one) and created/lastUpdated
   * (unless `stamped` is false: some Okta objects, such as scopes and claims, carry no timestamps).
   */
  put(table: string, prefix: string, obj: Json, minutes?: number, stamped?: boolean): Json;
}

export function newBuild(org: Org, ms: number): TBuild {
  const at = (minutes = 0) => new Date(ms + minutes * 60_000).toISOString();
  const id = (prefix: string) => oktaId(org.ids, prefix);
  return {
    org,
    ms,
    at,
    id,
    put(table, prefix, obj, minutes = 0, stamped = true) {
      const full = {
        id: obj.id ?? id(prefix),
        ...obj,
        ...(stamped ? { created: at(minutes), lastUpdated: at(minutes) } : {}),
      };
      org.data.table(table).set(full.id, full);
      return full;
    },
  };
}

export interface TRuleSeed extends Json {
  name: string;
}

/** A policy with its rules, priorities dense and system rules last, as Okta keeps them. */
export function addPolicy(b: TBuild, policy: Json, rules: TRuleSeed[] = [], minutes = 0): Json {
  const stored = b.put(
    'policies',
    policyPrefix(policy.type),
    { status: 'ACTIVE', description: null, priority: 1, system: false, conditions: null, ...policy },
    minutes,
  );
  addRules(b, stored, rules, minutes);
  reprioritize([...b.org.data.table('policies').values()].filter((p) => p.type === policy.type));
  return stored;
}

/** Rules added to a policy, ahead of its system rule unless they say otherwise. */
export function addRules(b: TBuild, policy: Json, rules: TRuleSeed[], minutes = 0): void {
  const table = `rules:${policy.id}`;
  for (const rule of rules) {
    const full = ruleDefaults({ id: b.id(rulePrefix(policy.type)), ...rule }, policy.type);
    b.org.data.table(table).set(full.id, { ...full, created: b.at(minutes), lastUpdated: b.at(minutes) });
  }
  reprioritize([...b.org.data.table(table).values()]);
}
