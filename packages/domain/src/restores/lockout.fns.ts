import { hitsAt } from '../snapshots/paths.fns.ts';
import type { PlannedStep } from './types.ts';

/**
 * Which steps can lock admins out of the org (issue 16, item 7). Like the compliance rules, this is
 * Okta product knowledge kept in the domain: the global session policy, authenticator enrollment
 * policies, the Okta Admin Console's sign-in policy (its rules and its app mapping), and the network
 * zones any of them names. Such a step is flagged, naming the admins it affects, and applying the
 * plan needs an explicit acknowledgement (request-restore-apply.ts).
 */
export const GUARDED_TYPES: Readonly<Record<string, string>> = {
  'policy.OKTA_SIGN_ON': 'the global session policy',
  'policy.OKTA_SIGN_ON.rule': 'a rule of the global session policy',
  'policy.MFA_ENROLL': 'an authenticator enrollment policy',
  'policy.MFA_ENROLL.rule': 'a rule of an authenticator enrollment policy',
};
export const ACCESS_POLICY = 'policy.ACCESS_POLICY';
/** Okta's internal name of the Admin Console app, and the default name of its sign-in policy. */
export const ADMIN_CONSOLE_APP = 'saasure';
export const ADMIN_CONSOLE_POLICY_NAME = 'Okta Admin Console';
export const ZONE_TYPE = 'network_zone';
const ZONE_PATHS = ['conditions.network.include[]', 'conditions.network.exclude[]'];

export interface LockoutFacts {
  /** Ids of the Admin Console's sign-in policies (from the app's policy mapping). */
  adminPolicies: ReadonlySet<string>;
  /** Ids of the Okta Admin Console app. */
  adminApps: ReadonlySet<string>;
  /** Zones a guarded policy or rule names, with what names them. */
  zones: ReadonlyMap<string, string>;
  /** Users holding admin roles, by name. */
  admins: readonly string[];
}

type StepLike = Pick<PlannedStep, 'type' | 'id' | 'action' | 'desired' | 'live'>;

const parentId = (id: string) => id.slice(0, Math.max(0, id.lastIndexOf('/')));
const ownId = (id: string) => id.slice(id.lastIndexOf('/') + 1);
const nameOf = (b: unknown) => (b && typeof b === 'object' ? (b as { name?: unknown }).name : undefined);

/** What a policy or rule object is, if it is one that guards admin sign-in (zones aside). */
export function guardedReason(
  type: string,
  id: string,
  body: unknown,
  adminPolicies: ReadonlySet<string>,
): string | undefined {
  if (GUARDED_TYPES[type]) return GUARDED_TYPES[type];
  if (type === ACCESS_POLICY && (adminPolicies.has(id) || nameOf(body) === ADMIN_CONSOLE_POLICY_NAME))
    return "the Okta Admin Console's sign-in policy";
  if (type === `${ACCESS_POLICY}.rule` && adminPolicies.has(parentId(id)))
    return "a rule of the Okta Admin Console's sign-in policy";
  return undefined;
}

/** Zone ids a body names in its network conditions. */
export const zonesNamedBy = (body: unknown): string[] =>
  ZONE_PATHS.flatMap((p) => hitsAt(body, p).map((h) => String(h.value)));

/** Why a step is a lockout risk, or undefined. Skips change nothing, so they never are. */
export function lockoutReason(s: StepLike, f: Omit<LockoutFacts, 'admins'>): string | undefined {
  if (s.action === 'skip') return undefined;
  const guarded = guardedReason(s.type, s.id, s.desired ?? s.live, f.adminPolicies);
  if (guarded) return guarded;
  if (s.type === `${ACCESS_POLICY}.mapping` && (f.adminApps.has(ownId(s.id)) || f.adminPolicies.has(parentId(s.id))))
    return "the Okta Admin Console's sign-in policy assignment";
  if (s.type === ZONE_TYPE && f.zones.has(s.id)) return `a network zone used by ${f.zones.get(s.id)}`;
  return undefined;
}

/** Adds a `lockout` caveat to each risky step; returns how many there are. */
export function markLockout(steps: (StepLike & Pick<PlannedStep, 'caveats'>)[], f: LockoutFacts): number {
  let n = 0;
  const who = f.admins.length
    ? `admins it affects: ${f.admins.slice(0, 20).join(', ')}${f.admins.length > 20 ? `, and ${f.admins.length - 20} more` : ''}`
    : 'no admin found in the snapshot';
  for (const s of steps) {
    const reason = lockoutReason(s, f);
    if (!reason) continue;
    n++;
    s.caveats.push({
      kind: 'lockout',
      reason,
      admins: [...f.admins],
      message: `Lockout risk: changes ${reason} (${who}). Applying needs an explicit acknowledgement`,
    });
  }
  return n;
}
