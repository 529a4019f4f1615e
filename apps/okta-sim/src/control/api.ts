import type { z } from 'zod';
import { invalid } from '../model/errors.ts';
import type { OrgRegistry } from '../registry/registry.ts';
import {
  type TCreateClientInput,
  type TCreateOrgInput,
  type TCreateUserInput,
  type TUpdateUserInput,
  type TAddFaultInput,
  type TAppShareInput,
  ZAppShareInput,
  type TCreateApiTokenInput,
  ZAddFaultInput,
  ZCreateApiTokenInput,
  ZCreateClientInput,
  ZCreateOrgInput,
  ZCreateUserInput,
  ZUpdateUserInput,
} from './schemas.ts';
import { clientView, orgView, userView } from './views.ts';
import { createPushControl } from '../push/control.ts';
import { seedOrg } from '../registry/demo.ts';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
}

/**
 * What a test, the demo start-up or `/_sim` can do to the simulated Okta. Inputs are validated here,
 * not in the HTTP layer, so in-process callers get the same checks as HTTP ones.
 */
export function createControlApi(registry: OrgRegistry) {
  return {
    // Senders: SCIM push, back-channel logout, Universal Logout (src/push).
    ...createPushControl(registry),
    reset: () => registry.reset(),
    listOrgs: () => registry.list().map(orgView),
    createOrg: async (input: TCreateOrgInput) => {
      const { name, users } = parse(ZCreateOrgInput, input);
      if (users === undefined) return orgView(await registry.create(name));
      const company = `${name.charAt(0).toUpperCase()}${name.slice(1)} Inc.`;
      await seedOrg(registry, {
        name,
        company,
        lead: { first: 'Ada', last: 'Admin', login: `ada@${name}.test` },
        generated: users,
      });
      return orgView(registry.get(name));
    },
    getOrg: (name: string) => orgView(registry.get(name)),
    listUsers: (org: string) => [...registry.get(org).org.data.users.values()].map(userView),
    addUser: async (org: string, input: TCreateUserInput) =>
      userView(await registry.get(org).org.addUser(parse(ZCreateUserInput, input))),
    updateUser: (org: string, id: string, input: TUpdateUserInput) =>
      userView(registry.get(org).org.setStatus(id, parse(ZUpdateUserInput, input).status)),
    addClient: (org: string, input: TCreateClientInput) =>
      clientView(registry.get(org).org.addClient(parse(ZCreateClientInput, input))),
    /** The service app's private key (PKCS#8 PEM) and what a client needs with it. */
    serviceAppKey: (org: string) => {
      const { service } = registry.get(org).org;
      return {
        clientId: service.clientId,
        kid: service.key.kid,
        privateKeyPem: service.key.pem,
        publicJwk: service.key.publicJwk,
      };
    },
    /** Rate-limit counters of an org: requests and 429s per bucket, concurrency high-water mark. */
    stats: (org: string) => registry.get(org).org.limiter.snapshot(),
    resetStats: (org: string) => registry.get(org).org.limiter.resetStats(),
    /** The share of each rate-limit bucket an OAuth app may use (default 50 %, as Okta gives a new app). */
    setAppShare: (org: string, clientId: string, input: TAppShareInput) => {
      const { org: o } = registry.get(org);
      if (!o.data.clientIds.has(clientId)) throw invalid(`no client ${clientId}`);
      const { percent } = parse(ZAppShareInput, input);
      o.limiter.setAppShare(clientId, percent);
      return { clientId, percent };
    },
    /** Makes the next `count` Management API requests to `path` fail with `status` (a 5xx, for retry tests). */
    addFault: (org: string, input: TAddFaultInput) => registry.get(org).org.faults.add(parse(ZAddFaultInput, input)),
    clearFaults: (org: string) => registry.get(org).org.faults.clear(),
    /** An SSWS token that acts as a named user (the System Log shows them as the actor). */
    createApiToken: (org: string, input: TCreateApiTokenInput) => {
      const { login, name } = parse(ZCreateApiTokenInput, input);
      return registry.get(org).org.userTokens.create(login, name);
    },
    rotateKeys: async (org: string) => {
      const { auth } = registry.get(org);
      const kid = await auth.rotateKeys();
      return { kid, kids: auth.kids };
    },
  };
}
export type ControlApi = ReturnType<typeof createControlApi>;
