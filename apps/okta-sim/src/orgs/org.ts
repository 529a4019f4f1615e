import type { Principal } from './principal.ts';
import { Faults } from '../api/faults/faults.ts';
import { RateLimiter } from '../api/rate/limiter.ts';
import { SystemLog } from './system-log.ts';
import { EventHookSender } from './event-hooks.ts';
import { OrgData } from '../store/org-data.ts';
import { addAppKey } from './app-keys.ts';
import { addSecret, appClient, newClientApp } from './clients.ts';
import { conflict, notFound } from '../model/errors.ts';
import { type IdSource, oktaId } from '../model/ids.ts';
import { iso } from '../okta/time.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { ServiceKey } from './service-key.ts';
import type { Json, SimClient, SimUser, TUserStatus } from '../model/types.ts';
import { UserTokens } from './user-tokens.ts';
import type { OrgCore, TNewClient, TOrgRefs } from './org-core.ts';

export interface TNewUser {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
}

export interface TOrgOptions {
  clock: () => number;
  rateScale: number;
}

/**
 * One Okta org: its data (users, groups, apps, policies, …), its System Log and rate limits, and
 * the credentials an API client uses. The authorization server (src/oidc) and the Management API
 * (src/api) both read from it; neither owns it.
 */
export class Org implements OrgCore {
  readonly data = new OrgData();
  readonly log = new SystemLog();
  /** Okta event hooks: verification, and delivery of the System Log events each subscribes to. */
  readonly eventHooks: EventHookSender;
  readonly limiter: RateLimiter;
  /** Failures a test injected through `/_sim/orgs/<org>/faults`. */
  readonly faults = new Faults();
  /** SSWS tokens of named admins, created through `/_sim/orgs/<org>/api-tokens`. */
  readonly userTokens: UserTokens = new UserTokens(this);
  /** Client assertion `jti`s already used, with their expiry, so an assertion cannot be replayed. */
  readonly usedJtis = new Map<string, number>();
  refs!: TOrgRefs;
  /** The admin SSWS token and the principal it acts as. */
  admin!: { token: string; tokenId: string; principal: Principal };
  /** The OAuth service app for private_key_jwt client credentials, and its key pair. */
  service!: { appId: string; clientId: string; key: ServiceKey };

  constructor(
    readonly name: string,
    readonly url: string,
    readonly ids: IdSource,
    readonly options: TOrgOptions,
  ) {
    this.limiter = new RateLimiter(options.clock, options.rateScale);
    this.eventHooks = new EventHookSender({
      url,
      now: () => this.now(),
      hooks: () => this.data.table('eventHooks').values(),
    });
    this.log.listeners.push((event) => this.eventHooks.onEvent(event));
  }

  now(): number {
    return this.options.clock();
  }

  async addUser(input: TNewUser): Promise<SimUser> {
    const login = input.email.trim();
    // Hash before the uniqueness check: no await between check and insert, so no duplicate logins.
    const passwordHash = await hashPassword(input.password);
    if (this.userByLogin(login)) throw conflict(`user ${login}`);
    const now = this.now();
    return this.data.addUser({
      id: oktaId(this.ids, '00u'),
      status: 'ACTIVE',
      typeId: this.refs.userType,
      created: now,
      activated: now,
      statusChanged: now,
      lastLogin: null,
      lastUpdated: now,
      passwordChanged: now,
      profile: { login, email: login, firstName: input.givenName, lastName: input.familyName },
      passwordHash,
    });
  }

  /** Okta matches logins case-insensitively. */
  userByLogin(login: string): SimUser | undefined {
    return this.data.userByLogin(login);
  }

  user(id: string): SimUser {
    const user = this.data.users.get(id);
    if (!user) throw notFound(`user ${id}`);
    return user;
  }

