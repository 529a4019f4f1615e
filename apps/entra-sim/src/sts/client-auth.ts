import { decodeProtectedHeader, jwtVerify } from 'jose';
import type { TAppRegistration } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import type { TSimDeps } from './deps.ts';
import type { TAadstsCode } from './errors.ts';
import { secretMatches } from '../model/secrets.ts';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type TClientAuth =
  | { ok: true; app: TAppRegistration; method: 'secret' | 'certificate' }
  | { ok: false; error: TAadstsCode; detail?: string };

/** Client id and secret from the form or from HTTP Basic (client_secret_basic). */
function credentials(form: URLSearchParams, authorization: string | undefined) {
  if (authorization?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { clientId: form.get('client_id') ?? '', secret: form.get('client_secret') ?? undefined };
}

/**
 * A confidential client: a secret, or a client assertion (RS256, signed by the private key of one
 * of the app's certificates, `iss` = `sub` = client id, audience the token endpoint).
 */
export async function authenticateClient(
  deps: TSimDeps,
  tenant: Tenant,
  tenantInPath: string,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<TClientAuth> {
  const { clientId, secret } = credentials(form, authorization);
  if (!clientId) return { ok: false, error: 'missingParameter', detail: "'client_id'" };
  const app = tenant.apps.get(clientId);
  if (!app) return { ok: false, error: 'appNotFound', detail: `'${clientId}' in the directory '${tenant.id}'` };
  const assertion = form.get('client_assertion');
  if (assertion) {
    if (form.get('client_assertion_type') !== ASSERTION_TYPE)
      return { ok: false, error: 'invalidAssertion', detail: 'client_assertion_type' };
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      return { ok: false, error: 'invalidAssertion', detail: 'not a JWT' };
    }
    const named = (header.x5t ?? header.kid) as string | undefined;
    const candidates = app.certificates.filter((c) => !named || c.thumbprint === named);
    const audiences = [...new Set([tenantInPath, tenant.id])].map((t) => `${deps.baseUrl}/${t}/oauth2/v2.0/token`);
    for (const cert of candidates) {
      try {
        await jwtVerify(assertion, cert.key, {
          algorithms: ['RS256', 'PS256'],
          issuer: clientId,
          subject: clientId,
          audience: audiences,
          currentDate: new Date(deps.clock()),
        });
        return { ok: true, app, method: 'certificate' };
      } catch (error) {
        if (
          (error as { code?: string }).code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' &&
          (error as { claim?: string }).claim === 'aud'
        )
          return { ok: false, error: 'assertionAudience', detail: `expected ${audiences.join(' or ')}` };
      }
    }
    return {
      ok: false,
      error: 'invalidAssertion',
      detail: `Key was found, but use of the key to verify the signature failed or no key with thumbprint '${named ?? '?'}' is registered`,
    };
  }
  if (secret === undefined) return { ok: false, error: 'noCredential' };
  if (!secretMatches(secret, app.secretHashes))
    return { ok: false, error: 'invalidSecret', detail: `for app '${clientId}'` };
  return { ok: true, app, method: 'secret' };
}
