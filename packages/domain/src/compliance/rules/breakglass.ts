import { at, evValue, fail, manual, markFailing, named, notApplicable, pass, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, ComplianceSnapshot, Evidence, Outcome, RuleContext, SnapshotObject } from '../types.ts';

/**
 * Break-glass accounts declared on the connection (decision 037), judged by their own checks instead
 * of the coverage rules (MFA, session) that leave aside policy rules meant only for them.
 */
const DAY_MS = 86_400_000;
/** A sign-in this recent is a use of the emergency account: a finding someone reviews. */
export const RECENT_USE_DAYS = 30;
/** No sign-in for this long (or never): the account has not been tested and may not work when needed. */
export const UNTESTED_DAYS = 365;

const frameworks = (nist: string[], soc2: string[], iso: string[]) => ({ soc2, iso27001: iso, nist80053: nist });
const NONE = 'No break-glass accounts are declared for this connection.';
const loginOf = (u: SnapshotObject | undefined, id: string) => str(at(u?.body, 'profile.login')) ?? id;

interface Declared {
  id: string;
  user: SnapshotObject | undefined;
}

async function declared(s: ComplianceSnapshot, ctx: RuleContext): Promise<Declared[]> {
  const ids = [...new Set(ctx.breakGlass?.userIds ?? [])].sort();
  return Promise.all(ids.map(async (id) => ({ id, user: await s.get('user', id) })));
}

/** Runs `judge` on the declared accounts present in the snapshot; the EXISTS rule reports the others. */
async function judgePresent(
  s: ComplianceSnapshot,
  ctx: RuleContext,
  judge: (present: (Declared & { user: SnapshotObject })[]) => Outcome | Promise<Outcome>,
): Promise<Outcome> {
  const all = await declared(s, ctx);
  if (all.length === 0) return notApplicable(NONE);
  const present = all.filter((d): d is Declared & { user: SnapshotObject } => d.user !== undefined);
  if (present.length === 0)
    return fail(
      `None of the ${all.length} declared break-glass accounts is in the snapshot (see OKTA-BREAKGLASS-EXISTS).`,
    );
  return judge(present);
}

/**
 * The groups a user is in beyond Everyone (the built-in group of all users) and dedicated break-glass
 * groups: a group every member of which is a declared break-glass account.
 */
async function everydayGroups(s: ComplianceSnapshot, declaredIds: Set<string>) {
  const members = new Map<string, string[]>();
  for (const row of await collect(s, 'group.member')) {
    const groupId = row.id.split('/')[0]!;
    const userId = str(at(row.body, 'id')) ?? row.id.split('/')[1]!;
    members.set(groupId, [...(members.get(groupId) ?? []), userId]);
  }
  const groups = new Map((await collect(s, 'group')).map((g) => [g.id, g]));
  const everyday = new Map<string, SnapshotObject[]>();
  for (const [groupId, users] of members) {
    const group = groups.get(groupId);
    if (at(group?.body, 'type') === 'BUILT_IN' && at(group?.body, 'profile.name') === 'Everyone') continue;
    if (users.every((u) => declaredIds.has(u))) continue; // a dedicated break-glass group
    for (const u of users.filter((x) => declaredIds.has(x)))
      everyday.set(u, [...(everyday.get(u) ?? []), group ?? { id: groupId, body: {} }]);
  }
  return everyday;
}

const groupName = (g: SnapshotObject) => str(at(g.body, 'profile.name')) ?? g.id;

