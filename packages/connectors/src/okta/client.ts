import type { IdpClient, IdpConnectionConfig, IdpObject, IdpObjectRef } from '@butterfly/domain';
import { OAuthAuthenticator } from './auth/oauth.ts';
import { sswsAuthenticator } from './auth/ssws.ts';
import type { Authenticator } from './auth/types.ts';
import { defaultTypes, fillPath, getTemplate, typeDef, typeInfo } from './catalog.fns.ts';
import { OKTA_CATALOG } from './catalog.ts';
import { OktaApiError, OktaUnsupportedError } from './errors.ts';
import { OktaApi } from './http/api.ts';
import { type Clock, realClock } from './http/clock.ts';
import { Governor, type GovernorOptions } from './http/governor.ts';
import type { Resolver } from './http/outbound.ts';
import { Transport } from './http/transport.ts';
import { listObjects } from './lister.ts';
import { toIdpObject } from './objects.fns.ts';
import { testAccess } from './test-access.ts';

export interface OktaClientOptions extends GovernorOptions {
  /** Allow org URLs on private, loopback or link-local addresses (the demo and tests; never a hosted deployment). */
  allowPrivateNetwork?: boolean;
  fetch?: typeof fetch;
  resolve?: Resolver;
  clock?: Clock;
  /** Child lists one walker keeps in flight (default 2 × concurrency). */
  fanout?: number;
}

/** The Okta Management API as the domain's IdpClient: read-only for now (restore lands later). */
export function createOktaClient(config: IdpConnectionConfig, options: OktaClientOptions = {}): IdpClient {
  const orgUrl = new URL(config.orgUrl);
  const clock = options.clock ?? realClock;
  const governor = new Governor({ ...options, clock });
  const transport = new Transport({ orgUrl, governor, fetch: options.fetch, allowPrivateNetwork: options.allowPrivateNetwork, resolve: options.resolve });
  const c = config.credentials;
  const auth: Authenticator =
    c.kind === 'ssws' ? sswsAuthenticator(c.token) : new OAuthAuthenticator({ clientId: c.clientId, privateKey: c.privateKey, keyId: c.keyId, transport, clock });
  const api = new OktaApi(transport, auth);
  const fanout = options.fanout ?? 2 * (options.concurrency ?? 15);

  return {
    listObjects: (opts = {}) => listObjects(api, governor.stats, { types: opts.types ?? defaultTypes(), signal: opts.signal, fanout }),

    async readObject(ref: IdpObjectRef, opts = {}): Promise<IdpObject | undefined> {
      const def = typeDef(ref.type);
      const template = getTemplate(def);
      if (!template) throw new OktaUnsupportedError(`${def.type} cannot be read one by one: list it`);
      const keys = def.singleton && ref.id === 'default' ? [] : ref.id.split('/');
      try {
        const { body } = await api.get(fillPath(template, keys), { template, scope: def.scope, signal: opts.signal });
        return toIdpObject(def, ref.id, body);
      } catch (e) {
        if (e instanceof OktaApiError && e.status === 404) return undefined;
        throw e;
      }
    },

    async writeObject() {
      throw new OktaUnsupportedError('The Okta connector is read-only until restore lands; connect with read scopes only');
    },

    testAccess: (opts = {}) => testAccess(api, auth, opts.signal),
    stats: () => governor.stats.snapshot(),
    objectTypes: () => OKTA_CATALOG.map(typeInfo),
  };
}
