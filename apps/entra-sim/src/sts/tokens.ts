import { createHash, randomUUID } from 'node:crypto';
import type { TAppRegistration, TObj } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';
import { GRAPH_AUDIENCE, GRAPH_APP_ID, issuerV1, issuerV2, type TSimDeps } from './deps.ts';

export const TOKEN_SECONDS = 3599;

/** `sub` is pairwise: the same user has a different one in each app registration [CLAIMS]. */
export const pairwiseSub = (tid: string, clientId: string, oid: string) =>
  createHash('sha256').update(`${tid}|${clientId}|${oid}`).digest('base64url').slice(0, 43);

const times = (deps: TSimDeps) => {
  const now = Math.floor(deps.clock() / 1000);
  return { iat: now, nbf: now, exp: now + TOKEN_SECONDS };
};

/** A v1.0 Graph app token with the app's granted application permissions in `roles`. */
export function appAccessToken(
  deps: TSimDeps,
  tenant: Tenant,
  app: TAppRegistration,
  method: 'secret' | 'certificate',
) {
  return deps.keys.sign({
    aud: GRAPH_AUDIENCE,
    iss: issuerV1(deps, tenant.id),
    ...times(deps),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: method === 'certificate' ? '2' : '1',
    idp: issuerV1(deps, tenant.id),
    idtyp: 'app',
    oid: app.servicePrincipalId,
    rh: '0.sim.',
    roles: app.roles,
    sub: app.servicePrincipalId,
    tid: tenant.id,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: '1.0',
  });
}

/** A delegated Graph token for a signed-in user: `scp` lists the Graph permissions asked for. */
export function userAccessToken(deps: TSimDeps, tenant: Tenant, app: TAppRegistration, user: TObj, scopes: string[]) {
  return deps.keys.sign({
    aud: GRAPH_AUDIENCE,
    iss: issuerV1(deps, tenant.id),
    ...times(deps),
    app_displayname: app.displayName,
    appid: app.clientId,
    appidacr: '1',
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    scp: scopes.join(' '),
    sub: pairwiseSub(tenant.id, GRAPH_APP_ID, user.id),
    tid: tenant.id,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    ver: '1.0',
  });
}

/** A v2.0 ID token with the optional claims a careful relying party asks for (email, xms_edov, sid, login_hint). */
export function idToken(
  deps: TSimDeps,
  tenant: Tenant,
  clientId: string,
  user: TObj,
  extra: { nonce?: string; sid: string },
) {
  const email = (user.mail as string | null) ?? undefined;
  const domain = email?.split('@')[1]?.toLowerCase();
  const verified = [...tenant.collection('domains').values()].some((d) => d.id === domain && d.isVerified === true);
  return deps.keys.sign({
    aud: clientId,
    iss: issuerV2(deps, tenant.id),
    ...times(deps),
    ...(extra.nonce ? { nonce: extra.nonce } : {}),
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    ...(email ? { email, xms_edov: verified } : {}),
    sid: extra.sid,
    login_hint: Buffer.from(JSON.stringify({ tid: tenant.id, oid: user.id, upn: user.userPrincipalName })).toString(
      'base64url',
    ),
    sub: pairwiseSub(tenant.id, clientId, user.id),
    tid: tenant.id,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: '2.0',
    ...(user.userType === 'Guest' ? { acct: 1 } : {}),
  });
}
