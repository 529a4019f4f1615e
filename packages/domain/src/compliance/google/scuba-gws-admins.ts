import { at, count, fail, pass, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, ComplianceSnapshot, Evidence, SnapshotObject } from '../types.ts';
import { parentPath } from './effective-settings.fns.ts';
import { GOOGLE_FRAMEWORKS as F } from './scuba-gws.fns.ts';

/**
 * The GWS.COMMONCONTROLS.6.x rules, which read the directory (super admins) and inbound SSO
 * assignments rather than policies (decision 065). Users are named by org unit, never by login
 * (Evidence.name: results are stored in the clear).
 */
const ADMIN = 'Google Admin console';
const USER_FIELDS = ['isAdmin', 'suspended', 'archived', 'orgUnitPath'];

/** Active super admins (`isAdmin`: the super-admin role), streamed: users can be many. */
async function superAdmins(s: ComplianceSnapshot): Promise<SnapshotObject[]> {
  const out: SnapshotObject[] = [];
  for await (const u of s.objects('user', { fields: USER_FIELDS }))
    if (at(u.body, 'isAdmin') === true && at(u.body, 'suspended') !== true && at(u.body, 'archived') !== true)
      out.push(u);
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const bare = (v: unknown, prefix: string) => str(v)?.replace(prefix, '');

/**
 * A user's effective inbound SSO assignment: a group assignment of one of their groups (the lowest
 * `rank` wins), else the assignment of their org unit or its nearest ancestor.
 */
async function ssoResolver(s: ComplianceSnapshot) {
  const assignments = await collect(s, 'inboundSsoAssignment');
  const ouPath = new Map(
    (s.has('orgUnit') ? await collect(s, 'orgUnit') : []).map((o) => [o.id, str(at(o.body, 'orgUnitPath'))]),
  );
  const byPath = new Map<string, SnapshotObject>();
  const byGroup = new Map<string, SnapshotObject>();
  for (const a of assignments) {
    const ou = bare(at(a.body, 'targetOrgUnit'), 'orgUnits/');
    const group = bare(at(a.body, 'targetGroup'), 'groups/');
    if (ou && ouPath.get(ou)) byPath.set(ouPath.get(ou)!, a);
    if (group) byGroup.set(group, a);
  }
  const groupsOf = new Map<string, string[]>();
  if (byGroup.size && s.has('group.members'))
    for (const gid of byGroup.keys()) {
      const members = (await s.get('group.members', gid))?.body;
      for (const m of (at(members, 'members') as unknown[] | undefined) ?? []) {
        const uid = str(at(m, 'id'));
        if (uid) groupsOf.set(uid, [...(groupsOf.get(uid) ?? []), gid]);
      }
    }
  const rank = (a: SnapshotObject) => Number(at(a.body, 'rank') ?? 0);
  return (u: SnapshotObject): { assignment?: SnapshotObject; where: string } => {
    const viaGroup = (groupsOf.get(u.id) ?? []).map((g) => byGroup.get(g)!).sort((a, b) => rank(a) - rank(b))[0];
    if (viaGroup) return { assignment: viaGroup, where: `a group (${str(at(viaGroup.body, 'targetGroup'))})` };
    let path: string | undefined = str(at(u.body, 'orgUnitPath')) ?? '/';
    while (path !== undefined && !byPath.has(path)) path = parentPath(path);
    return path === undefined ? { where: 'no assignment' } : { assignment: byPath.get(path), where: path };
  };
}

const CLOUD_ONLY = new Set(['SSO_OFF', 'SSO_MODE_UNSPECIFIED']);

export const ADMIN_RULES: ComplianceRule[] = [
  {
    id: 'GWS.COMMONCONTROLS.6.1v1',
    title: 'Super admins sign in with Google accounts, not SSO',
    severity: 'CAT II',
    frameworks: F.privileged,
    requirement:
      'Privileged accounts SHALL be cloud-only: they SHALL NOT sign in through a third-party identity provider.',
    reads: [
      { type: 'user', fields: USER_FIELDS },
      { type: 'inboundSsoAssignment', fields: ['targetOrgUnit', 'targetGroup', 'rank', 'ssoMode'] },
      { type: 'orgUnit', fields: ['orgUnitPath'] },
      { type: 'group.members', fields: ['members[].id'], optional: true },
    ],
    check:
      "Each super admin's effective inbound SSO assignment (its group's, else its nearest org unit's) has ssoMode SSO_OFF or none",
    remediation: `${ADMIN} › Security › Authentication › SSO with third-party IdP: assign the super admins' org unit (or a group of them) "None" (no SSO profile).`,
    async evaluate(s) {
      const admins = await superAdmins(s);
      const resolve = await ssoResolver(s);
      const evidence: Evidence[] = [];
      const bad = new Map<string, number>();
      for (const u of admins) {
        const { assignment, where } = resolve(u);
        const mode = str(at(assignment?.body, 'ssoMode')) ?? 'SSO_MODE_UNSPECIFIED';
        const sso = !CLOUD_ONLY.has(mode);
        const ou = str(at(u.body, 'orgUnitPath')) ?? '/';
        if (sso) {
          const key = `in ${ou} (${mode}, assigned on ${where})`;
          bad.set(key, (bad.get(key) ?? 0) + 1);
        }
        evidence.push({
          type: 'user',
          id: u.id,
          path: 'ssoMode',
          value: mode,
          name: `super admin in ${ou}`,
          ...(sso ? { failed: true as const } : {}),
        });
      }
      const n = [...bad.values()].reduce((a, b) => a + b, 0);
      const where = [...bad].map(([k, c]) => `${c} ${k}`).join('; ');
      return n
        ? fail(
            `${count(n, 'super admin')} of ${admins.length} sign${n === 1 ? 's' : ''} in through SSO: ${where}.`,
            evidence,
          )
        : pass(`All ${count(admins.length, 'super admin')} sign in with their Google password.`, evidence);
    },
  },
  {
    id: 'GWS.COMMONCONTROLS.6.2v1',
    title: 'Between two and eight super admins',
    severity: 'CAT II',
    frameworks: F.privileged,
    requirement: 'A minimum of two and a maximum of eight separate super admin accounts SHALL exist.',
    reads: [{ type: 'user', fields: USER_FIELDS }],
    check: '2 ≤ number of active users with isAdmin = true ≤ 8',
    remediation: `${ADMIN} › Account › Admin roles › Super Admin › Admins: keep two to eight, each a separate person's admin account.`,
    async evaluate(s) {
      const admins = await superAdmins(s);
      const evidence = admins.map(
        (u): Evidence => ({
          type: 'user',
          id: u.id,
          path: 'isAdmin',
          value: true,
          name: `super admin in ${str(at(u.body, 'orgUnitPath')) ?? '/'}`,
        }),
      );
      const n = admins.length;
      return n >= 2 && n <= 8
        ? pass(`${count(n, 'super admin')} (required 2–8).`, evidence)
        : fail(`${count(n, 'super admin')} (required 2–8).`, evidence);
    },
  },
];
