import { createHash } from 'node:crypto';
import { buildApp } from '../okta/apps.ts';
import { iso } from '../okta/time.ts';
import { clientSecret, oktaId } from '../model/ids.ts';
import type { OrgCore, TNewClient } from './org-core.ts';
import type { Json, SimClient } from '../model/types.ts';

/** The OAuth client metadata oidc-provider needs, read from an OPENID_CONNECT app. */
export function appClient(app: Json): SimClient {
  const oauth = app.settings?.oauthClient ?? {};
  return {
    client_id: app.credentials.oauthClient.client_id,
    client_secret: app.credentials.oauthClient.client_secret ?? '',
    client_name: app.label,
    redirect_uris: [...(oauth.redirect_uris ?? [])],
    post_logout_redirect_uris: [...(oauth.post_logout_redirect_uris ?? [])],
    ...(oauth.backchannel_logout_uri ? { backchannel_logout_uri: oauth.backchannel_logout_uri } : {}),
  };
}

/** The web app behind a client registered through the control API (or `--client`). */
export function newClientApp(org: OrgCore, input: TNewClient): Json {
  const id = oktaId(org.ids, '0oa');
  return buildApp(
    {
      label: input.client_name ?? input.client_id ?? 'OIDC client',
      signOnMode: 'OPENID_CONNECT',
      credentials: {
        oauthClient: { client_id: input.client_id ?? id, client_secret: input.client_secret ?? clientSecret(org.ids) },
      },
      settings: {
        oauthClient: {
          redirect_uris: input.redirect_uris,
          post_logout_redirect_uris: input.post_logout_redirect_uris ?? [],
          ...(input.backchannel_logout_uri ? { backchannel_logout_uri: input.backchannel_logout_uri } : {}),
        },
      },
    },
    { id, now: iso(org.now()), orgId: org.refs.orgId, secret: () => clientSecret(org.ids) },
  );
}

/** A client secret as `/apps/{appId}/credentials/secrets` lists it; the app shows the newest active one. */
export function addSecret(org: OrgCore, app: Json, secret: string, status: string, at: string): Json {
  const entry = {
    id: oktaId(org.ids, 'ocs'),
    status,
    client_secret: secret,
    secret_hash: createHash('sha256').update(secret).digest('base64url').slice(0, 22),
    created: at,
    lastUpdated: at,
  };
  org.data.table(`secrets:${app.id}`).set(entry.id, entry);
  if (status === 'ACTIVE') app.credentials.oauthClient.client_secret = secret;
  return entry;
}
