import { randomUUID } from 'node:crypto';
import { createSender, type TSentRequest } from '@butterfly/sim-kit';

/**
 * The SCIM client of Entra's provisioning service (shared spec entra.md §B), the requests in the
 * shapes Entra sends, in its two dialects:
 *
 * - default (Tenant URL without the flag): capitalised ops, one op per attribute, booleans as the
 *   strings "True"/"False", app role assignments in PATCH as stringified JSON without `type`;
 * - `aadOptscim062020` (the flag on the Tenant URL): lower-case ops, a multi-attribute replace as one
 *   path-less op, boolean `active`, roles in PATCH in the POST shape.
 */
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const send = createSender('Microsoft.AAD.Provisioning/1.0');

export interface TDirectoryUser {
  id: string;
  userPrincipalName: string;
  givenName?: string;
  surname?: string;
  displayName?: string;
  mail?: string | null;
  department?: string;
}

export interface TScimTarget {
  tenantUrl: string;
  secretToken: string;
}

/** The complex role value of a POST (and of PATCH under the flag): always `primary: false`. */
const complexRole = (value: string) => ({
  primary: false,
  type: 'WindowsAzureActiveDirectoryRole',
  display: value,
  value,
});
/** The default dialect's PATCH value: the assignment as stringified JSON, no `type`. */
const stringifiedRole = (value: string) => ({ value: JSON.stringify({ id: randomUUID(), value, displayName: value }) });

export function scimClient(target: TScimTarget) {
  const flag = new URL(target.tenantUrl).searchParams.has('aadOptscim062020');
  const base = new URL(target.tenantUrl);
  const calls: TSentRequest[] = [];
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    if (flag) u.searchParams.set('aadOptscim062020', '');
    return u.toString().replace(/aadOptscim062020=(&|$)/, 'aadOptscim062020$1');
  };
  const call = async (method: string, path: string, body?: unknown, query?: Record<string, string>) => {
    const sent = await send(method, url(path, query), {
      headers: {
        authorization: `Bearer ${target.secretToken}`,
        accept: 'application/scim+json',
        ...(body ? { 'content-type': 'application/scim+json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    calls.push(sent);
    return sent;
  };
  const op = (name: 'Add' | 'Replace' | 'Remove') => (flag ? name.toLowerCase() : name);
  const bool = (v: boolean) => (flag ? v : v ? 'True' : 'False');
  const patch = (id: string, Operations: unknown[]) =>
    call('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations });
  const roleValues = (values: string[]) => values.map(flag ? complexRole : stringifiedRole);

  return {
    flag,
    calls,
    /** Test Connection: a query for a user that cannot exist, which must answer 200 with an empty list. */
    async probe() {
      const r = await call('GET', '/Users', undefined, { filter: `userName eq "${randomUUID()}"` });
      const body = r.body as { totalResults?: number; Resources?: unknown[] } | undefined;
      return r.status === 200 && body?.totalResults === 0 && (body.Resources?.length ?? 0) === 0;
    },
    /** Match by userName; create when nothing matched. Answers the SCIM id, or undefined when it failed. */
    async provision(u: TDirectoryUser, roles: string[]): Promise<string | undefined> {
      const found = await call('GET', '/Users', undefined, { filter: `userName eq "${u.userPrincipalName}"` });
      // A failed query stops the cycle for this user: Entra retries it, it never POSTs blind.
      if (found.status !== 200) return undefined;
      const existing = (found.body as { Resources?: { id: string }[] } | undefined)?.Resources?.[0]?.id;
      if (existing) return existing;
      const created = await call('POST', '/Users', {
        schemas: [USER, ENTERPRISE],
        externalId: u.id,
        userName: u.userPrincipalName,
        active: true,
        displayName: u.displayName ?? u.userPrincipalName,
        emails: [{ primary: true, type: 'work', value: u.mail ?? u.userPrincipalName }],
        name: { formatted: u.displayName, givenName: u.givenName, familyName: u.surname },
        ...(roles.length ? { roles: roles.map(complexRole) } : {}),
        [ENTERPRISE]: { department: u.department },
      });
      return created.status === 201 ? (created.body as { id?: string } | undefined)?.id : undefined;
    },
    /** Changed attributes: one op each, or (flag) one path-less replace holding them all. */
    update(id: string, attrs: Record<string, unknown>) {
      if (flag) return patch(id, [{ op: 'replace', value: attrs }]);
      return patch(
        id,
        Object.entries(attrs).map(([path, value]) => ({ op: op('Replace'), path, value })),
      );
    },
    roles: (id: string, kind: 'Add' | 'Remove', values: string[]) =>
      patch(id, [{ op: op(kind), path: 'roles', value: roleValues(values) }]),
    /** Soft delete: unassigned, out of scope or sign-in blocked. */
    setActive: (id: string, active: boolean) => patch(id, [{ op: op('Replace'), path: 'active', value: bool(active) }]),
    /** Hard delete, after the soft delete; Entra counts 404 as done. */
    remove: (id: string) => call('DELETE', `/Users/${id}`),
  };
}
