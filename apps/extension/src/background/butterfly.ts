import type { GuardedFetch } from '../shared/guarded-fetch.ts';
import { OAuthError, refreshTokens, revokeToken, type TokenAnswer } from './oauth.ts';
import type { AccessToken, Account, Stores } from './store.ts';

/** No refresh token: the admin never connected, or disconnected. */
export class NotConnectedError extends Error {
  constructor() {
    super('Not connected to Butterfly');
    this.name = 'NotConnectedError';
  }
}

/** Butterfly no longer accepts this extension's credentials (the member was deactivated, or revoked it). */
export class SignedOutError extends Error {
  constructor(readonly reason: string) {
    super(`Signed out of Butterfly: ${reason}`);
    this.name = 'SignedOutError';
  }
}

/** A tRPC error answer: its code (`FORBIDDEN`, `NOT_FOUND`, …) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The service worker's Butterfly session: access tokens from the stored refresh token, renewed one
 * at a time (refresh tokens rotate, and a second use of one is taken for theft and ends the family),
 * and tRPC calls that retry once with a fresh token. Credentials Butterfly refuses end the session
 * here too: the refresh token is dropped and the admin sees "signed out".
 */
export function butterflySession(deps: Stores & { send: GuardedFetch; now?: () => number }) {
  const { local, session, send } = deps;
  const now = deps.now ?? Date.now;
  let renewing: Promise<string> | undefined;

  const baseUrl = async () => {
    const url = await local.get<string>('butterflyUrl');
    if (!url) throw new NotConnectedError();
    return url;
  };

  async function signOut(reason: string): Promise<never> {
    await local.remove('refreshToken', 'account');
    await session.remove('access');
    await local.set('signedOut', { at: new Date(now()).toISOString(), reason });
    throw new SignedOutError(reason);
  }

  async function store(t: TokenAnswer) {
    await local.set('refreshToken', t.refreshToken);
    await session.set('access', { token: t.accessToken, expiresAt: t.expiresAt } satisfies AccessToken);
  }

  async function renew(): Promise<string> {
    const refreshToken = await local.get<string>('refreshToken');
    if (!refreshToken) throw new NotConnectedError();
    try {
      const t = await refreshTokens(send, await baseUrl(), refreshToken, now());
      await store(t);
      return t.accessToken;
    } catch (e) {
      if (e instanceof OAuthError && (e.error === 'invalid_grant' || e.error === 'invalid_client'))
        return signOut('Butterfly no longer accepts this connection');
      throw e;
    }
  }

  async function accessToken(fresh = false): Promise<string> {
    const cached = fresh ? undefined : await session.get<AccessToken>('access');
    if (cached && cached.expiresAt > now()) return cached.token;
    renewing ??= renew().finally(() => {
      renewing = undefined;
    });
    return renewing;
  }

  async function request(op: 'query' | 'mutation', path: string, input: unknown, token: string) {
    const url = await baseUrl();
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    return op === 'query'
      ? send(
          `${url}/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : send(`${url}/api/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? null),
        });
  }

  /** One tRPC procedure, as the connected member. */
  async function call<T>(op: 'query' | 'mutation', path: string, input?: unknown): Promise<T> {
    let res = await request(op, path, input, await accessToken());
    // An access token can die before its time (the member's epoch moved): renew once, then give up.
    if (res.status === 401) res = await request(op, path, input, await accessToken(true));
    if (res.status === 401) return signOut('Butterfly refused the access token');
    const body = (await res.json().catch(() => ({}))) as {
      result?: { data?: T };
      error?: { message?: string; data?: { code?: string } };
    };
    if (body.error || !res.ok)
      throw new ApiError(
        body.error?.data?.code ?? `HTTP_${res.status}`,
        body.error?.message ?? `Butterfly answered ${res.status}`,
      );
    return body.result?.data as T;
  }

  /** Who is connected, with their permissions (the panel offers only what the role grants). Cached five minutes. */
  async function account(): Promise<Account> {
    const cached = await local.get<Account>('account');
    if (cached && now() - cached.fetchedAt < 300_000) return cached;
    const me = await call<{ member: { email: string; role: string }; tenant: { name: string }; permissions: string[] }>(
      'query',
      'me.get',
    );
    const fresh: Account = {
      email: me.member.email,
      role: me.member.role,
      tenant: me.tenant.name,
      permissions: me.permissions,
      fetchedAt: now(),
    };
    await local.set('account', fresh);
    return fresh;
  }

  return {
    baseUrl,
    call,
    account,
    /** After the authorization code is redeemed: the new credentials replace any old ones. */
    async connected(t: TokenAnswer) {
      await local.remove('signedOut', 'connectError', 'account');
      await store(t);
    },
    /** Revokes the refresh token (its whole family, and so every access token from it) and forgets it. */
    async disconnect() {
      const refreshToken = await local.get<string>('refreshToken');
      const url = await local.get<string>('butterflyUrl');
      await local.remove('refreshToken', 'account', 'signedOut', 'connectError');
      await session.remove('access');
      if (refreshToken && url) await revokeToken(send, url, refreshToken);
    },
  };
}
export type ButterflySession = ReturnType<typeof butterflySession>;