  /** The control API's two states: active, or deactivated (Okta's DEPROVISIONED). */
  setStatus(id: string, status: TUserStatus): SimUser {
    const user = this.user(id);
    const okta = status === 'active' ? 'ACTIVE' : 'DEPROVISIONED';
    if (user.status !== okta) {
      const now = this.now();
      Object.assign(user, { status: okta, statusChanged: now, lastUpdated: now });
    }
    return user;
  }

  /** The user behind a sign-in, or undefined: unknown, wrong password and not active look alike. */
  async authenticate(login: string, password: string): Promise<SimUser | undefined> {
    const user = this.userByLogin(login);
    if (!user?.passwordHash || !(await verifyPassword(password, user.passwordHash))) return undefined;
    return user.status === 'ACTIVE' ? user : undefined;
  }

  app(appId: string): Json | undefined {
    return this.data.table('apps').get(appId);
  }

  /**
   * The OIDC client behind a client_id: an active OPENID_CONNECT app of this org that signs users in
   * with a client secret (the flows the authorization server simulates; service apps use the
   * client-credentials endpoint of src/api instead).
   */
  findClient(clientId: string): SimClient | undefined {
    const appId = this.data.clientIds.get(clientId);
    const app = appId === undefined ? undefined : this.app(appId);
    const method = app?.credentials?.oauthClient?.token_endpoint_auth_method;
    const signsIn = method === 'client_secret_basic' || method === 'client_secret_post';
    return app?.status === 'ACTIVE' && signsIn ? appClient(app) : undefined;
  }

  /** Registers an OIDC web app (the control API's `clients`): it is an app of the Management API too. */
  addClient(input: TNewClient): SimClient {
    if (input.client_id && this.data.clientIds.has(input.client_id)) throw conflict(`client ${input.client_id}`);
    const app = newClientApp(this, input);
    this.putApp(app);
    return appClient(app);
  }

  /**
   * A client given again at start that a saved org already has (same client_id): kept, with its
   * secret, but its redirect URIs follow the ones given now (the app's URL may have changed).
   * Undefined when the org has no such client.
   */
  refreshClient(input: TNewClient): SimClient | undefined {
    const appId = input.client_id === undefined ? undefined : this.data.clientIds.get(input.client_id);
    const app = appId === undefined ? undefined : this.app(appId);
    if (!app) return undefined;
    app.settings.oauthClient ??= {};
    const oauth = app.settings.oauthClient;
    const uris = {
      redirect_uris: input.redirect_uris,
      post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    };
    if (
      JSON.stringify([oauth.redirect_uris, oauth.post_logout_redirect_uris]) !==
      JSON.stringify([uris.redirect_uris, uris.post_logout_redirect_uris])
    ) {
      Object.assign(oauth, uris);
      app.lastUpdated = iso(this.now());
    }
    return appClient(app);
  }

  /** Stores an app and keeps the client_id index in step (apps are replaced and deleted through the API). */
  putApp(app: Json): void {
    const previous = this.app(app.id);
    const oldClient = previous?.credentials?.oauthClient?.client_id;
    if (oldClient) this.data.clientIds.delete(oldClient);
    this.data.table('apps').set(app.id, app);
    // A new app's generated or posted secret is its first entry under /credentials/secrets.
    const secret = app.credentials?.oauthClient?.client_secret;
    if (!previous && secret) addSecret(this, app, secret, 'ACTIVE', app.created);
    // …and its signing key (`credentials.signing.kid`) its first entry under /credentials/keys.
    const kid = app.credentials?.signing?.kid;
    if (!previous && kid) addAppKey(this, app.id, kid, app.created);
    const clientId = app.credentials?.oauthClient?.client_id;
    if (clientId) this.data.clientIds.set(clientId, app.id);
  }

  deleteApp(appId: string): void {
    const clientId = this.app(appId)?.credentials?.oauthClient?.client_id;
    if (clientId) this.data.clientIds.delete(clientId);
    this.data.table('apps').delete(appId);
  }
}
