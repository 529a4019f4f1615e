import type { OktaScope } from '../catalog.ts';
import { OktaAuthError, OktaUnsupportedError } from '../errors.ts';
import type { Clock } from '../http/clock.ts';
import type { Outcome } from '../http/governor.ts';
import type { RawResponse, Transport } from '../http/transport.ts';
import { clientAssertion, loadSigningKey, type SigningKey } from './client-assertion.ts';
import type { Authenticator } from '../authenticator.ts';

export const TOKEN_PATH = '/oauth2/v1/token';
/** Renew this long before `expires_in` runs out (or a tenth of it, for short-lived tokens). */
const EARLY_MS = 60_000;

interface Cached {
  header: string;
  expiresAt: number;
}

/**
 * OAuth 2.0 client credentials with private_key_jwt against the org authorization server. Tokens
 * are cached per scope set until shortly before they expire; concurrent callers share one token
 * request. DPoP-bound tokens are out of scope: a service app that requires DPoP is reported as such.
 */
export class OAuthAuthenticator implements Authenticator {
  readonly kind = 'oauth';
  private readonly signing: SigningKey;
  private readonly cache = new Map<string, Cached | Promise<Cached>>();

  private readonly o: { clientId: string; privateKey: string; keyId?: string; transport: Transport; clock: Clock };

  constructor(o: { clientId: string; privateKey: string; keyId?: string; transport: Transport; clock: Clock }) {
    this.o = o;
    this.signing = loadSigningKey(o.privateKey, o.keyId);
  }

  async authorization(scopes: readonly OktaScope[], signal?: AbortSignal): Promise<string> {
    const key = [...new Set(scopes)].sort().join(' ');
    const hit = this.cache.get(key);
    if (hit && !(hit instanceof Promise) && hit.expiresAt > this.o.clock.now()) return hit.header;
    if (hit instanceof Promise) return (await hit).header;
    const pending = this.requestToken(key, signal);
    this.cache.set(key, pending);
    try {
      const fresh = await pending;
      this.cache.set(key, fresh);
      return fresh.header;
    } catch (e) {
      this.cache.delete(key);
      throw e;
    }
  }

  invalidate(header: string): boolean {
    for (const [k, v] of this.cache) if (!(v instanceof Promise) && v.header === header) this.cache.delete(k);
    return true;
  }

  private async requestToken(scope: string, signal?: AbortSignal): Promise<Cached> {
    const tokenUrl = `${this.o.transport.base}${TOKEN_PATH}`;
    // Built per attempt: Okta refuses a jti it has seen, and a retried request is a new one.
    const form = async () =>
      new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await clientAssertion({
          clientId: this.o.clientId,
          tokenUrl,
          signing: this.signing,
          nowMs: this.o.clock.now(),
        }),
      }).toString();
    const sentAt = this.o.clock.now();
    const token = await this.o.transport.request(
      {
        method: 'POST',
        url: TOKEN_PATH,
        template: TOKEN_PATH,
        body: form,
        signal,
        headers: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
      },
      classifyTokenAnswer,
    );
    if (token.token_type.toLowerCase() === 'dpop') {
      throw new OktaUnsupportedError(
        'The service app requires DPoP-bound tokens, which Butterfly does not support yet: turn off "Require DPoP" for it',
      );
    }
    const ttl = token.expires_in * 1000;
    return { header: `Bearer ${token.access_token}`, expiresAt: sentAt + ttl - Math.min(EARLY_MS, ttl / 10) };
  }
}

interface TokenAnswer {
  access_token: string;
  token_type: string;
  expires_in: number;
}

function classifyTokenAnswer(res: RawResponse): Outcome<TokenAnswer> {
  const b = (res.body ?? {}) as Partial<TokenAnswer> & { error?: string; error_description?: string };
  if (res.status === 200 && typeof b.access_token === 'string') {
    return {
      kind: 'done',
      value: {
        access_token: b.access_token,
        token_type: b.token_type ?? 'Bearer',
        expires_in: Number(b.expires_in) || 3600,
      },
    };
  }
  if (res.status === 429) return { kind: 'rate_limited', error: new OktaAuthError('Token endpoint rate-limited') };
  if (res.status >= 500) return { kind: 'retry', error: new OktaAuthError(`Token endpoint answered ${res.status}`) };
  const what = b.error ? `${b.error}${b.error_description ? `: ${b.error_description}` : ''}` : `HTTP ${res.status}`;
  return { kind: 'fail', error: new OktaAuthError(`Okta refused the client credentials (${what})`, b.error) };
}
