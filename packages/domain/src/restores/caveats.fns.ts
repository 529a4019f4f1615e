import type { IdpManualStep, IdpObjectTypeInfo } from '../idp/types.ts';
import { hitsAt, valueAt } from '../snapshots/paths.fns.ts';
import type { Caveat, ObjectRef } from './types.ts';

/** Write-only secrets the snapshot only knows existed: they must come from the customer again. */
export function secretCaveats(info: IdpObjectTypeInfo, desired: unknown): Caveat[] {
  const never = info.restore?.secretsNotSent;
  return info.secretFields.flatMap((p) =>
    hitsAt(desired, p)
      .filter((h) => h.value !== null && h.value !== undefined && h.value !== '')
      .map((h) => ({
        kind: 'secret' as const,
        path: h.at,
        message: never
          ? `${h.at} is a write-only secret that cannot be restored: ${never}`
          : `${h.at} is a write-only secret: supply it at apply (a value or a vault reference), or re-enter it in the admin console afterwards`,
      })),
  );
}

const matches = (body: unknown, rules: { path: string; equals: unknown }[] | undefined) =>
  !!rules?.some((r) => valueAt(body, r.path) === r.equals);

export const isSystem = (info: IdpObjectTypeInfo, body: unknown) => matches(body, info.restore?.systemWhen);

export const derivedFrom = (info: IdpObjectTypeInfo, body: unknown) =>
  info.restore?.derivedWhen?.find((r) => valueAt(body, r.path) === r.equals)?.from;

export function newIdCaveat(label: string, referencedBy: (ObjectRef & { path: string; rewritten: boolean })[]): Caveat {
  const outside = referencedBy.filter((r) => !r.rewritten).length;
  const named = referencedBy.length ? `; ${referencedBy.length} reference(s) point at it` : '';
  const warn = outside
    ? `, ${outside} of them outside the scope keep the old id (include them to rewrite)`
    : referencedBy.length
      ? ', all rewritten'
      : '';
  return { kind: 'new_id', referencedBy, message: `${label} is re-created with a new id${named}${warn}` };
}

export function blastCaveat(b: { provision: number; deprovision: number }): Caveat {
  const parts = [
    b.provision ? `provision about ${b.provision} user(s)` : '',
    b.deprovision ? `deprovision about ${b.deprovision} user(s)` : '',
  ].filter(Boolean);
  return {
    kind: 'blast_radius',
    ...b,
    message: `Would ${parts.join(' and ')} (estimated from the snapshot's memberships)`,
  };
}

/**
 * Users reached by restoring this object: the members of the groups it assigns (or the user a row
 * assigns itself), those it reaches after the restore and not before (provisioned) and the reverse.
 * Users, not memberships: someone in two of the groups counts once.
 */
export function blastOf(
  info: IdpObjectTypeInfo,
  desired: unknown,
  live: unknown,
  members: (groupId: string) => readonly string[],
  gone: (id: string) => boolean = () => false,
) {
  const p = info.restore?.provisions;
  if (!p) return undefined;
  const reach = (b: unknown, skip: (g: string) => boolean = () => false): Set<string> => {
    if (b === undefined || ![undefined, 'ACTIVE'].includes(valueAt(b, 'status') as string | undefined))
      return new Set();
    if (p.perObject !== undefined) return new Set([String(valueAt(b, 'id') ?? '*')]);
    return new Set(
      hitsAt(b, p.groupsAt ?? 'id').flatMap((h) => (skip(String(h.value)) ? [] : members(String(h.value)))),
    );
  };
  // A live reference to a group that no longer exists (re-created by this plan) reaches nobody today.
  const before = reach(live, gone);
  const after = reach(desired);
  const provisioned = [...after].filter((u) => !before.has(u));
  const deprovisioned = [...before].filter((u) => !after.has(u));
  return provisioned.length || deprovisioned.length
    ? { provision: provisioned.length, deprovision: deprovisioned.length, users: [...provisioned, ...deprovisioned] }
    : undefined;
}

/** The step's caveat: where, what, for whom, in one line the preview shows. */
export function manualCaveat(m: IdpManualStep): Caveat {
  return {
    kind: 'manual',
    where: m.where,
    set: m.set,
    ...(m.appliesTo ? { appliesTo: m.appliesTo } : {}),
    message: `Set by hand in the admin console: ${m.where} → ${m.set.join('; ')}${m.appliesTo ? ` (for ${m.appliesTo})` : ''}`,
  };
}
