import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { URN } from './urns.ts';

/** How one SCIM attribute is found in SQL. */
export type FilterAttr =
  | { kind: 'text'; column: string; caseExact: boolean }
  | { kind: 'bool' | 'date' | 'uuid'; column: string }
  /** Always this value for every row (we keep only the work email, and it is the primary one). */
  | { kind: 'const'; value: string | boolean }
  /** Group membership: a member id is in the group. */
  | { kind: 'member'; is: (memberId: string) => RawBuilder<SqlBool>; any: () => RawBuilder<SqlBool> };

export type FilterAttrs = Record<string, FilterAttr>;

const CORE_PREFIXES = [`${URN.user}:`, `${URN.group}:`].map((p) => p.toLowerCase());

/** Attribute names are case-insensitive (RFC 7643 §2.1) and may carry their schema URN. */
export function attrKey(attrPath: string): string {
  const lower = attrPath.toLowerCase();
  const prefix = CORE_PREFIXES.find((p) => lower.startsWith(p));
  return prefix ? lower.slice(prefix.length) : lower;
}

const text = (column: string, caseExact = false): FilterAttr => ({ kind: 'text', column, caseExact });
const email = text('members.email');
const role = text('members.role', true);

// userName eq is `lower(members.user_name) = lower($1)`: the unique index on (tenant_id, lower(user_name)).
export const USER_FILTER_ATTRS: FilterAttrs = {
  id: { kind: 'uuid', column: 'members.id' },
  username: text('members.user_name'),
  externalid: text('members.external_id', true),
  displayname: text('members.display_name'),
  'name.givenname': text('members.given_name'),
  'name.familyname': text('members.family_name'),
  emails: email,
  'emails.value': email,
  'emails.type': { kind: 'const', value: 'work' },
  'emails.primary': { kind: 'const', value: true },
  active: { kind: 'bool', column: 'members.active' },
  locale: text('members.locale'),
  roles: role,
  'roles.value': role,
  'roles.primary': { kind: 'const', value: true },
  'meta.created': { kind: 'date', column: 'members.created_at' },
  'meta.lastmodified': { kind: 'date', column: 'members.updated_at' },
};

const member: FilterAttr = {
  kind: 'member',
  is: (memberId) =>
    sql<SqlBool>`exists (select 1 from scim_group_members gm where gm.group_id = scim_groups.id and gm.member_id = ${memberId})`,
  any: () => sql<SqlBool>`exists (select 1 from scim_group_members gm where gm.group_id = scim_groups.id)`,
};

export const GROUP_FILTER_ATTRS: FilterAttrs = {
  id: { kind: 'uuid', column: 'scim_groups.id' },
  displayname: text('scim_groups.display_name'),
  externalid: text('scim_groups.external_id', true),
  members: member,
  'members.value': member,
  'meta.created': { kind: 'date', column: 'scim_groups.created_at' },
  'meta.lastmodified': { kind: 'date', column: 'scim_groups.updated_at' },
};
