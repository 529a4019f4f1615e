import { createPrivateKey, type KeyObject, randomUUID } from 'node:crypto';
import type { GoogleServiceAccountCredentials } from '@butterfly/domain/idp';
import { SignJWT } from 'jose';
import type { Clock } from '../../okta/http/clock.ts';
import { backoffMs } from '../../okta/http/rate-headers.fns.ts';
import { GoogleAuthError, type GoogleAuthCode, GoogleUnavailableError } from '../errors.ts';
import { type GoogleWire, GoogleNetworkError } from '../http/wire.ts';

export interface GoogleTokenOptions {
  tokenUrl: string;
  adminEmail: string;
  key: GoogleServiceAccountCredentials;
  /** The scopes a backup reads: one token carries them all. */
  scopes: readonly string[];
  wire: GoogleWire;
  clock: Clock;
  random?: () => number;
}

/** Google's assertions live at most an hour; the token it gives lives 3599 s. Renew a minute early. */
const ASSERTION_TTL_S = 3600;
const EARLY_MS = 60_000;
const ATTEMPTS = 4;

interface Cached {
  header: string;
  expiresAt: number;
}

/** What the token endpoint answered for one set of scopes: a token, or a refusal with its code. */
export type Exchange =
  | { ok: true; token: string; expiresInS: number }
  | { ok: false; code: GoogleAuthCode; detail: string };

/**
 * The OAuth 2.0 JWT-bearer grant with domain-wide delegation (RFC 7523): an RS256 assertion signed
 * with the service account's key, `iss` its email, `sub` the admin it acts as, `scope` the read
 * scopes, `aud` the token URL. Cached until a minute before expiry; concurrent callers share one
 * request. A refusal names its cause; `unauthorized_client` (delegation missing) names the scopes.
 */
export class GoogleTokenSource {
  private readonly key: KeyObject;
  private cached: Cached | Promise<Cached> | undefined;
  private readonly o: GoogleTokenOptions;

  constructor(o: GoogleTokenOptions) {
    this.o = o;
    this.key = createPrivateKey(o.key.privateKey);
  }

  async authorization(signal?: AbortSignal): Promise<string> {
    const hit = this.cached;
    if (hit instanceof Promise) return (await hit).header;
    if (hit && hit.expiresAt > this.o.clock.now()) return hit.header;
    const pending = this.fetch(signal);
    this.cached = pending;
    try {
      const fresh = await pending;
      this.cached = fresh;
      return fresh.header;
    } catch (e) {
      this.cached = undefined;
      throw e;
    }
  }

  /** The API refused this header (401): forget it, so the next request gets a fresh token. */
  invalidate(header: string) {
    if (this.cached && !(this.cached instanceof Promise) && this.cached.header === header) this.cached = undefined;
  }

  private async fetch(signal?: AbortSignal): Promise<Cached> {
    const sentAt = this.o.clock.now();
    const r = await this.exchange(this.o.scopes, signal);
    if (r.ok) {
      const ttl = r.expiresInS * 1000;
      return { header: `Bearer ${r.token}`, expiresAt: sentAt + ttl - Math.min(EARLY_MS, ttl / 10) };
    }
    if (r.code !== 'DELEGATION_MISSING') throw new GoogleAuthError(r.code, r.detail);
    // The grant is all or nothing: ask per scope which ones the client id lacks, so the admin knows.
    const missing = await this.missingScopes(signal);
    const scopes = missing.length ? missing : [...this.o.scopes];
    throw new GoogleAuthError(
      'DELEGATION_MISSING',
      `Domain-wide delegation missing for scopes ${scopes.join(', ')}: in the Admin console (Security > Access and data control > API controls > Domain-wide delegation) authorize client id ${this.o.key.clientId} for them`,
      scopes,
    );
  }

  /** The read scopes the token endpoint refuses one at a time (one exchange per scope; no API read). */
  async missingScopes(signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    for (const scope of this.o.scopes) {
      const r = await this.exchange([scope], signal);
      if (!r.ok && r.code === 'DELEGATION_MISSING') out.push(scope);
      else if (!r.ok) throw new GoogleAuthError(r.code, r.detail);
    }
    return out;
  }

  private assertion(scopes: readonly string[]): Promise<string> {
    const now = Math.floor(this.o.clock.now() / 1000);
    return new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.o.key.privateKeyId })
      .setIssuer(this.o.key.clientEmail)
      .setSubject(this.o.adminEmail)
      .setAudience(this.o.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_TTL_S)
      .setJti(randomUUID())
      .sign(this.key);
  }

  /** One grant for these scopes, with retries of 429, 5xx and network failures. */
  async exchange(scopes: readonly string[], signal?: AbortSignal): Promise<Exchange> {
    let last: Error | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1)
        await this.o.clock.sleep(backoffMs(attempt - 1, 500, 10_000, this.o.random ?? Math.random), signal);
      let res: Awaited<ReturnType<GoogleWire['send']>>;
      try {
        res = await this.o.wire.send(this.o.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: await this.assertion(scopes),
          }).toString(),
          signal,
        });
      } catch (e) {
        if (!(e instanceof GoogleNetworkError)) throw e;
        last = e;
        continue;
      }
      const b = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
      if (res.status === 200 && typeof b.access_token === 'string')
        return { ok: true, token: b.access_token, expiresInS: Number(b.expires_in) || 3599 };
      if (res.status === 429 || res.status >= 500) {
        last = new GoogleUnavailableError(`The token endpoint answered ${res.status}`);
        continue;
      }
      return { ok: false, ...refusal(res.status, b) };
    }
    throw new GoogleUnavailableError(`The token endpoint failed ${ATTEMPTS} times: ${last?.message}`, { cause: last });
  }
}

/** The token endpoint's `error` and `error_description` (Google's words: no secret in them) as a code. */
export function refusal(status: number, b: Record<string, unknown>): { code: GoogleAuthCode; detail: string } {
  const error = typeof b.error === 'string' ? b.error : '';
  const what = typeof b.error_description === 'string' ? b.error_description : `HTTP ${status}`;
  if (error === 'unauthorized_client') return { code: 'DELEGATION_MISSING', detail: what };
  if (error === 'invalid_grant' && /email|user id|subject/i.test(what))
    return { code: 'ADMIN_NOT_FOUND', detail: `Google does not know the admin the service account acts as: ${what}` };
  if (error === 'invalid_client' || /signature|key|disabled|deleted/i.test(what))
    return { code: 'BAD_KEY', detail: `Google refused the service account's key: ${what}` };
  return { code: 'TOKEN_REFUSED', detail: `Google refused the token request (${error || status}): ${what}` };
}
