import { ALL_RULES } from './rulesets.ts';

/**
 * The types whose objects a scan streams instead of holding (users: 100k and more): a backup keeps a
 * projection of them (decision 051). Configuration types are small and read whole.
 */
const PROJECTED_TYPES = ['user'] as const;

/**
 * Per projected type, every field any rule of any rule set declares it reads, sorted: what a backup
 * keeps so that a scan opens one sealed projection instead of every body. A rule that streams a type
 * reads only fields it declares (rule-docs test), so the projection always holds them.
 */
export function projectedFields(): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, Set<string>>(PROJECTED_TYPES.map((t) => [t, new Set()]));
  for (const rule of ALL_RULES) for (const read of rule.reads) for (const f of read.fields) out.get(read.type)?.add(f);
  return new Map([...out].map(([t, fields]) => [t, [...fields].sort()]));
}
