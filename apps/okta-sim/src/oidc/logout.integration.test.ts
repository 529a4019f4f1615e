import { afterAll, beforeAll, expect, test } from 'vitest';
import { POST_LOGOUT_URI, PASSWORD, REDIRECT_URI, startAcme } from '../test/fixtures.ts';
import { authorizeUrl, exchangeCode, formAction, signIn } from '../test/flow.ts';

let ctx: Awaited<ReturnType<typeof startAcme>>;
beforeAll(async () => {
  ctx = await startAcme();
});
afterAll(() => ctx.sim.close());

test('RP-initiated logout ends the Okta session and returns to post_logout_redirect_uri with state', async () => {
  const flow = await signIn({
    sim: ctx.sim,
    org: 'acme',
    client: ctx.client,
    email: 'ann@acme.test',
    password: PASSWORD,
  });
  const { body } = await exchangeCode(
    ctx.sim,
    'acme',
    ctx.client,
    flow.callback!.searchParams.get('code')!,
    flow.verifier,
  );
  const { browser } = flow;

  // While the session lives, a new authorization request needs no password.
  const pkce = { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' };
  const again = await browser.follow(authorizeUrl(ctx.sim, 'acme', ctx.client, pkce), {}, REDIRECT_URI);
  expect(new URL(again.url).searchParams.get('code')).toBeTruthy();

  const logout = new URL(`${ctx.sim.url}/acme/oauth2/v1/logout`);
  logout.searchParams.set('id_token_hint', body.id_token!);
  logout.searchParams.set('post_logout_redirect_uri', POST_LOGOUT_URI);
  logout.searchParams.set('state', 'bye');
  const page = await browser.follow(logout.href);
  expect(page.res?.status).toBe(200);
  const html = await page.res!.text();
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
  // What the page's script (or its button, without JavaScript) submits.
  const done = await browser.postForm(formAction(html, page.url), { xsrf, logout: 'yes' }, POST_LOGOUT_URI);
  expect(done.url).toBe(`${POST_LOGOUT_URI}?state=bye`);

  const afterLogout = await browser.follow(authorizeUrl(ctx.sim, 'acme', ctx.client, pkce), {}, REDIRECT_URI);
  expect(afterLogout.res?.status).toBe(200);
  expect(await afterLogout.res!.text()).toContain('Sign In');
});

test('an unregistered post_logout_redirect_uri is refused', async () => {
  const flow = await signIn({
    sim: ctx.sim,
    org: 'acme',
    client: ctx.client,
    email: 'ann@acme.test',
    password: PASSWORD,
  });
  const { body } = await exchangeCode(
    ctx.sim,
    'acme',
    ctx.client,
    flow.callback!.searchParams.get('code')!,
    flow.verifier,
  );
  const logout = new URL(`${ctx.sim.url}/acme/oauth2/v1/logout`);
  logout.searchParams.set('id_token_hint', body.id_token!);
  logout.searchParams.set('post_logout_redirect_uri', 'http://evil.test/');
  const res = await flow.browser.request(logout.href);
  expect(res.status).toBe(400);
  expect(await res.text()).toContain('post_logout_redirect_uri not registered');
});
