import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authorizeUrl, exchangeCode, signIn } from '../test/flow.ts';
import { PASSWORD, REDIRECT_URI, startAcme } from '../test/fixtures.ts';

let ctx: Awaited<ReturnType<typeof startAcme>>;
beforeAll(async () => {
  ctx = await startAcme();
});
afterAll(() => ctx.sim.close());

const acmeSignIn = (email: string, password: string, extra: Partial<Parameters<typeof signIn>[0]> = {}) =>
  signIn({ sim: ctx.sim, org: 'acme', client: ctx.client, email, password, ...extra });

describe('authorization code + PKCE', () => {
  test('signs in, returns code and state to the client, and issues a verifiable ID token', async () => {
    const flow = await acmeSignIn('ann@acme.test', PASSWORD);
    expect(flow.loginPage).toContain('<label for="password">Password</label>');
    expect(flow.callback?.origin + flow.callback!.pathname).toBe(REDIRECT_URI);
    expect(flow.callback!.searchParams.get('state')).toBe(flow.state);
    const code = flow.callback!.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const token = await exchangeCode(ctx.sim, 'acme', ctx.client, code, flow.verifier, 'basic');
    expect(token.status).toBe(200);
    const issuer = `${ctx.sim.url}/acme`;
    const jwks = createRemoteJWKSet(new URL(`${issuer}/oauth2/v1/keys`));
    const { payload, protectedHeader } = await jwtVerify(token.body.id_token!, jwks, {
      issuer,
      audience: ctx.client.client_id,
      algorithms: ['RS256'],
    });
    expect(protectedHeader.kid).toBe(ctx.org.kids[0]);
    expect(payload).toMatchObject({
      sub: ctx.ann.id,
      nonce: flow.nonce,
      email: 'ann@acme.test',
      name: 'Ann Archer',
      preferred_username: 'ann@acme.test',
    });
    expect(payload.sid).toEqual(expect.any(String));

    const userinfo = await fetch(`${issuer}/oauth2/v1/userinfo`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(await userinfo.json()).toMatchObject({ sub: ctx.ann.id, email: 'ann@acme.test' });

    const replay = await exchangeCode(ctx.sim, 'acme', ctx.client, code, flow.verifier);
    expect(replay.body.error).toBe('invalid_grant');
  });

  test('accepts client_secret_post as well, and refuses a wrong secret', async () => {
    const flow = await acmeSignIn('ann@acme.test', PASSWORD);
    const code = flow.callback!.searchParams.get('code')!;
    const wrong = await exchangeCode(
      ctx.sim,
      'acme',
      { ...ctx.client, client_secret: 'nope' },
      code,
      flow.verifier,
      'post',
    );
    expect(wrong.body.error).toBe('invalid_client');
    const ok = await exchangeCode(ctx.sim, 'acme', ctx.client, code, flow.verifier, 'post');
    expect(ok.status).toBe(200);
    expect(decodeJwt(ok.body.id_token!).email).toBe('ann@acme.test');
  });

  test('refuses a code exchanged with the wrong PKCE verifier', async () => {
    const flow = await acmeSignIn('ann@acme.test', PASSWORD);
    const code = flow.callback!.searchParams.get('code')!;
    const res = await exchangeCode(ctx.sim, 'acme', ctx.client, code, 'x'.repeat(43));
    expect(res.body.error).toBe('invalid_grant');
  });

  test('refuses an authorization request without a PKCE challenge', async () => {
    const flow = await acmeSignIn('ann@acme.test', PASSWORD, { withoutPkce: true });
    expect(flow.loginPage).toBeUndefined();
    expect(flow.callback!.searchParams.get('error')).toBe('invalid_request');
    expect(flow.callback!.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(flow.callback!.searchParams.get('code')).toBeNull();
  });

  test('prefills the login form from login_hint', async () => {
    const flow = await acmeSignIn('ann@acme.test', PASSWORD, { loginHint: 'ann@acme.test' });
    expect(flow.loginPage).toContain('value="ann@acme.test"');
    expect(flow.callback!.searchParams.get('code')).toBeTruthy();
  });

  test('shows a plain error page for an unregistered redirect_uri', async () => {
    const url = authorizeUrl(ctx.sim, 'acme', { ...ctx.client, redirect_uris: ['http://evil.test/cb'] });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('invalid_redirect_uri');
  });
});

describe('refusals at sign-in', () => {
  test('a wrong password shows the form again with an error, and no code', async () => {
    const flow = await acmeSignIn('ann@acme.test', 'wrong password');
    expect(flow.callback).toBeUndefined();
    expect(flow.failedPage?.status).toBe(400);
    expect(flow.failedPage?.html).toContain('Unable to sign in');
    expect(flow.failedPage?.html).toContain('value="ann@acme.test"');
  });

  test('a deactivated user cannot sign in, and is let in again once reactivated', async () => {
    const user = await ctx.sim.orgs.addUser('acme', {
      email: 'dee@acme.test',
      password: PASSWORD,
      givenName: 'Dee',
      familyName: 'Active',
    });
    ctx.sim.orgs.updateUser('acme', user.id, { status: 'deactivated' });
    const refused = await acmeSignIn('dee@acme.test', PASSWORD);
    expect(refused.callback).toBeUndefined();
    expect(refused.failedPage?.html).toContain('Unable to sign in');

    ctx.sim.orgs.updateUser('acme', user.id, { status: 'active' });
    expect((await acmeSignIn('dee@acme.test', PASSWORD)).callback?.searchParams.get('code')).toBeTruthy();
  });

  test('a user deactivated between sign-in and token exchange gets no tokens', async () => {
    const user = await ctx.sim.orgs.addUser('acme', {
      email: 'eve@acme.test',
      password: PASSWORD,
      givenName: 'Eve',
      familyName: 'Late',
    });
    const flow = await acmeSignIn('eve@acme.test', PASSWORD);
    ctx.sim.orgs.updateUser('acme', user.id, { status: 'deactivated' });
    const res = await exchangeCode(
      ctx.sim,
      'acme',
      ctx.client,
      flow.callback!.searchParams.get('code')!,
      flow.verifier,
    );
    expect(res.body.error).toBe('invalid_grant');
  });
});
