import { at, ev, evValue, fail, failing, manual, markFailing, named, pass, str } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule, Evidence } from '../types.ts';
import { roleTypesByUser } from './admins.fns.ts';
import { stig } from './frameworks.ts';

const nameOf = (body: unknown, id: string) => `"${str(at(body, 'name')) ?? id}"`;

/**
 * Okta has no built-in "service account" user kind; orgs mark non-human accounts with a user type
 * (`serviceAccount`, "Service Account", `svc_integrations`, "Non-human"). Any other type, the default
 * "User" included, is a person's account.
 */
export const isServiceAccountType = (typeName: string) => /service|\bsvc|non-?human/i.test(typeName);

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
      const tokenName = (t: { id: string; body: unknown }) => str(at(t.body, 'name')) ?? t.id;
      const evidence = tokens.flatMap((t) => [
        named(ev('api_token', t, 'network.connection'), tokenName(t)),
        named(ev('api_token', t, 'network.include'), tokenName(t)),
      ]);
      const open = tokens.filter((t) => {
        const include = at(t.body, 'network.include');
        return at(t.body, 'network.connection') !== 'ZONE' || !Array.isArray(include) || include.length === 0;
      });
      if (tokens.length === 0) return pass('The org has no API tokens.', evidence);
      if (open.length)
        return fail(
          `API tokens usable from any IP address: ${open.map((t) => nameOf(t.body, t.id)).join(', ')}.`,
          markFailing(
            evidence,
            open.map((t) => t.id),
          ),
        );
      return pass(`Every API token (${tokens.length}) is restricted to network zones.`, evidence);
    },
  },
  {
    // V-279690: API tokens are to be owned by dedicated service accounts, never a person's own account
    // (a super admin's, the typical case, or anyone else's). A token acts with its owner's privileges
    // and dies with its owner's account, so a person's token is a finding whatever their roles.
    id: 'OKTA-APP-003241',
    title: 'API tokens are owned by dedicated service accounts',
    severity: 'CAT II',
    frameworks: stig('V-279690', ['CM-6'], ['CC6.3'], ['A.8.2', 'A.5.18']),
    reads: [
      { type: 'api_token', fields: ['name', 'userId'] },
      { type: 'user', fields: ['type.id', 'profile.login'] },
      { type: 'user_type', fields: ['name', 'displayName'] },
      { type: 'admin_assignee.role', fields: ['id (<userId>/…)', 'type', 'status'], optional: true },
    ],
    check:
      "Every API token's owner (userId) is a service account: its user type is named for service accounts, not a person's",
    async evaluate(s) {
      const tokens = await collect(s, 'api_token');
      if (tokens.length === 0) return pass('The org has no API tokens.');
      const roles = s.has('admin_assignee.role') ? await roleTypesByUser(s) : new Map<string, Set<string>>();
      const evidence: Evidence[] = [];
      const people: string[] = [];
      const unknown: string[] = [];
      for (const t of tokens) {
        const ownerId = str(at(t.body, 'userId')) ?? '';
        const owner = ownerId ? await s.get('user', ownerId) : undefined;
        const typeId = owner && str(at(owner.body, 'type.id'));
        const userType = typeId ? await s.get('user_type', typeId) : undefined;
        const kind =
          userType &&
          [at(userType.body, 'name'), at(userType.body, 'displayName')]
            .filter((x): x is string => typeof x === 'string')
            .join(' / ');
        const person = Boolean(kind) && !isServiceAccountType(kind ?? '');
        const tokenEv = named(ev('api_token', t, 'userId'), str(at(t.body, 'name')) ?? t.id);
        evidence.push(
          person ? failing(tokenEv) : tokenEv,
          // The owner by id only: scan results are stored in the clear, and a login is personal data
          // (the snapshot, which is encrypted, names them; the dashboard shows the name from it).
          evValue('user', ownerId, 'user type', kind ?? null),
          evValue('user', ownerId, 'admin roles', [...(roles.get(ownerId) ?? [])].sort()),
        );
        const who = `${nameOf(t.body, t.id)} (owner ${ownerId || 'none'})`;
        if (!kind) unknown.push(who);
        else if (!isServiceAccountType(kind)) people.push(`${who}, a ${JSON.stringify(kind)} account`);
      }
      if (people.length)
        return fail(
          `API tokens owned by a person's account, not a dedicated service account: ${people.join('; ')}. Create them under a service account and revoke these.`,
          evidence,
        );
      if (unknown.length)
        return manual(
          `The owner's user type of ${unknown.join(', ')} is not in the snapshot; check by hand that each is a dedicated service account.`,
          evidence,
        );
      return pass(`Every API token (${tokens.length}) is owned by a service account.`, evidence);
    },
  },
];
