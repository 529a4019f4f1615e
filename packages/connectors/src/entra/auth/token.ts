import { decodeJwt } from 'jose';
import type { Clock } from '../../okta/http/clock.ts';
import { backoffMs } from '../../okta/http/rate-headers.fns.ts';
import { EntraAuthError, EntraUnavailableError } from '../errors.ts';
import { type Wire, WireRetryable } from '../http/wire.ts';
import { aadstsOf, authCodeOf } from './aadsts.fns.ts';
import { type CertificateCredential, clientAssertion, loadCertificate } from './certificate.ts';

import type { EntraCredentials } from '@butterfly/domain/idp';

export type EntraSecret = EntraCredentials;

export interface TokenOptions {
  /** e.g. https://login.microsoftonline.com (no trailing slash needed). */
  loginUrl: string;
  directoryId: string;
  clientId: string;
  credential: EntraSecret;
  /** The Graph URL: the token's scope is `<graphUrl>/.default` (every application permission consented). */
  graphUrl: string;
  wire: Wire;
  clock: Clock;
  random?: () => number;
}

/** Renew this long before `expires_in` runs out (or a tenth of it, for short-lived tokens). */
const EARLY_MS = 5 * 60_000;
const ATTEMPTS = 4;

interface Cached {
  header: string;
  expiresAt: number;
  roles: string[];
}

/**
 * OAuth 2.0 client credentials against the identity platform's v2.0 token endpoint, with a client
 * secret or a certificate (a signed client assertion). One token serves every request: `.default`
 * carries every application permission the tenant's admin consented to, listed in its `roles`.
 * Cached until shortly before expiry; concurrent callers share one token request.
 */
export class TokenSource {
  readonly tokenUrl: string;
  private readonly cert?: CertificateCredential;
  private cached: Cached | Promise<Cached> | undefined;
  private readonly o: TokenOptions;

  constructor(o: TokenOptions) {
    this.o = o;
    if (!/^[A-Za-z0-9.-]+$/.test(o.directoryId))
      throw new EntraAuthError('UNKNOWN_TENANT', 'The directory id must be a tenant GUID or a verified domain');
    this.tokenUrl = `${o.loginUrl.replace(/\/+$/, '')}/${o.directoryId}/oauth2/v2.0/token`;
    if (o.credential.kind === 'certificate') this.cert = loadCertificate(o.credential.certificatePem);
  }

  async authorization(signal?: AbortSignal): Promise<string> {
    return (await this.current(signal)).header;
  }

  /** The application permissions the token carries (its `roles` claim). */
  async roles(signal?: AbortSignal): Promise<string[]> {
    return (await this.current(signal)).roles;
  }

  /** Graph refused this header (401): forget it, so the next request gets a fresh token. */
  invalidate(header: string) {
    if (this.cached && !(this.cached instanceof Promise) && this.cached.header === header) this.cached = undefined;
  }

  private async current(signal?: AbortSignal): Promise<Cached> {
    const hit = this.cached;
    if (hit instanceof Promise) return hit;
    if (hit && hit.expiresAt > this.o.clock.now()) return hit;
    const pending = this.request(signal);
    this.cached = pending;
    try {
      const fresh = await pending;
      this.cached = fresh;
      return fresh;
    } catch (e) {
      this.cached = undefined;
      throw e;
    }
  }

  private async form(): Promise<string> {
    const p = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.o.clientId,
      scope: `${this.o.graphUrl.replace(/\/+$/, '')}/.default`,
    });
    if (this.o.credential.kind === 'client_secret') p.set('client_secret', this.o.credential.clientSecret);
    else {
      p.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      // A new assertion per attempt: its jti must not be replayed.
      p.set(
        'client_assertion',
        await clientAssertion({
          clientId: this.o.clientId,
          tokenUrl: this.tokenUrl,
          cert: this.cert!,
          nowMs: this.o.clock.now(),
        }),
      );
    }
    return p.toString();
  }

  private async request(signal?: AbortSignal): Promise<Cached> {
    let last: Error | undefined;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (attempt > 1)
        await this.o.clock.sleep(backoffMs(attempt - 1, 500, 10_000, this.o.random ?? Math.random), signal);
      const sentAt = this.o.clock.now();
      let res: Awaited<ReturnType<Wire['send']>>;
      try {
        res = await this.o.wire.send(this.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: await this.form(),
          signal,
        });
      } catch (e) {
        if (!(e instanceof WireRetryable)) throw e;
        last = e;
        continue;
      }
      const b = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
      if (res.status === 200 && typeof b.access_token === 'string') {
        const ttl = (Number(b.expires_in) || 3600) * 1000;
        return {
          header: `Bearer ${b.access_token}`,
          expiresAt: sentAt + ttl - Math.min(EARLY_MS, ttl / 10),
          roles: rolesOf(b.access_token),
        };
      }
      if (res.status === 429 || res.status >= 500) {
        last = new EntraUnavailableError(`The token endpoint answered ${res.status}`);
        continue;
      }
      const aadsts = aadstsOf(b);
      const code = authCodeOf(aadsts, typeof b.error === 'string' ? b.error : undefined);
      // error_description is Microsoft's text (AADSTS number, trace ids): no secret in it.
      const what =
        typeof b.error_description === 'string' ? b.error_description.split('\r\n')[0] : `HTTP ${res.status}`;
      throw new EntraAuthError(code, `Entra refused the app's credentials (${code}): ${what}`, aadsts);
    }
    throw new EntraUnavailableError(`The token endpoint failed ${ATTEMPTS} times: ${last?.message}`, { cause: last });
  }
}

/** The token's `roles` claim (application permissions); a token that is not a JWT has none we can see. */
function rolesOf(token: string): string[] {
  try {
    const roles = decodeJwt(token).roles;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
}
