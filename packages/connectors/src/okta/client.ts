import type {
  IdpClient,
  IdpConnectionConfig,
  IdpObject,
  IdpObjectRef,
  OktaConnectionConfig,
} from '@butterfly/domain/idp';
import { rateLimitCeiling } from '@butterfly/domain/connections';
import type { HostLookup } from '@butterfly/outbound';
import { OAuthAuthenticator } from './auth/oauth.ts';
import { sswsAuthenticator } from './auth/ssws.ts';
import type { Authenticator } from './authenticator.ts';
import { defaultTypes, typeDef } from './catalog.fns.ts';
import { typeInfo } from './type-info.ts';
import { OKTA_CATALOG, type OktaScope } from './catalog.ts';
import { OktaApi } from './http/api.ts';
import { type Clock, realClock } from './http/clock.ts';
import { Governor, type GovernorOptions } from './http/governor.ts';
import { Transport } from './http/transport.ts';
import { listObjects } from './lister.ts';
import { listLogEvents } from './log-events.ts';
import { testAccess } from './test-access.ts';
import { missingScopes } from './auth/missing-scopes.ts';
import { findObject } from './write/find-object.ts';
import { readObject } from './write/read-object.ts';
import { readChangedObjects } from './log-changes.ts';
import { manageScope } from './write/spec.fns.ts';
import { send } from './write/write-api.ts';
import { writeObject } from './write/write-object.ts';

export interface OktaClientOptions extends GovernorOptions {
  /** Allow org URLs on private, loopback or link-local addresses (the demo and tests; never a hosted deployment). */
  allowPrivateNetwork?: boolean;
  /** Addresses allowed even when private ones are not (tests allow exactly their own server). */
  allowAddresses?: readonly string[];
  lookup?: HostLookup;
  /** Deadline for one whole answer from Okta, body included. */
  timeoutMs?: number;
  clock?: Clock;
  /** Child lists one walker keeps in flight (default 2 × concurrency). */
  fanout?: number;
}

/**
 * Decision 047: an OAuth service app may use its share of each bucket (Okta's default 50 %, or the
 * connection's setting when the admin raised it) and no more: Okta answers 429 past it. An SSWS
 * token keeps the governor's reserve (20 % left to the customer).
 */
export function governorCeiling(
  config: Pick<OktaConnectionConfig, 'credentials' | 'rateLimitShare'>,
): Pick<GovernorOptions, 'share'> {
  if (config.credentials.kind !== 'oauth') return {};
  return { share: rateLimitCeiling('oauth', config.rateLimitShare) / 100 };
}

/** The Okta Management API as the domain's IdpClient: reads for backups, writes for restores (write/). */
export function createOktaClient(config: IdpConnectionConfig, options: OktaClientOptions = {}): IdpClient {
  if (config.provider !== 'okta') throw new RangeError(`Not an Okta connection: ${config.provider}`);
  const orgUrl = new URL(config.orgUrl);
  const clock = options.clock ?? realClock;
  const governor = new Governor({ ...governorCeiling(config), ...options, clock });
  const { allowPrivateNetwork, allowAddresses, lookup, timeoutMs } = options;
  const transport = new Transport({ orgUrl, governor, allowPrivateNetwork, allowAddresses, lookup, timeoutMs });
  const c = config.credentials;
  const auth: Authenticator =
    c.kind === 'ssws'
      ? sswsAuthenticator(c.token)
      : new OAuthAuthenticator({ clientId: c.clientId, privateKey: c.privateKey, keyId: c.keyId, transport, clock });
  const api = new OktaApi(transport, auth);
  const fanout = options.fanout ?? 2 * (options.concurrency ?? 15);
  // A restore's client holds the write credential: its tokens ask for `.manage` scopes, reads included.
  const tokenScopes = (scope: OktaScope): OktaScope[] => [
    config.purpose === 'restore' ? (manageScope(scope) as unknown as OktaScope) : scope,
  ];

  return {
    listObjects: (opts = {}) =>
      listObjects(api, governor.stats, {
        types: opts.types ?? defaultTypes(),
        signal: opts.signal,
        fanout,
        skipChildren: opts.skipChildren,
      }),

    readObject: (ref: IdpObjectRef, opts = {}): Promise<IdpObject | undefined> =>
      readObject(api, ref, { tokenScopes, signal: opts.signal }),

    // Restore writes: through the same governor (rate limits, reserve, concurrency) as every read.
    writeObject: (ref, op, opts = {}) =>
      writeObject(
        (r) => send(transport, auth, { ...r, scope: r.scope!, signal: opts.signal }),
        async (def, url, template) =>
          (await api.get(url, { template, scope: def.scope, tokenScopes: tokenScopes(def.scope), signal: opts.signal }))
            .body,
        ref,
        op,
      ),
    findObject: (ref, body, opts = {}) =>
      findObject(api, ref, body, { tokenScopes: tokenScopes(typeDef(ref.type).scope), signal: opts.signal }),

    listLogEvents: (opts) => listLogEvents(api, opts),
    // Decision 048: what a batch of System Log events changed, one read per distinct object.
    readChangedObjects: (events, opts = {}) => readChangedObjects(api, events, opts),
    testAccess: (opts = {}) => testAccess(api, auth, opts.signal),
    missingScopes: (scopes, opts = {}) => missingScopes(auth, scopes as OktaScope[], opts.signal),
    stats: () => governor.stats.snapshot(),
    objectTypes: () => OKTA_CATALOG.map(typeInfo),
  };
}
