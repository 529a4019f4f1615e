import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { Json } from '../../model/types.ts';
import { link } from '../../okta/links.ts';
import { iso } from '../../okta/time.ts';
import { type Ctx, noContent, ok, type Reply } from '../context.ts';
import { notFound, validation } from '../../okta/errors.ts';
import { allOf, pageOf } from '../paging.ts';
import { type Route, route } from '../router.ts';
import { audit } from '../syslog/events.ts';

/**
 * The IdP key store (`/api/v1/idps/credentials/keys`): X.509 certificates an IdP trusts, by `kid`.
 * A smart-card (X509) IdP names its CA here (`protocol.credentials.trust.kid`), which is where a
 * compliance scan reads whether the chain ends at a DoD root.
 */
export function idpKeyFromCertificates(x5c: string[], kid: string, at: string): Json {
  const cert = new X509Certificate(Buffer.from(x5c[0]!, 'base64'));
  const jwk = cert.publicKey.export({ format: 'jwk' });
  return {
    kid,
    created: at,
    lastUpdated: at,
    ...jwk,
    use: 'sig',
    x5c,
    'x5t#S256': createHash('sha256').update(cert.raw).digest('base64url'),
  };
}

const keyJson = (ctx: Ctx, key: Json) => ({
  ...key,
  _links: { self: link(`${ctx.base}/api/v1/idps/credentials/keys/${key.kid}`, 'GET', 'DELETE') },
});

function findKey(ctx: Ctx): Json {
  const key = ctx.org.data.table('idpKeys').get(ctx.params.kid!);
  if (!key) throw notFound(`${ctx.params.kid} (IdpKeyCredential)`);
  return key;
}

function createKey(ctx: Ctx): Reply {
  const x5c: unknown = ctx.body.x5c;
  if (!Array.isArray(x5c) || !x5c.length) throw validation('x5c', 'x5c: At least one certificate is required');
  let key: Json;
  try {
    key = idpKeyFromCertificates(x5c as string[], randomUUID(), iso(ctx.now));
  } catch {
    throw validation('x5c', 'x5c: The certificate could not be parsed');
  }
  ctx.org.data.table('idpKeys').set(key.kid, key);
  audit(ctx, 'system.idp.key.create', {
    id: key.kid,
    type: 'IdpKeyCredential',
    alternateId: key.kid,
    displayName: key.kid,
  });
  return ok(keyJson(ctx, key));
}

function deleteKey(ctx: Ctx): Reply {
  const key = findKey(ctx);
  for (const idp of ctx.org.data.table('idps').values()) {
    if (idp.protocol?.credentials?.trust?.kid === key.kid)
      throw validation('kid', `kid: The key is used by identity provider ${idp.name}`);
  }
  ctx.org.data.table('idpKeys').delete(key.kid);
  audit(ctx, 'system.idp.key.delete', {
    id: key.kid,
    type: 'IdpKeyCredential',
    alternateId: key.kid,
    displayName: key.kid,
  });
  return noContent();
}

/** Authenticator methods follow from the authenticator's key; read-only here. */
const METHODS: Record<string, string[]> = {
  okta_password: ['password'],
  okta_email: ['email'],
  okta_verify: ['push', 'signed_nonce', 'totp'],
  phone_number: ['sms', 'voice'],
  webauthn: ['webauthn'],
  security_question: ['security_question'],
  smart_card_idp: ['cert'],
  google_otp: ['otp'],
};

function methods(ctx: Ctx): Reply {
  const authenticator = ctx.org.data.table('authenticators').get(ctx.params.authenticatorId!);
  if (!authenticator) throw notFound(`${ctx.params.authenticatorId} (Authenticator)`);
  const self = `${ctx.base}/api/v1/authenticators/${authenticator.id}/methods`;
  return allOf(
    ctx,
    (METHODS[authenticator.key] ?? []).map((type) => ({
      type,
      status: authenticator.status,
      _links: { self: link(`${self}/${type}`, 'GET', 'PUT') },
    })),
  );
}

export const idpKeyRoutes: Route[] = [
  route('GET', '/api/v1/idps/credentials/keys', 'idps', (ctx) =>
    pageOf(ctx, ctx.org.data.table('idpKeys'), { default: 20, max: 200 }, (k) => keyJson(ctx, k)),
  ),
  route('POST', '/api/v1/idps/credentials/keys', 'idps', createKey),
  route('GET', '/api/v1/idps/credentials/keys/{kid}', 'idps', (ctx) => ok(keyJson(ctx, findKey(ctx)))),
  route('DELETE', '/api/v1/idps/credentials/keys/{kid}', 'idps', deleteKey),
  route('GET', '/api/v1/authenticators/{authenticatorId}/methods', 'authenticators', methods),
];