export const breakGlassRules: ComplianceRule[] = [
  {
    id: 'OKTA-BREAKGLASS-EXISTS',
    title: 'Declared break-glass accounts exist',
    severity: 'CAT II',
    frameworks: frameworks(['AC-2(2)'], ['CC6.2'], ['A.5.16']),
    reads: [{ type: 'user', fields: ['id', 'profile.login'] }],
    check: 'Every break-glass account declared on the connection is a user in the snapshot',
    async evaluate(s, ctx) {
      const all = await declared(s, ctx);
      if (all.length === 0) return notApplicable(NONE);
      const evidence = all.map((d) =>
        named(evValue('user', d.id, 'in snapshot', d.user !== undefined), loginOf(d.user, d.id)),
      );
      const missing = all.filter((d) => !d.user);
      if (missing.length)
        return fail(
          `Declared break-glass account${missing.length === 1 ? '' : 's'} not in the snapshot (deleted or renamed in Okta?): ${missing.map((d) => d.id).join(', ')}.`,
          markFailing(
            evidence,
            missing.map((d) => d.id),
          ),
        );
      return pass(
        `All ${all.length} declared break-glass accounts exist: ${all.map((d) => loginOf(d.user, d.id)).join(', ')}.`,
        evidence,
      );
    },
  },
  {
    id: 'OKTA-BREAKGLASS-ENABLED',
    title: 'Break-glass accounts are enabled',
    severity: 'CAT II',
    frameworks: frameworks(['AC-2(2)'], ['CC6.2'], ['A.5.16']),
    reads: [{ type: 'user', fields: ['status', 'profile.login'] }],
    check: 'Every declared break-glass account has status ACTIVE, so it works when it is needed',
    evaluate: (s, ctx) =>
      judgePresent(s, ctx, (present) => {
        const evidence = present.map((d) =>
          named(evValue('user', d.id, 'status', at(d.user.body, 'status')), loginOf(d.user, d.id)),
        );
        const off = present.filter((d) => at(d.user.body, 'status') !== 'ACTIVE');
        if (off.length)
          return fail(
            `Break-glass account${off.length === 1 ? '' : 's'} not active: ${off.map((d) => `${loginOf(d.user, d.id)} (${String(at(d.user.body, 'status'))})`).join(', ')}.`,
            markFailing(
              evidence,
              off.map((d) => d.id),
            ),
          );
        return pass(`Every break-glass account (${present.length}) is active.`, evidence);
      }),
  },
  {
    id: 'OKTA-BREAKGLASS-GROUPS',
    title: 'Break-glass accounts are kept out of everyday groups',
    severity: 'CAT II',
    frameworks: frameworks(['AC-2(2)', 'AC-6'], ['CC6.3'], ['A.8.2']),
    reads: [
      // Optional so that a connection without break-glass accounts is NOT_APPLICABLE, not MANUAL.
      { type: 'group', fields: ['type', 'profile.name'], optional: true },
      { type: 'group.member', fields: ['id (<groupId>/<userId>)'], optional: true },
      { type: 'user', fields: ['profile.login'] },
    ],
    check:
      'No declared break-glass account is in a group other than Everyone or a group whose members are all break-glass accounts',
    evaluate: (s, ctx) =>
      judgePresent(s, ctx, async (present) => {
        if (!s.has('group.member'))
          return manual(
            "The snapshot holds no group memberships (group.member): check the break-glass accounts' groups by hand.",
          );
        const everyday = await everydayGroups(s, new Set(present.map((d) => d.id)));
        const evidence: Evidence[] = present.map((d) =>
          named(
            evValue('group.member', d.id, 'everyday groups', (everyday.get(d.id) ?? []).map(groupName).sort()),
            loginOf(d.user, d.id),
          ),
        );
        const bad = present.filter((d) => everyday.has(d.id));
        if (bad.length)
          return fail(
            `Break-glass accounts in everyday groups (they inherit those groups' apps and policies): ${bad
              .map(
                (d) =>
                  `${loginOf(d.user, d.id)} in ${(everyday.get(d.id) ?? [])
                    .map((g) => `"${groupName(g)}"`)
                    .sort()
                    .join(', ')}`,
              )
              .join('; ')}.`,
            markFailing(
              evidence,
              bad.map((d) => d.id),
            ),
          );
        return pass(
          `No break-glass account (${present.length}) is in a group beyond Everyone and dedicated break-glass groups.`,
          evidence,
        );
      }),
  },
  {
    id: 'OKTA-BREAKGLASS-SIGN-IN',
    title: 'Break-glass sign-ins are reviewed and the accounts are tested yearly',
    severity: 'CAT III',
    frameworks: frameworks(['AC-2(2)', 'AC-2(4)'], ['CC6.2', 'CC7.2'], ['A.5.18', 'A.8.15']),
    reads: [{ type: 'user', fields: ['lastLogin', 'profile.login'] }],
    check: `No declared break-glass account signed in within ${RECENT_USE_DAYS} days before the snapshot (a use to review), and none went more than ${UNTESTED_DAYS} days (or forever) without a sign-in (untested)`,
    evaluate: (s, ctx) =>
      judgePresent(s, ctx, (present) => {
        const now = s.takenAt.getTime();
        const evidence = present.map((d) =>
          named(evValue('user', d.id, 'lastLogin', at(d.user.body, 'lastLogin')), loginOf(d.user, d.id)),
        );
        const findings: string[] = [];
        const flagged: string[] = [];
        for (const d of present) {
          const last = str(at(d.user.body, 'lastLogin'));
          const days = last ? Math.floor((now - Date.parse(last)) / DAY_MS) : undefined;
          const before = findings.length;
          if (days === undefined) findings.push(`${loginOf(d.user, d.id)} has never signed in (untested)`);
          else if (days <= RECENT_USE_DAYS)
            findings.push(`${loginOf(d.user, d.id)} signed in ${days} days before the snapshot (review why)`);
          else if (days > UNTESTED_DAYS)
            findings.push(
              `${loginOf(d.user, d.id)} last signed in ${days} days before the snapshot (untested for over a year)`,
            );
          if (findings.length > before) flagged.push(d.id);
        }
        if (findings.length) return fail(`${findings.join('; ')}.`, markFailing(evidence, flagged));
        return pass(
          `Every break-glass account (${present.length}) was last used between ${RECENT_USE_DAYS} and ${UNTESTED_DAYS} days before the snapshot.`,
          evidence,
        );
      }),
  },
];
