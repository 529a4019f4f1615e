import { at, evValue, named } from '../compliance.fns.ts';
import type { BreakGlassInput, Evidence, SnapshotObject } from '../types.ts';

/** The rule ids that judge break-glass accounts themselves; coverage rules point to them. */
export const BREAK_GLASS_RULES = 'OKTA-BREAKGLASS-*';

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * A policy rule meant only for break-glass accounts (decision 037): it names users and only declared
 * break-glass users (`people.users.include`), and no group. Anyone else a rule could match (a group, a
 * wider condition) keeps it in coverage, so a declaration never hides an everyday account.
 */
export function targetsOnlyBreakGlass(rule: SnapshotObject, breakGlass: BreakGlassInput | undefined): boolean {
  if (!breakGlass?.userIds.length) return false;
  const users = ids(at(rule.body, 'conditions.people.users.include'));
  const groups = ids(at(rule.body, 'conditions.people.groups.include'));
  const declared = new Set(breakGlass.userIds);
  return users.length > 0 && groups.length === 0 && users.every((u) => declared.has(u));
}

/** What a coverage rule records about a rule it left aside: who it targets, and which rules judge them. */
export function breakGlassEvidence(type: string, rule: SnapshotObject, label: string): Evidence {
  return named(
    evValue(
      type,
      rule.id,
      `break-glass only (judged by ${BREAK_GLASS_RULES}): conditions.people.users.include`,
      at(rule.body, 'conditions.people.users.include'),
    ),
    label,
  );
}
