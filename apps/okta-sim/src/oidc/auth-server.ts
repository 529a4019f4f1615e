import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import type { SimLogger } from '../log.ts';
import type { Org } from '../orgs/org.ts';
import { OidcStore } from './adapter.ts';
import { providerConfiguration } from './configuration.ts';
import { KeyRing } from './keys.ts';

/**
 * One org's authorization server: an oidc-provider instance mounted at the org path.
 *
 * oidc-provider fixes its keys at construction, so a key rotation builds a new provider around the
 * same store (sessions, codes, grants) and cookie keys: users stay signed in, old tokens still
 * verify against the published old key, new ones carry the new `kid`.
 */
export class OrgAuthServer {
  private current!: Provider;
  private handler!: (req: IncomingMessage, res: ServerResponse) => void;
  private readonly store: OidcStore;
  private readonly cookieKeys = [randomBytes(32).toString('base64url')];
  private readonly orgPath: string;

  private constructor(
    readonly org: Org,
    private readonly keys: KeyRing,
    private readonly log: SimLogger,
  ) {
    this.store = new OidcStore(org);
    this.orgPath = new URL(org.url).pathname;
    this.build();
  }

  /** `keys`: the signing keys of a saved state; a new org gets a fresh one. */
  static async create(org: Org, log: SimLogger, keys?: KeyRing): Promise<OrgAuthServer> {
    return new OrgAuthServer(org, keys ?? (await KeyRing.create()), log);
  }

  get provider(): Provider {
    return this.current;
  }

  get kids(): string[] {
    return this.keys.kids;
  }

  /** The org's signing keys, also used for the Management API's client-credentials access tokens. */
  get keyRing(): KeyRing {
    return this.keys;
  }

  async rotateKeys(): Promise<string> {
    const kid = await this.keys.rotate();
    this.build();
    return kid;
  }

  /**
   * Hands a request under the org path to oidc-provider the way Express mounts a sub-app:
   * `originalUrl` keeps the full path, `url` is the part below the mount. oidc-provider derives its
   * mount path from the two when it builds endpoint URLs.
   */
  serve(req: IncomingMessage, res: ServerResponse): void {
    Object.assign(req, { originalUrl: req.url });
    req.url = req.url!.slice(this.orgPath.length) || '/';
    this.handler(req, res);
  }

  private build() {
    const provider = new Provider(
      this.org.url,
      providerConfiguration(this.org, this.store, this.keys, this.cookieKeys),
    );
    includeSidInEveryIdToken(provider);
    const org = this.org.name;
    provider.on('server_error', (_ctx, error) => this.log.error({ org, err: error }, 'authorization server error'));
    // A listener replaces Koa's default console logging of errors no middleware handled.
    (provider as unknown as EventEmitter).on('error', (error: Error) =>
      this.log.error({ org, err: error }, 'authorization server error'),
    );
    this.current = provider;
    this.handler = provider.callback();
  }
}

/**
 * Okta's ID tokens carry `sid` (the Okta session), which relying parties keep to match a later
 * back-channel logout. oidc-provider adds it only for clients registered for back-channel logout
 * with `backchannel_logout_session_required`; this provider's Client class is patched to always do
 * so. The Client class is per provider instance, so no other provider is affected.
 */
function includeSidInEveryIdToken(provider: Provider) {
  Object.defineProperty(provider.Client.prototype, 'includeSid', { value: () => true });
}
