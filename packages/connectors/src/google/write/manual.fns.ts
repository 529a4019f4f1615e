import type { IdpManualStep, IdpObjectRef } from '@butterfly/domain/idp';
import { MUTABLE_POLICY_TYPES } from '../catalog.ts';
import { googleTypeDef } from '../catalog.fns.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Where the Admin console shows each Policy API setting, by the setting type's prefix (longest
 * first wins). Paths as Google's help and ScubaGoggles' baselines name them; the value names are
 * the API's fields in words, since the console's labels differ by edition.
 */
const POLICY_CONSOLE: [prefix: string, path: string][] = [
  ['security.two_step_verification', 'Security → Authentication → 2-step verification'],
  ['security.password', 'Security → Authentication → Password management'],
  ['security.session_controls', 'Security → Access and data control → Google session control'],
  ['security.less_secure_apps', 'Security → Access and data control → Less secure apps'],
  [
    'security.super_admin_account_recovery',
    'Security → Authentication → Account recovery → Super admin account recovery',
  ],
  ['security.user_account_recovery', 'Security → Authentication → Account recovery → User account recovery'],
  ['security.login_challenges', 'Security → Authentication → Login challenges'],
  ['security.', 'Security'],
  ['api_controls.', 'Security → Access and data control → API controls'],
  ['provisioning.conflicting_accounts_management', 'Account → Account settings → Conflicting accounts management'],
  ['workspace_marketplace.', 'Apps → Google Workspace Marketplace apps → Settings'],
  ['data_regions.', 'Data → Compliance → Data regions'],
  ['rule.system_defined_alerts', 'Rules (Security → Alert center → Rules), system defined'],
  ['gmail.user_takeout', 'Data → Data import & export → Google Takeout → Gmail'],
  ['drive_and_docs.user_takeout', 'Data → Data import & export → Google Takeout → Drive and Docs'],
  ['calendar.user_takeout', 'Data → Data import & export → Google Takeout → Calendar'],
  ['gmail.', 'Apps → Google Workspace → Gmail → User settings'],
  ['drive_and_docs.', 'Apps → Google Workspace → Drive and Docs → Sharing settings'],
  ['calendar.', 'Apps → Google Workspace → Calendar'],
  ['sites.', 'Apps → Google Workspace → Sites'],
];

/** `minimumLength` → "Minimum length". */
const words = (k: string) => {
  const s = k
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** A value as the console shows it: On/Off, durations in days or hours, lists joined. */
function shown(v: unknown): string {
  if (v === true) return 'On';
  if (v === false) return 'Off';
  if (v === null || v === undefined) return 'not set';
  if (typeof v === 'string' && /^\d+s$/.test(v)) {
    const s = Number(v.slice(0, -1));
    if (s === 0) return '0 (never)';
    if (s % 86_400 === 0) return `${s / 86_400} day(s)`;
    if (s % 3600 === 0) return `${s / 3600} hour(s)`;
    return `${s} second(s)`;
  }
  return typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** Leaf fields of a body, `a.b` for nested ones (lists as one value). */
function leaves(v: unknown, at = ''): [string, unknown][] {
  if (!isObj(v)) return at ? [[at, v]] : [];
  return Object.entries(v).flatMap(([k, x]) => leaves(x, at ? `${at}.${k}` : k));
}

/** "Field: value" for each leaf the snapshot has and the live org does not (all of them when it is gone). */
function changedSettings(desired: unknown, live: unknown, skip: readonly string[] = []): string[] {
  const now = new Map(leaves(live));
  return leaves(desired)
    .filter(([k]) => !skip.some((s) => k === s || k.startsWith(`${s}.`)))
    .filter(([k, v]) => JSON.stringify(now.get(k)) !== JSON.stringify(v))
    .map(([k, v]) => `${k.split('.').map(words).join(' → ')}: ${shown(v)}`);
}

const afterPrefix = (v: unknown, prefix: string) =>
  typeof v === 'string' && v.startsWith(prefix) ? v.slice(prefix.length) : undefined;

/** Where a policy applies, as the console shows it: the org unit's path, or the group's email. */
function policyTarget(body: Obj, bodyOf: (ref: IdpObjectRef) => unknown): string | undefined {
  const q = isObj(body.policyQuery) ? body.policyQuery : {};
  const ou = afterPrefix(q.orgUnit, 'orgUnits/');
  if (ou) {
    const path = (bodyOf({ type: 'orgUnit', id: ou }) as Obj | undefined)?.orgUnitPath;
    if (path === '/') return '/ (the top-level organizational unit)';
    return typeof path === 'string' ? path : `org unit ${ou}`;
  }
  const g = afterPrefix(q.group, 'groups/');
  if (g) {
    const email = (bodyOf({ type: 'group', id: g }) as Obj | undefined)?.email;
    return `group ${typeof email === 'string' ? email : g}`;
  }
  return undefined;
}

/**
 * What a person sets by hand for an object the API cannot write (decision 066): a Policy API
 * setting outside the v1beta1 mutable subset, the customer profile, a domain, an inbound SSO
 * profile or assignment, a user, a changed role assignment. Undefined: the restore writes it (or,
 * for a deletion, nothing needs saying beyond the skipped step).
 */
export function googleManualStep(
  o: IdpObjectRef & { desired?: unknown; live?: unknown },
  bodyOf: (ref: IdpObjectRef) => unknown,
): IdpManualStep | undefined {
  if (!isObj(o.desired)) return undefined;
  const def = googleTypeDef(o.type);
  const d = o.desired;
  switch (def.type) {
    case 'policy': {
      const type = String((d.setting as Obj | undefined)?.type ?? '');
      if (MUTABLE_POLICY_TYPES.includes(type)) return undefined;
      const key = type.replace(/^settings\//, '');
      const where = POLICY_CONSOLE.find(([p]) => key.startsWith(p))?.[1] ?? `Admin console setting ${key}`;
      const value = (d.setting as Obj | undefined)?.value;
      const before = isObj(o.live) ? (o.live.setting as Obj | undefined)?.value : undefined;
      const set = changedSettings(value, before);
      const appliesTo = policyTarget(d, bodyOf);
      return { where, set: set.length ? set : ['(as in the snapshot)'], ...(appliesTo ? { appliesTo } : {}) };
    }
    case 'roleAssignment':
      // Created and deleted through the API; an assignment is never edited in place.
      return isObj(o.live)
        ? { where: def.console, set: ['Remove the assignment and assign the role again as in the snapshot'] }
        : undefined;
    case 'domain':
      return { where: def.console, set: [`Add domain ${String(d.domainName)} and verify it (DNS)`] };
    case 'domainAlias':
      return {
        where: def.console,
        set: [`Add alias ${String(d.domainAliasName)} of ${String(d.parentDomainName)} and verify it (DNS)`],
      };
    case 'user': {
      const email = String(d.primaryEmail ?? o.id);
      return isObj(o.live)
        ? { where: `${def.console} → ${email}`, set: changedSettings(d, o.live, [...(def.volatile ?? []), 'id']) }
        : { where: def.console, set: [`Add user ${email} (a new password; 2-step verification enrolled again)`] };
    }
    default: {
      if (def.restore?.create || def.restore?.update) return undefined;
      const set = changedSettings(d, o.live, [...(def.volatile ?? []), 'name', 'customer', 'kind', 'id']);
      return { where: def.console, set: set.length ? set : ['(as in the snapshot)'] };
    }
  }
}
