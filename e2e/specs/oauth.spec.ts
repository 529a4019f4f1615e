import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  allowIfAsked,
  apiAs,
  authorizeInBrowser,
  authorizePath,
  exchangeCode,
  pkce,
  refreshTokens,
  revokeToken,
} from '../fixtures/credentials.ts';
import { addIdpUser, createWorld, signIn, signInAtIdp } from '../fixtures/worlds.ts';

// Each test creates a tenant and its IdP through the CLI first (several seconds).
test.describe.configure({ timeout: 60_000 });

test('the extension’s flow: authorize in the signed-in browser, code from /oauth/handoff, token, API, refresh, revoke', async ({
  page,
}) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `ext@${world.domain}`);
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  const p = pkce();
  const code = await authorizeInBrowser(page, p.challenge);
  expect(code).toMatch(/^bfyc_/);
  await expect(page.getByRole('heading', { name: 'Finish connecting the Butterfly extension' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  const first = await exchangeCode(code, p.verifier);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
  expect(await apiAs(first.body.access_token)).toEqual({ status: 200, email });

  const second = await refreshTokens(first.body.refresh_token);
  expect(second.status).toBe(200);
  expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
  expect(await apiAs(second.body.access_token)).toEqual({ status: 200, email });

  expect(await revokeToken(second.body.refresh_token)).toBe(200);
  expect((await refreshTokens(second.body.refresh_token)).status).toBe(400);
  // The access tokens of the revoked family stop too, well before their five minutes.
  expect((await apiAs(second.body.access_token)).status).toBe(401);
  expect((await apiAs(first.body.access_token)).status).toBe(401);
});

test('a code is refused without its PKCE verifier, with another one, and twice', async ({ page }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `pkce@${world.domain}`);
  await signIn(page, email);
  const p = pkce();
  const missing = await exchangeCode(await authorizeInBrowser(page, p.challenge));
  expect(missing).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  const wrong = await exchangeCode(await authorizeInBrowser(page, p.challenge), pkce().verifier);
  expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  const code = await authorizeInBrowser(page, p.challenge);
  expect((await exchangeCode(code, p.verifier)).status).toBe(200);
  expect((await exchangeCode(code, p.verifier)).status).toBe(400);
});

test('reusing a rotated refresh token revokes the whole family', async ({ page }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `reuse@${world.domain}`);
  await signIn(page, email);
  const p = pkce();
  const first = (await exchangeCode(await authorizeInBrowser(page, p.challenge), p.verifier)).body;
  const second = (await refreshTokens(first.refresh_token)).body;
  expect(await apiAs(second.access_token)).toMatchObject({ status: 200 });

  const reuse = await refreshTokens(first.refresh_token);
  expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  expect((await refreshTokens(second.refresh_token)).status).toBe(400);
  expect((await apiAs(second.access_token)).status).toBe(401);
});

test('a signed-out browser signs in first, then comes back to the authorization request', async ({ page }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `later@${world.domain}`);
  const p = pkce();
  await page.goto(authorizePath(p.challenge));
  await expect(page).toHaveURL(/\/login\?returnTo=/);
  // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await signInAtIdp(page, email);
  await allowIfAsked(page);
  await expect(page).toHaveURL(/\/oauth\/handoff\?/);
  const code = await page.getByLabel('Authorization code').inputValue();
  expect((await exchangeCode(code, p.verifier)).status).toBe(200);
});

test('a member is asked once per client: nothing is issued before Allow, Deny tells the client, another site cannot answer', async ({
  page,
}) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `consent@${world.domain}`);
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  // A page that opens the authorization URL in a signed-in browser gets the question, not a code.
  await page.goto(authorizePath(pkce().challenge));
  await expect(
    page.getByRole('heading', { name: 'Allow Butterfly for Chrome to use Butterfly as you?' }),
  ).toBeVisible();
  await expect(page.getByRole('main')).toContainText(world.name);
  await expect(page.getByRole('main')).toContainText(email);
  expect(page.url()).toContain('/oauth/authorize?');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Another site cannot press Allow for the member: its POST carries the cookie but not this origin.
  const forged = await page.request.post(page.url(), {
    headers: { origin: 'https://evil.test' },
    form: { decision: 'allow' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);

  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(/\/oauth\/handoff\?.*error=access_denied/);
  await expect(page.getByRole('heading', { name: 'The extension was not connected' })).toBeVisible();

  // Still asked (the forged POST and the Deny stored nothing); Allow, then never asked again.
  const p = pkce();
  await page.goto(authorizePath(p.challenge));
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page).toHaveURL(/\/oauth\/handoff\?/);
  expect((await exchangeCode(await page.getByLabel('Authorization code').inputValue(), p.verifier)).status).toBe(200);
  await page.goto(authorizePath(pkce().challenge));
  await expect(page).toHaveURL(/\/oauth\/handoff\?code=/);
});
