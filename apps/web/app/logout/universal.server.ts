import { DomainError } from '@butterfly/domain/core';
import { ZUniversalLogoutSubject, recordLogoutJti, universalLogout } from '@butterfly/domain/logout';
import type { AppLoadContext } from '@remix-run/node';
import { type JWTPayload, decodeJwt, decodeProtectedHeader } from 'jose';
import { z } from 'zod';
import { verifyIdpJwt } from '../auth/idp-jwt.server.ts';
import { bearerToken } from '../auth/bearer.server.ts';
import { systemDeps } from '../auth/session.server.ts';
import { MAX_LOGOUT_TOKEN_AGE_SECONDS } from './logout-token.server.ts';
import { logoutTarget, receiverJson } from './receiver-context.server.ts';

export const UNIVERSAL_LOGOUT_TYP = 'global-token-revocation+jwt';
/** Okta's tokens live a few minutes; one valid for longer than this is refused as not "short". */
const MAX_LIFETIME_SECONDS = 600;

/** `{"sub_id": {...}}` as the spec has it, or `{"subject": {...}}` as one Okta page shows: exactly one. */
const ZBody = z.union([
  z.object({ sub_id: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ subject: z.record(z.string(), z.unknown()) }).strict(),
]);

const trim = (u: string) => u.replace(/\/+$/, '');
const unauthorized = (why: string) =>
  new Response(JSON.stringify({ error: 'invalid_token', error_description: why }), {
    status: 401,
    headers: {
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json; charset=utf-8',
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    },
  });

/**
 * POST /sso/<tenant>/universal-logout (Okta Universal Logout, global token revocation). Order of
 * checks, each with its own answer: a Bearer JWT at all (401); a tenant whose configured issuer is
 * the token's (403, checked before any key is fetched, so a caller cannot make us fetch another
 * issuer's JWKS); the org's signature, `typ`, `aud` = this URL, short `exp` (401); the body (400);
 * the person (404); then every credential ends (204). Cookies are never read here.
 * Replay: a token must carry a `jti` and an `iat` within five minutes of now (either way); its jti is
 * remembered until its `exp` (logout_token_jtis, shared with back-channel logout), and a second use
 * is refused as 401.
 */
export async function receiveUniversalLogout(
  request: Request,
  context: AppLoadContext,
  slug: string,
): Promise<Response> {
  const token = bearerToken(request.headers.get('authorization') ?? '');
  if (!token) return unauthorized('a Bearer JWT is required');
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
    decodeProtectedHeader(token);
  } catch {
    return unauthorized('the bearer token is not a JWT');
  }
  const target = await logoutTarget(context, slug);
  if (!target || typeof unverified.iss !== 'string' || trim(unverified.iss) !== trim(target.issuer)) {
    return receiverJson(403, {
      error: 'forbidden',
      error_description: 'this issuer is not configured for this tenant',
    });
  }
  if (!target.keys) return unauthorized("the issuer's keys could not be read");
  const audience = `${context.services.appUrl}/sso/${encodeURIComponent(target.slug)}/universal-logout`;
  let verified: JWTPayload;
  try {
    const { claims: payload } = await verifyIdpJwt(token, {
      keys: target.keys,
      issuer: target.issuer,
      audience,
      typ: UNIVERSAL_LOGOUT_TYP,
      maxTokenAge: MAX_LOGOUT_TOKEN_AGE_SECONDS,
      requiredClaims: ['exp', 'iat', 'jti'],
    });
    if (payload.exp! - Date.now() / 1000 > MAX_LIFETIME_SECONDS) return unauthorized('the token is valid for too long');
    if (typeof payload.jti !== 'string' || !payload.jti || payload.jti.length > 255)
      return unauthorized('jti is missing or too long');
    verified = payload;
  } catch (e) {
    context.log.warn({ tenant: target.slug, err: (e as Error).message }, 'universal logout: token refused');
    return unauthorized('the token does not verify for this endpoint');
  }

  const body = ZBody.safeParse(await request.json().catch(() => undefined));
  if (!body.success)
    return receiverJson(400, {
      error: 'invalid_request',
      error_description: 'expected {"sub_id": {...}} or {"subject": {...}}',
    });
  const subject = ZUniversalLogoutSubject.safeParse('sub_id' in body.data ? body.data.sub_id : body.data.subject);
  if (!subject.success)
    return receiverJson(400, {
      error: 'invalid_request',
      error_description: 'the subject format must be "email" or "iss_sub", with its fields',
    });
  const jti = {
    tenantId: target.tenantId,
    issuer: target.issuer,
    jti: verified.jti as string,
    expiresAt: new Date(verified.exp! * 1000),
  };
  if (!(await recordLogoutJti({ db: context.db, clock: () => new Date() }, jti))) {
    context.log.warn({ tenant: target.slug }, 'universal logout: replayed token refused');
    return unauthorized('this token was already used (jti replay)');
  }
  try {
    await universalLogout(systemDeps(context, `universal-logout:${target.slug}`), target, subject.data);
    return receiverJson(204);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'NOT_FOUND')
      return receiverJson(404, { error: 'not_found', error_description: 'no such user' });
    if (e instanceof DomainError) {
      context.log.warn({ tenant: target.slug, err: e }, 'universal logout could not complete');
      return receiverJson(422, { error: 'unprocessable', error_description: 'the user could not be logged out' });
    }
    throw e;
  }
}
