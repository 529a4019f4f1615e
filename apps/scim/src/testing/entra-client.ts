import { randomUUID } from 'node:crypto';
import type { ScimResponse } from './harness.ts';

/**
 * A stand-in for Microsoft Entra ID's provisioning service, as the SCIM client of the real SCIM app
 * (shared/spec/entra.md §B). It replays the request shapes Entra sends, in its two PATCH dialects:
 *
 * - `default` (Tenant URL without a flag): capitalised ops, one op per attribute, booleans as the
 *   strings "True"/"False", member removal as `path:"members"` with a value array, and app role
 *   assignments (AppRoleAssignmentsComplex) added or removed as stringified JSON without `type`.
 * - `aadOptscim062020` (the flag on the Tenant URL): lower-case ops, a multi-attribute replace as one
 *   op with no path and a value object, boolean `active`, member removal by `members[value eq "…"]`,
 *   and roles in PATCH in the same shape as in POST.
 *
 * It asserts what Entra itself insists on (a 2xx, `application/scim+json`) and returns the bodies, so
 * a test states only what it cares about.
 */
export type EntraDialect = 'default' | 'aadOptscim062020';

export type Send = (
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<ScimResponse>;

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** An Entra user as its default attribute mapping sends it (userPrincipalName as userName). */
export interface EntraUser {
  userPrincipalName: string;
  objectId?: string;
  givenName?: string;
  surname?: string;
  displayName?: string;
  mail?: string;
  department?: string;
  /** App role values assigned to the user (AppRoleAssignmentsComplex), e.g. ['admin', 'Auditor']. */
  appRoles?: string[];
}

export class EntraScimError extends Error {
  constructor(
    readonly response: ScimResponse,
    what: string,
  ) {
    super(`Entra ${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** The complex role value Entra sends in a POST (and in PATCH under the flag): always primary false. */
const complexRole = (value: string) => ({
  primary: false,
  type: 'WindowsAzureActiveDirectoryRole',
  display: value,
  value,
});

/** The default dialect's PATCH value: the assignment as stringified JSON, no `type`. */
const stringifiedRole = (value: string) => ({
  value: JSON.stringify({ id: randomUUID(), value, displayName: value }),
});

const filterQuery = (filter: string, extra = '') => `?filter=${encodeURIComponent(filter)}${extra}`;

export function entraClient(send: Send, token: string, dialect: EntraDialect = 'default') {
  const flag = dialect === 'aadOptscim062020';
  const headers = { 'User-Agent': 'Microsoft.AAD.Provisioning/1.0', Accept: 'application/scim+json' };
  // The flag is part of the Tenant URL the admin typed; it travels on every request as a query.
  const url = (path: string) => {
    if (!flag) return `/scim/v2${path}`;
    return `/scim/v2${path}${path.includes('?') ? '&' : '?'}aadOptscim062020`;
  };
  const op = (name: 'Add' | 'Replace' | 'Remove') => (flag ? name.toLowerCase() : name);
  const bool = (v: boolean) => (flag ? v : v ? 'True' : 'False');

  async function call(method: string, path: string, body?: unknown, expect: number[] = [200]) {
    const r = await send(method, url(path), { token, body, headers });
    if (!expect.includes(r.status)) throw new EntraScimError(r, `${method} ${path}`);
    if (r.status !== 204 && !/^application\/scim\+json\b/.test(r.headers.get('content-type') ?? ''))
      throw new EntraScimError(r, `${method} ${path} answered ${r.headers.get('content-type')}`);
    return r;
  }
  const patch = (resource: string, id: string, ...Operations: unknown[]) =>
    call('PATCH', `/${resource}/${id}`, { schemas: [PATCH_OP], Operations }).then((r) => r.body);

  const client = {
    dialect,
    /** Test Connection: a query for a user that cannot exist must be 200 with an empty list. */
    async testConnection() {
      const r = await call('GET', `/Users${filterQuery(`userName eq "${randomUUID()}"`)}`);
      if (r.body.totalResults !== 0 || r.body.Resources?.length !== 0)
        throw new EntraScimError(r, 'Test Connection expected an empty ListResponse');
      return r;
    },
    queryUsers: (filter: string) => call('GET', `/Users${filterQuery(filter)}`).then((r) => r.body),
    getUser: (id: string) => call('GET', `/Users/${id}`).then((r) => r.body),
    /** Match by userName, then create when nothing matched; answers the user either way. */
    async provisionUser(u: EntraUser) {
      const found = await client.queryUsers(`userName eq "${u.userPrincipalName}"`);
      if (found.totalResults > 0) return found.Resources[0];
      const body = {
        schemas: [USER, ENTERPRISE_USER],
        externalId: u.objectId ?? randomUUID(),
        userName: u.userPrincipalName,
        active: true,
        displayName: u.displayName ?? u.userPrincipalName,
        emails: [{ primary: true, type: 'work', value: u.mail ?? u.userPrincipalName }],
        name: { formatted: u.displayName, givenName: u.givenName, familyName: u.surname },
        ...(u.appRoles ? { roles: u.appRoles.map(complexRole) } : {}),
        [ENTERPRISE_USER]: { department: u.department ?? 'R&D' },
      };
      return (await call('POST', '/Users', body, [201])).body;
    },
    /** A profile change: one op per attribute, or (flag) one path-less replace with every attribute. */
    updateUser(id: string, changes: { givenName?: string; surname?: string; mail?: string; department?: string }) {
      const attrs: Record<string, unknown> = {};
      if (changes.givenName !== undefined) attrs['name.givenName'] = changes.givenName;
      if (changes.surname !== undefined) attrs['name.familyName'] = changes.surname;
      if (changes.mail !== undefined) attrs['emails[type eq "work"].value'] = changes.mail;
      if (changes.department !== undefined) attrs[`${ENTERPRISE_USER}:department`] = changes.department;
      if (flag) return patch('Users', id, { op: 'replace', value: attrs });
      return patch('Users', id, ...Object.entries(attrs).map(([path, value]) => ({ op: op('Replace'), path, value })));
    },
    /** Soft delete (unassignment, leaving scope, sign-in blocked) and its reverse. */
    setActive: (id: string, active: boolean) =>
      patch('Users', id, { op: op('Replace'), path: 'active', value: bool(active) }),
    /** App role assignments added (AppRoleAssignmentsComplex). */
    addRoles: (id: string, ...values: string[]) =>
      patch('Users', id, {
        op: op('Add'),
        path: 'roles',
        value: values.map(flag ? complexRole : stringifiedRole),
      }),
    removeRoles: (id: string, ...values: string[]) =>
      patch('Users', id, {
        op: op('Remove'),
        path: 'roles',
        value: values.map(flag ? complexRole : stringifiedRole),
      }),
    replaceRoles: (id: string, ...values: string[]) =>
      patch('Users', id, {
        op: op('Replace'),
        path: 'roles',
        value: values.map(flag ? complexRole : stringifiedRole),
      }),
    /** Hard delete (30 days after a soft delete, or by hand): 204, and Entra treats 404 as done. */
    deleteUser: (id: string) => call('DELETE', `/Users/${id}`, undefined, [204]),
    /** Group push: match by displayName without members, create it empty, then add its members. */
    async provisionGroup(displayName: string, memberIds: string[], objectId = randomUUID()) {
      const found = await call(
        'GET',
        `/Groups${filterQuery(`displayName eq "${displayName}"`, '&excludedAttributes=members')}`,
      );
      const group =
        found.body.totalResults > 0
          ? found.body.Resources[0]
          : (await call('POST', '/Groups', { schemas: [GROUP], externalId: objectId, displayName, members: [] }, [201]))
              .body;
      if (memberIds.length) await client.addMembers(group.id, ...memberIds);
      return group;
    },
    addMembers: (groupId: string, ...ids: string[]) =>
      patch('Groups', groupId, { op: op('Add'), path: 'members', value: ids.map((value) => ({ value })) }),
    removeMembers: (groupId: string, ...ids: string[]) =>
      flag
        ? patch('Groups', groupId, ...ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` })))
        : patch('Groups', groupId, { op: 'Remove', path: 'members', value: ids.map((value) => ({ value })) }),
    getGroup: (id: string, query = '') => call('GET', `/Groups/${id}${query}`).then((r) => r.body),
  };
  return client;
}
