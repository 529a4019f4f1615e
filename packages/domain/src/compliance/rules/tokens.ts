import { at, ev, evValue, fail, pass, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, Evidence } from '../types.ts';
import { roleTypesByUser } from './admins.fns.ts';
import { stig } from './frameworks.ts';

const nameOf = (body: unknown, id: string) => `"${str(at(body, 'name')) ?? id}"`;

export const tokenRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-003240',
    title: 'API tokens can be used only from known network zones',
    severity: 'CAT II',
    frameworks: stig('V-279689', ['CM-6'], ['CC6.1', 'CC6.6'], ['A.5.15', 'A.8.5']),
    reads: [{ type: 'api_token', fields: ['name', 'network.connection', 'network.include', 'network.exclude'] }],
    check: 'Every API token: network.connection ZONE with zones (not ANYWHERE)',
    async evaluate(s) {
      const tokens = await collect(s, 'api_token');
      const evidence = tokens.flatMap((t) => [ev('api_token', t, 'network.connection'), ev('api_token', t, 'network.include')]);
      const open = tokens.filter((t) => {
        const include = at(t.body, 'network.include');
        return at(t.body, 'network.connection') !== 'ZONE' || !Array.isArray(include) || include.length === 0;
      });
      if (tokens.length === 0) return pass('The org has no API tokens.', evidence);
      if (open.length) return fail(`API tokens usable from any IP address: ${open.map((t) => nameOf(t.body, t.id)).join(', ')}.`, evidence);
      return pass(`Every API token (${tokens.length}) is restricted to network zones.`, evidence);
    },
  },
  {
    id: 'OKTA-APP-003241',
    title: 'API tokens are not owned by super administrators',
    severity: 'CAT II',
    frameworks: stig('V-279690', ['CM-6'], ['CC6.3'], ['A.8.2', 'A.5.18']),
    reads: [
      { type: 'api_token', fields: ['name', 'userId'] },
      { type: 'admin_assignee.role', fields: ['id (<userId>/…)', 'type', 'status'] },
    ],
    check: 'No API token whose owner (userId) holds SUPER_ADMIN',
    async evaluate(s) {
      const tokens = await collect(s, 'api_token');
      const roles = await roleTypesByUser(s);
      const evidence: Evidence[] = [];
      const bad: string[] = [];
      for (const t of tokens) {
        const owner = str(at(t.body, 'userId')) ?? '';
        const ownerRoles = [...(roles.get(owner) ?? [])].sort();
        evidence.push(ev('api_token', t, 'userId'), evValue('user', owner, 'admin roles', ownerRoles));
        if (ownerRoles.includes('SUPER_ADMIN')) bad.push(nameOf(t.body, t.id));
      }
      if (bad.length) return fail(`API tokens owned by a super administrator: ${bad.join(', ')}. Create them under a dedicated, least-privileged account.`, evidence);
      if (tokens.length === 0) return pass('The org has no API tokens.', evidence);
      // Whether each owner is a dedicated service account is intent the snapshot cannot show: say so.
      return pass(`No API token (of ${tokens.length}) belongs to a super administrator; that each owner is a dedicated account is for the reviewer to confirm.`, evidence);
    },
  },
];
