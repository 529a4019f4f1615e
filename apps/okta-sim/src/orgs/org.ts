import { conflict, notFound } from './errors.ts';
import { type IdSource, clientSecret, oktaId } from './ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SimClient, SimUser, TUserStatus } from './types.ts';

export interface TNewUser {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
}

export type TNewClient = Omit<SimClient, 'client_id' | 'client_secret' | 'post_logout_redirect_uris'> &
  Partial<Pick<SimClient, 'client_id' | 'client_secret' | 'post_logout_redirect_uris'>>;

/**
 * One Okta org's directory: users and app integrations. It knows nothing about OIDC; the org's
 * authorization server (src/oidc) reads from it, and so will the Management API.
 */
export class Org {
  readonly users = new Map<string, SimUser>();
  readonly clients = new Map<string, SimClient>();

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly ids: IdSource,
  ) {}

  async addUser(input: TNewUser): Promise<SimUser> {
    const login = input.email.trim();
    // Hash before the uniqueness check: no await between check and insert, so no duplicate logins.
    const passwordHash = await hashPassword(input.password);
    if (this.userByLogin(login)) throw conflict(`user ${login}`);
    const now = new Date();
    const user: SimUser = {
      id: oktaId(this.ids, '00u'),
      status: 'active',
      created: now,
      lastUpdated: now,
      profile: { login, email: login, firstName: input.givenName, lastName: input.familyName },
      passwordHash,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Okta matches logins case-insensitively. */
  userByLogin(login: string): SimUser | undefined {
    const wanted = login.trim().toLowerCase();
    for (const user of this.users.values()) if (user.profile.login.toLowerCase() === wanted) return user;
    return undefined;
  }

  user(id: string): SimUser {
    const user = this.users.get(id);
    if (!user) throw notFound(`user ${id}`);
    return user;
  }

  setStatus(id: string, status: TUserStatus): SimUser {
    const user = this.user(id);
    if (user.status !== status) Object.assign(user, { status, lastUpdated: new Date() });
    return user;
  }

  /** The user behind a sign-in, or undefined: unknown, wrong password and deactivated look alike. */
  async authenticate(login: string, password: string): Promise<SimUser | undefined> {
    const user = this.userByLogin(login);
    if (!user || !(await verifyPassword(password, user.passwordHash))) return undefined;
    return user.status === 'active' ? user : undefined;
  }

  addClient(input: TNewClient): SimClient {
    const client: SimClient = {
      ...input,
      client_id: input.client_id ?? oktaId(this.ids, '0oa'),
      client_secret: input.client_secret ?? clientSecret(this.ids),
      post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
    };
    if (this.clients.has(client.client_id)) throw conflict(`client ${client.client_id}`);
    this.clients.set(client.client_id, client);
    return client;
  }
}
