import { at, ev, evValue, fail, manual, num, pass } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, ComplianceSnapshot } from '../types.ts';
import { ADMIN_CONSOLE, accessPolicyReads, checkAllowRules } from './access-policy.fns.ts';
import { roleTypesByUser } from './admins.fns.ts';
import { beyondStig } from './frameworks.ts';
import { requiresTwoFactors } from './mfa.ts';

const MAX_SUPER_ADMINS = 15;
const ROLE_READS = [{ type: 'admin_assignee.role', fields: ['id (<userId>/…)', 'type', 'status'] }];

/** Admin and super admin counts; undefined when the snapshot has none, which no real org has. */
async function adminCounts(s: ComplianceSnapshot) {
  const roles = await roleTypesByUser(s);
  if (roles.size === 0) return undefined;
  const supers = [...roles.values()].filter((types) => types.has('SUPER_ADMIN')).length;
  return { admins: roles.size, supers };
}
const NO_ADMINS =
  'The snapshot holds no admin role assignments; every org has a super administrator, so the backup missed them.';

export const hardeningRules: ComplianceRule[] = [
  {
    id: 'OKTA-HARDEN-ADMIN-MFA',
    title: 'Admin Console requires MFA (Okta hardening)',
    severity: 'CAT I',
    frameworks: beyondStig(['CC6.1', 'CC6.6'], ['A.8.2', 'A.8.5']),
    reads: accessPolicyReads([
      'actions.appSignOn.verificationMethod.type',
      'actions.appSignOn.verificationMethod.factorMode',
    ]),
    check: 'Okta Admin Console policy: every reachable allowing rule has factorMode 2FA',
    evaluate: (s, ctx) => checkAllowRules(s, ADMIN_CONSOLE, requiresTwoFactors, 'two factors', ctx.breakGlass),
  },
  {
    id: 'OKTA-HARDEN-SUPER-ADMIN-COUNT',
    title: 'No more than 15 super administrators',
    severity: 'CAT II',
    frameworks: beyondStig(['CC6.3'], ['A.8.2']),
    reads: ROLE_READS,
    check: `Users holding SUPER_ADMIN ≤ ${MAX_SUPER_ADMINS}`,
    async evaluate(s) {
      const c = await adminCounts(s);
      if (!c) return manual(NO_ADMINS);
      const evidence = [evValue('admin_assignee.role', '*', 'count(users with SUPER_ADMIN)', c.supers)];
      if (c.supers <= MAX_SUPER_ADMINS)
        return pass(`${c.supers} super administrators (at most ${MAX_SUPER_ADMINS}).`, evidence);
      return fail(`${c.supers} super administrators; Okta advises at most ${MAX_SUPER_ADMINS}.`, evidence);
    },
  },
  {
    id: 'OKTA-HARDEN-SUPER-ADMIN-SHARE',
    title: 'No more than half of administrators are super administrators',
    severity: 'CAT II',
    frameworks: beyondStig(['CC6.3'], ['A.8.2']),
    reads: ROLE_READS,
    check: 'Users holding SUPER_ADMIN ≤ half of users holding any admin role',
    async evaluate(s) {
      const c = await adminCounts(s);
      if (!c) return manual(NO_ADMINS);
      const evidence = [
        evValue('admin_assignee.role', '*', 'count(users with SUPER_ADMIN)', c.supers),
        evValue('admin_assignee.role', '*', 'count(users with any admin role)', c.admins),
      ];
      const text = `${c.supers} of ${c.admins} administrators are super administrators`;
      return c.supers * 2 <= c.admins
        ? pass(`${text}.`, evidence)
        : fail(`${text}; Okta advises no more than half.`, evidence);
    },
  },
  {
    id: 'OKTA-HARDEN-ADMIN-SESSION-LIFETIME',
    title: 'Admin Console sessions last at most 2 hours',
    severity: 'CAT II',
    frameworks: beyondStig(['CC6.1'], ['A.8.2', 'A.8.5']),
    reads: [{ type: 'org_setting.admin_console', fields: ['sessionMaxLifetimeMinutes'] }],
    check: 'Admin Console settings: sessionMaxLifetimeMinutes ≤ 120',
    async evaluate(s) {
      const [settings] = await collect(s, 'org_setting.admin_console');
      if (!settings)
        return manual(
          'The snapshot holds no Admin Console settings (GET /api/v1/first-party-app-settings/admin-console).',
        );
      const e = ev('org_setting.admin_console', settings, 'sessionMaxLifetimeMinutes');
      const minutes = num(at(settings.body, 'sessionMaxLifetimeMinutes'));
      if (minutes !== undefined && minutes <= 120)
        return pass(`Admin Console sessions end after at most ${minutes} minutes.`, [e]);
      return fail(`Admin Console sessions last ${JSON.stringify(e.value)} minutes; Okta advises at most 120.`, [e]);
    },
  },
  {
    id: 'OKTA-HARDEN-ADMIN-ASN-BINDING',
    title: 'Admin sessions are bound to the network (ASN) they started from',
    severity: 'CAT II',
    frameworks: beyondStig(['CC6.1'], ['A.8.2', 'A.8.5']),
    reads: [],
    check: 'Security > General: admin session ASN binding on (not in the Management API: checked by hand)',
    evaluate: () =>
      manual(
        'Admin session ASN binding is not exposed by the Okta Management API: confirm it is on under Security > General.',
      ),
  },
  {
    id: 'OKTA-HARDEN-PROTECTED-ACTIONS',
    title: 'Protected actions require re-authentication in the Admin Console',
    severity: 'CAT II',
    frameworks: beyondStig(['CC6.1', 'CC8.1'], ['A.8.2', 'A.8.32']),
    reads: [],
    check: 'Security > General: protected actions on (not in the Management API: checked by hand)',
    evaluate: () =>
      manual(
        'Protected actions are not exposed by the Okta Management API: confirm they are on under Security > General.',
      ),
  },
];
