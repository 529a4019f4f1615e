import { randomBytes } from 'node:crypto';
import { invalid, notFound } from '../model/errors.ts';
import { oktaId } from '../model/ids.ts';
import type { Org } from '../orgs/org.ts';
import type { SimUser } from '../model/types.ts';
import { type TSentRequest, send } from '../http/send.ts';
import type { TRegisterScimAppInput } from './schemas.ts';

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ROLE_DISPLAY: Record<string, string> = {
  super_admin: 'Super admin',
  admin: 'Admin',
  backup_operator: 'Backup operator',
  auditor: 'Auditor',
  read_only: 'Read only',
};

export interface ScimApp {
  id: string;
  name: string;
  baseUrl: string;
  authorization: string;
  /** Okta user id → the SCIM server's id, learned on assign (Okta's "external id" of the app user). */
  linked: Map<string, string>;
}

// Per org, without widening the Org class: the apps live and die with the org object.
const appsByOrg = new WeakMap<Org, Map<string, ScimApp>>();
const appsOf = (org: Org) => {
  const apps = appsByOrg.get(org) ?? new Map<string, ScimApp>();
  appsByOrg.set(org, apps);
  return apps;
};

export function registerScimApp(
  org: Org,
  input: Required<Pick<TRegisterScimAppInput, 'baseUrl' | 'authorization'>> & { name?: string },
) {
  const app: ScimApp = {
    id: oktaId(org.ids, '0oa'),
    name: input.name ?? 'SCIM app',
    baseUrl: input.baseUrl.replace(/\/+$/, ''),
    authorization: input.authorization,
    linked: new Map(),
  };
  appsOf(org).set(app.id, app);
  return { id: app.id, name: app.name, baseUrl: app.baseUrl };
}

export function scimApp(org: Org, id: string): ScimApp {
  const app = appsOf(org).get(id);
  if (!app) throw notFound(`SCIM app ${id}`);
  return app;
}

/** The user as Okta's SCIM 2.0 connector sends it (POST and PUT): profile, work email, a throwaway password. */
function scimUser(user: SimUser, active: boolean, role?: string) {
  const { profile } = user;
  return {
    schemas: [USER_URN],
    userName: profile.login,
    name: { givenName: profile.firstName, familyName: profile.lastName },
    emails: [{ primary: true, value: profile.email, type: 'work' }],
    displayName: `${profile.firstName} ${profile.lastName}`,
    locale: 'en-US',
    externalId: user.id,
    groups: [],
    password: randomBytes(12).toString('base64url'),
    active,
    ...(role ? { roles: [{ value: role, display: ROLE_DISPLAY[role] ?? role, primary: true }] } : {}),
  };
}

/**
 * The calls Okta makes for each provisioning event, in its order, with its headers: the existence
 * check `GET /Users?filter=userName eq "…"` before every create, then POST (or, for a user the
 * server already has, a PUT that links and updates it); PUT with the whole profile and role for an
 * update; `PATCH` with `{"op":"replace","value":{"active":false}}` (no path) for unassign and
 * deactivate. Returns every request and answer.
 */
export async function pushScim(
  org: Org,
  app: ScimApp,
  action: 'assign' | 'update' | 'unassign' | 'deactivate',
  input: { userId: string; role?: string },
) {
  const user = org.user(input.userId);
  const calls: TSentRequest[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const sent = await send(method, `${app.baseUrl}${path}`, {
      headers: {
        authorization: app.authorization,
        accept: 'application/scim+json',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    calls.push(sent);
    return sent;
  };
  const linkedId = () => {
    const id = app.linked.get(user.id);
    if (!id) throw invalid(`user ${user.id} is not assigned to SCIM app ${app.id}`);
    return id;
  };
  if (action === 'assign') {
    const filter = encodeURIComponent(`userName eq "${user.profile.login}"`);
    const found = await call('GET', `/Users?filter=${filter}&startIndex=1&count=100`);
    // A failed existence check stops the push, as in Okta (the task is retried later, not POSTed blind).
    if (found.status !== 200) return { ok: false, scimId: app.linked.get(user.id) ?? null, calls };
    const existing = (found.body as { Resources?: { id: string }[] } | undefined)?.Resources?.[0]?.id;
    const written = existing
      ? await call('PUT', `/Users/${existing}`, scimUser(user, true, input.role))
      : await call('POST', '/Users', scimUser(user, true, input.role));
    const id = (written.body as { id?: string } | undefined)?.id;
    if (written.status < 300 && id) app.linked.set(user.id, id);
  } else if (action === 'update') {
    await call('PUT', `/Users/${linkedId()}`, scimUser(user, user.status === 'ACTIVE', input.role));
  } else {
    const id = linkedId();
    // Deactivating a person in Okta deactivates them everywhere; unassigning only from this app.
    if (action === 'deactivate') org.setStatus(user.id, 'deactivated');
    await call('PATCH', `/Users/${id}`, {
      schemas: [PATCH_URN],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    if (action === 'unassign') app.linked.delete(user.id);
  }
  return { ok: calls.every((c) => c.status >= 200 && c.status < 300), scimId: app.linked.get(user.id) ?? null, calls };
}
