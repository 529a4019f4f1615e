import { at, evValue, manual, str } from '../compliance.fns.ts';
import { countObjects } from '../okta.fns.ts';
import type { ComplianceRule, Evidence, SnapshotObject } from '../types.ts';
import { stig } from './frameworks.ts';

const DAY_MS = 86_400_000;
/** Every field `dormantSince` reads: the rule declares them, and the count reads only them. */
const USER_FIELDS = ['status', 'lastLogin', 'created'];

/** Active users who have not signed in for 35 days (or never, and were created before that) at snapshot time. */
function dormantSince(cutoff: number) {
  return (u: SnapshotObject) => {
    if (at(u.body, 'status') !== 'ACTIVE') return false;
    const seen = str(at(u.body, 'lastLogin')) ?? str(at(u.body, 'created'));
    return seen !== undefined && Date.parse(seen) < cutoff;
  };
}

export const lifecycleRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-000090',
    title: 'Accounts are disabled after 35 days of inactivity',
    severity: 'CAT II',
    frameworks: stig('V-273188', ['AC-2(3)', 'IA-4'], ['CC6.2', 'CC6.3'], ['A.5.16', 'A.5.18']),
    reads: [{ type: 'user', fields: USER_FIELDS, optional: true }],
    check:
      'A Workflows automation suspends users inactive for 35 days (checked by hand); dormant active users counted as evidence',
    /**
     * Okta's lifecycle automations are not in the Management API, so the control itself is MANUAL.
     * What the snapshot can show is its effect: how many active users are already past 35 days,
     * counted while streaming users, never holding them.
     */
    async evaluate(s) {
      const evidence: Evidence[] = [];
      let tail = '';
      if (s.has('user')) {
        const cutoff = s.takenAt.getTime() - 35 * DAY_MS;
        const dormant = await countObjects(s, 'user', USER_FIELDS, dormantSince(cutoff));
        evidence.push(evValue('user', '*', 'count(status=ACTIVE, lastLogin older than 35 days)', dormant));
        tail = ` The snapshot has ${dormant} active user${dormant === 1 ? '' : 's'} who last signed in more than 35 days before it was taken.`;
      }
      return manual(
        `Okta's lifecycle automations (Workflow > Automations) are not in the Management API: confirm an active automation suspends users after 35 days of inactivity, for all users (not applicable when users come from an external directory).${tail}`,
        evidence,
      );
    },
  },
];
