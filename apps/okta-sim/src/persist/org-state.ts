import type { Principal } from '../orgs/principal.ts';
import type { SigningJwk } from '../oidc/keys.ts';
import type { TDemo } from '../model/demo.ts';
import type { Org } from '../orgs/org.ts';
import type { TOrgRefs } from '../orgs/org-core.ts';
import type { SimOrg } from '../oidc/sim-org.ts';
import { serviceKeyFromPem } from '../orgs/service-key.ts';
import type { TOrgDataDump } from '../store/org-data.ts';

/** One org as a saved state holds it: its data, System Log, credentials and signing keys. */
export interface TOrgState {
  name: string;
  refs: TOrgRefs;
  admin: { token: string; tokenId: string; principal: Principal };
  service: { appId: string; clientId: string; pem: string };
  data: TOrgDataDump;
  log: Record<string, unknown>[];
  userTokens: [string, string][];
  keys: SigningJwk[];
}

/**
 * The simulator's whole state. Not kept: rate-limit windows, injected faults, OIDC sessions and
 * codes (a restart signs users out of the simulated IdP), SCIM push apps, used assertion `jti`s.
 */
export interface TSimState {
  version: 1;
  /** The simulator's URL when saved: org URLs inside the data are moved to the new one on load. */
  baseUrl: string;
  seed?: string;
  /** Values drawn per label by the seeded id source, so ids made after a restart are new ones. */
  counters: Record<string, number>;
  demo?: TDemo;
  orgs: TOrgState[];
}

export function orgState({ org, auth }: SimOrg): TOrgState {
  return {
    name: org.name,
    refs: org.refs,
    admin: org.admin,
    service: { appId: org.service.appId, clientId: org.service.clientId, pem: org.service.key.pem },
    data: org.data.dump(),
    log: org.log.events,
    userTokens: org.userTokens.dump(),
    keys: auth.keyRing.privateJwks().keys,
  };
}

/** Puts a saved org into a new, empty `Org` (its defaults not built: they are in the state). */
export function loadOrg(org: Org, state: TOrgState): void {
  org.refs = state.refs;
  org.admin = state.admin;
  org.service = {
    appId: state.service.appId,
    clientId: state.service.clientId,
    key: serviceKeyFromPem(state.service.pem),
  };
  org.data.load(state.data);
  org.log.events.push(...state.log);
  org.userTokens.load(state.userTokens);
}
