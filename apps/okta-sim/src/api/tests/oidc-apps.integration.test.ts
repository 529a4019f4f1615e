import { afterAll, beforeAll, expect, test } from 'vitest';
import { call, ssws, startSeeded } from '../../test/api.ts';
import { authorizeUrl, exchangeCode, signIn } from '../../test/flow.ts';

let ctx: Awaited<ReturnType<typeof startSeeded>>;
beforeAll(async () => {
  ctx = await startSeeded({ users: 5 });
});
afterAll(() => ctx.sim.close());

/** One org, two faces: an app created through the Management API is a client of the org's authorization server. */
test('an OIDC app created through the API signs users in; deactivating it, or the user, stops that', async () => {
  const auth = ssws(ctx.token);
  const redirect = 'http://localhost:3000/sso/acme/callback';
  const app = (
    await call(`${ctx.org}/api/v1/apps`, {
      auth,
      method: 'POST',
      body: JSON.stringify({
        label: 'Butterfly',
        signOnMode: 'OPENID_CONNECT',
        settings: { oauthClient: { application_type: 'web', redirect_uris: [redirect] } },
      }),
    })
  ).body;
  const client = {
    client_id: app.credentials.oauthClient.client_id,
    client_secret: app.credentials.oauthClient.client_secret,
    redirect_uris: [redirect],
    post_logout_redirect_uris: [],
  };
  const password = ctx.sim.demo!.generated!.password;
  const flow = await signIn({ sim: ctx.sim, org: 'acme', client, email: 'user1@acme.test', password });
  const token = await exchangeCode(ctx.sim, 'acme', client, flow.callback!.searchParams.get('code')!, flow.verifier);
  expect(token.status).toBe(200);

  const user = (await call(`${ctx.org}/api/v1/users/user1@acme.test`, { auth })).body;
  await call(`${ctx.org}/api/v1/users/${user.id}/lifecycle/deactivate`, { auth, method: 'POST' });
  const refused = await signIn({ sim: ctx.sim, org: 'acme', client, email: 'user1@acme.test', password });
  expect(refused.callback).toBeUndefined();

  await call(`${ctx.org}/api/v1/apps/${app.id}/lifecycle/deactivate`, { auth, method: 'POST' });
  const gone = await fetch(
    authorizeUrl(ctx.sim, 'acme', client, {
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }),
    { redirect: 'manual' },
  );
  expect(gone.status).toBe(400);
  expect(await gone.text()).toContain('invalid_client');
});
