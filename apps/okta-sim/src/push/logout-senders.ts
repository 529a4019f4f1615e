import { invalid, notFound } from '../model/errors.ts';
import type { SimOrg } from '../registry/registry.ts';
import { type TSentRequest, send } from '../http/send.ts';
import { signOrgJwt } from './sign.ts';
import type { TBackchannelLogoutInput, TUniversalLogoutInput } from './schemas.ts';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * OIDC Back-Channel Logout 1.0 from the org to one client: a logout token (`iss` the org, `aud` the
 * client id, the logout event, `sub` and/or `sid`, a fresh `jti`, two minutes to live) POSTed as a
 * form to the client's registered `backchannel_logout_uri`. The token is returned too, so a test can
 * replay it.
 */
export async function sendBackchannelLogout(
  { org, auth }: SimOrg,
  input: TBackchannelLogoutInput & { clientId: string },
): Promise<TSentRequest & { logoutToken: string }> {
  const client = org.findClient(input.clientId);
  if (!client) throw notFound(`client ${input.clientId}`);
  if (!client.backchannel_logout_uri) throw invalid(`client ${input.clientId} has no backchannel_logout_uri`);
  if (input.userId) org.user(input.userId);
  const claims = {
    iss: org.url,
    aud: client.client_id,
    events: { [BACKCHANNEL_EVENT]: {} },
    ...(input.userId ? { sub: input.userId } : {}),
    ...(input.sid ? { sid: input.sid } : {}),
  };
  const logoutToken = await signOrgJwt(auth.keyRing, 'logout+jwt', claims, 120, org.now());
  const sent = await send('POST', client.backchannel_logout_uri, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: logoutToken }).toString(),
  });
  return { ...sent, logoutToken };
}

/**
 * Okta Universal Logout: a JWT signed by the org (`typ` global-token-revocation+jwt, `aud` the
 * endpoint URL, one minute to live) as the Bearer credential of a JSON body naming the user, in
 * either shape Okta's documentation shows (`sub_id` or `subject`) and either format (`email`, or
 * `iss_sub` with the org as issuer and the user id as subject, which is the ID token's `sub`).
 */
export async function sendUniversalLogout(
  { org, auth }: SimOrg,
  input: Required<TUniversalLogoutInput>,
): Promise<TSentRequest> {
  const user = org.user(input.userId);
  const id =
    input.format === 'email'
      ? { format: 'email', email: user.profile.email }
      : { format: 'iss_sub', iss: org.url, sub: user.id };
  const jwt = await signOrgJwt(
    auth.keyRing,
    'global-token-revocation+jwt',
    { iss: org.url, aud: input.url },
    60,
    org.now(),
  );
  return send('POST', input.url, {
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ [input.shape]: id }),
  });
}
