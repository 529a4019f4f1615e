import type { z } from 'zod';
import type { TDeps } from '../deps.ts';
import { controlError } from '../model/errors.ts';
import type { TCustomer } from '../model/types.ts';
import { recordActivity } from '../store/activity.ts';
import { findUser } from '../store/world.ts';
import { notifyUserChange } from '../watch/notify.ts';
import { ZDelegation, ZFault, ZPolicyChange, ZRedirectUris, ZSettings, ZUserChange } from './schemas.ts';

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success)
    throw controlError(
      400,
      'invalid_input',
      r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  return r.data;
}

const DEFAULT_FAULT: Record<string, [number, string]> = {
  userRateLimitExceeded: [403, "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'."],
  quotaExceeded: [403, 'Quota exceeded: too many concurrent requests.'],
  rateLimitExceeded: [403, 'Rate Limit Exceeded'],
  backendError: [503, 'Backend Error'],
  RESOURCE_EXHAUSTED: [429, "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute'."],
  UNAVAILABLE: [503, 'The service is currently unavailable.'],
};

/** `/_sim/…` as functions (the routes are a thin JSON layer over these; tests may call them directly). */
export function createControlApi(deps: TDeps) {
  const customer = (id: string): TCustomer => {
    const c = deps.world.customer(id);
    if (!c) throw controlError(404, 'not_found', `no customer ${id}`);
    return c;
  };
  const firstSuperAdmin = (c: TCustomer) => [...c.users.values()].find((u) => u.isAdmin && !u.suspended);
  const summary = (c: TCustomer) => ({
    id: c.id,
    customerDomain: c.customerDomain,
    domains: c.domains.map((d) => d.domainName),
    users: c.users.size,
    groups: c.groups.size,
    orgUnits: c.orgUnits.size,
    policies: c.policies.size,
    delegations: c.delegations,
    groupsReaders: c.groupsReaders,
  });
  return {
    listCustomers: () => [...deps.world.customers.values()].map(summary),
    getCustomer: (id: string) => summary(customer(id)),
    settings: () => deps.world.settings,
    updateSettings(body: unknown) {
      Object.assign(deps.world.settings, parse(ZSettings, body));
      return deps.world.settings;
    },
    addFault(body: unknown) {
      const f = parse(ZFault, body);
      const [status, message] = DEFAULT_FAULT[f.reason] ?? [400, f.reason];
      deps.runtime.faults.push({
        api: f.api,
        reason: f.reason,
        status: f.status ?? status,
        message: f.message ?? message,
        remaining: f.count,
      });
      return deps.runtime.faults;
    },
    clearFaults() {
      deps.runtime.faults.length = 0;
    },
    keys: () => deps.keys.kids,
    rotateKeys: () => deps.keys.rotate(),
    /** The JSON key file Google Cloud hands out for a service account (`token_uri` is the simulator's). */
    serviceAccountKey(email: string) {
      const sa = deps.world.serviceAccountByEmail(email);
      if (!sa) throw controlError(404, 'not_found', `no service account ${email}`);
      return {
        type: 'service_account',
        project_id: sa.projectId,
        private_key_id: sa.privateKeyId,
        private_key: sa.privateKeyPem,
        client_email: sa.email,
        client_id: sa.clientId,
        auth_uri: `${deps.baseUrl}/o/oauth2/auth`,
        token_uri: `${deps.baseUrl}/token`,
        auth_provider_x509_cert_url: `${deps.baseUrl}/oauth2/v1/certs`,
        client_x509_cert_url: `${deps.baseUrl}/robot/v1/metadata/x509/${encodeURIComponent(sa.email)}`,
        universe_domain: 'googleapis.com',
      };
    },
    /** Domain-wide delegation as the customer's admin grants it (Security > API controls). */
    setDelegation(customerId: string, clientId: string, body: unknown) {
      const c = customer(customerId);
      c.delegations[clientId] = parse(ZDelegation, body).scopes;
      return c.delegations;
    },
    removeDelegation(customerId: string, clientId: string) {
      delete customer(customerId).delegations[clientId];
    },
    /** An admin changing a setting in the Admin console: the policy's value, with an audit event. */
    updatePolicy(customerId: string, policyId: string, body: unknown) {
      const c = customer(customerId);
      const input = parse(ZPolicyChange, body);
      const p = c.policies.get(`policies/${policyId}`);
      if (!p) throw controlError(404, 'not_found', `no policy policies/${policyId} in ${c.id}`);
      const actor = input.actorEmail ? findUser(c, input.actorEmail) : firstSuperAdmin(c);
      if (!actor) throw controlError(400, 'invalid_input', `actorEmail: no user ${input.actorEmail} in ${c.id}`);
      const setting = p.setting as { type: string; value: Record<string, unknown> };
      const old = JSON.stringify(setting.value);
      setting.value = { ...setting.value, ...input.value };
      // The audit log names the org unit by its path, as the Admin console shows it.
      const scope = (p.policyQuery as { orgUnit?: string }).orgUnit;
      const ou = scope ? (c.orgUnits.get(`id:${scope.replace(/^orgUnits\//, '')}`)?.orgUnitPath as string) : undefined;
      recordActivity(
        deps,
        c,
        { email: actor.primaryEmail, profileId: actor.id },
        'APPLICATION_SETTINGS',
        'CHANGE_APPLICATION_SETTING',
        {
          SETTING_NAME: setting.type.replace(/^settings\//, ''),
          OLD_VALUE: old,
          NEW_VALUE: JSON.stringify(setting.value),
          ...(ou ? { ORG_UNIT_NAME: ou } : {}),
        },
      );
      return p;
    },
    /** A change made in the Admin console to a user (suspension, archiving, 2SV), audited and pushed to watch channels. */
    updateUser(customerId: string, userKey: string, body: unknown) {
      const c = customer(customerId);
      const { actorEmail, ...change } = parse(ZUserChange, body);
      const u = findUser(c, userKey);
      if (!u) throw controlError(404, 'not_found', `no user ${userKey} in ${c.id}`);
      const actor = actorEmail ? findUser(c, actorEmail) : firstSuperAdmin(c);
      if (!actor) throw controlError(400, 'invalid_input', `actorEmail: no user ${actorEmail} in ${c.id}`);
      const a = { email: actor.primaryEmail, profileId: actor.id };
      if (change.suspended !== undefined && change.suspended !== u.suspended)
        recordActivity(deps, c, a, 'USER_SETTINGS', change.suspended ? 'SUSPEND_USER' : 'UNSUSPEND_USER', {
          USER_EMAIL: u.primaryEmail,
        });
      if (change.archived !== undefined && change.archived !== u.archived)
        recordActivity(deps, c, a, 'USER_SETTINGS', change.archived ? 'ARCHIVE_USER' : 'UNARCHIVE_USER', {
          USER_EMAIL: u.primaryEmail,
        });
      Object.assign(u, change);
      notifyUserChange(deps, c, u, 'update');
      return u;
    },
    setRedirectUris(clientId: string, body: unknown) {
      const client = deps.world.oauthClients.get(clientId);
      if (!client) throw controlError(404, 'not_found', `no OAuth client ${clientId}`);
      client.redirectUris = parse(ZRedirectUris, body).redirectUris;
      return { clientId, redirectUris: client.redirectUris };
    },
    channels: () =>
      [...deps.runtime.channels.values()].map(
        ({ id, resourceId, customerId, address, expiration, event, messageNumber }) => ({
          id,
          resourceId,
          customerId,
          address,
          expiration,
          event: event ?? null,
          messageNumber,
        }),
      ),
  };
}

export type ControlApi = ReturnType<typeof createControlApi>;
