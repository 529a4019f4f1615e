import { expect, test } from '@playwright/test';
import { SIM_URL } from '../fixtures/system.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

test('"sign out everywhere else" ends the other sessions on their next request', async ({ browser }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `sam@${world.domain}`);
  const laptop = await browser.newPage();
  const phone = await (await browser.newContext()).newPage();
  for (const page of [laptop, phone]) {
    await signIn(page, email);
    await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  }

  await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sessions' }).click();
  const rows = laptop.getByRole('row');
  await expect(rows).toHaveCount(3); // header + two sessions
  await expect(laptop.getByText('This session')).toHaveCount(1);
  await laptop.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(laptop.getByRole('status')).toHaveText('Signed out of 1 other session.');
  await expect(rows).toHaveCount(2);
  await expect(laptop.getByRole('button', { name: 'Sign out everywhere else' })).toBeDisabled();

  await phone.reload();
  await expect(phone.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
  await laptop.reload();
  await expect(laptop.getByRole('heading', { name: 'My sessions' })).toBeVisible();
});

test('sign-out ends the Butterfly session and the IdP session (RP-initiated logout)', async ({ page, context }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `lee@${world.domain}`);
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  const idpLogout = page.waitForRequest((r) => r.url().startsWith(`${SIM_URL}/${world.org}/oauth2/v1/logout`));
  await page.getByRole('button', { name: 'Sign out' }).click();
  const logoutUrl = new URL((await idpLogout).url());
  expect(logoutUrl.searchParams.get('id_token_hint')).toBeTruthy();
  expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toMatch(/\/signed-out$/);
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'bfy_session')).toBeUndefined();

  await page.goto('/sessions');
  await expect(page).toHaveURL(/\/login$/);
  // The IdP forgot the person too: signing in again asks for the password.
  // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
});
