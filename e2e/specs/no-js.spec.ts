import { type Browser, type Page, expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { APP_URL, SIM_URL } from '../fixtures/system.ts';
import { addIdpUser, createWorld, signIn, signInAtIdp } from '../fixtures/worlds.ts';

// Everything here works the way the web works: forms and links, no script at all.
test.use({ javaScriptEnabled: false });
// Each test makes its own tenant through the CLI first: slow on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

/** CSP reports in the console (a blocked form-action hop is one): collected, expected empty. */
function cspViolations(page: Page) {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('signs in through the IdP and out of both, with JavaScript off', async ({ page, context }) => {
  const violations = cspViolations(page);
  const world = await createWorld();
  const email = await addIdpUser(world, `nojs@${world.domain}`);

  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  // The form's answer is a page of ours that goes on by itself (Refresh), not a redirect to the IdP.
  await expect(page).toHaveURL(new RegExp(`^${SIM_URL}/${world.org}/interaction/`));
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await signInAtIdp(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  const idpLogout = page.waitForRequest((r) => r.url().startsWith(`${SIM_URL}/${world.org}/oauth2/v1/logout`));
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(new URL((await idpLogout).url()).searchParams.get('id_token_hint')).toBeTruthy();
  // okta-sim asks for a confirmation POST (oidc-provider's), submitted by script or, here, by hand.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'bfy_session')).toBeUndefined();

  // The IdP session ended too: signing in again asks for the password.
  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  expect(violations).toEqual([]);
});

test('the hand-off page itself is accessible and links on', async ({ page, browser }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `hand@${world.domain}`);
  // Stay on the hand-off page: a 204 answer to the navigation its Refresh starts leaves it in place.
  await page.route('**/sso/*/start*', (route) => route.fulfill({ status: 204 }));
  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await page.getByRole('button', { name: 'Continue' }).click();
  const link = page.getByRole('link', { name: 'Continue to your sign-in page' });
  await expect(link).toHaveAttribute('href', `/sso/${world.slug}/start?login_hint=${encodeURIComponent(email)}`);
  expect((await answer).headers().refresh).toBe(
    `0; url=/sso/${world.slug}/start?login_hint=${encodeURIComponent(email)}`,
  );
  await expectAccessibleHtml(browser, await (await answer).text());
});

/**
 * axe runs as a script, and so does anything that reads a page here (evaluate waits for ever with
 * JavaScript off): the page's HTML, as the server sent it and without its scripts, is checked in a
 * page of a scripted context opened at our origin, so that the styles load as they did.
 */
async function expectAccessibleHtml(browser: Browser, html: string) {
  const context = await browser.newContext({ baseURL: APP_URL, javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.goto('/signed-out');
    await copy.setContent(
      html.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, ''),
    );
    await expectAccessible(copy);
  } finally {
    await context.close();
  }
}

test('a confirmation is a page of its own without JavaScript, and its form still posts', async ({ page, browser }) => {
  const world = await createWorld();
  const admin = await addIdpUser(world, `admin@${world.domain}`);
  await cli(['member', 'add', world.slug, admin, '--role', 'admin']);
  const leaver = `leaver@${world.domain}`;
  await cli(['member', 'add', world.slug, leaver, '--role', 'read_only']);
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  await page.goto('/members');
  const asked = page.waitForResponse((r) => new URL(r.url()).searchParams.get('confirm') === 'deactivate');
  await page.getByRole('link', { name: `Deactivate ${leaver}` }).click();
  await expect(page).toHaveURL(/[?&]confirm=deactivate&memberId=/);
  const question = page.getByRole('region', { name: `Deactivate ${leaver}?` });
  await expect(question).toContainText('signed out everywhere');
  await expectAccessibleHtml(browser, await (await asked).text());

  // Cancel goes back to the plain page; asking again and confirming deactivates.
  await question.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await page.getByRole('link', { name: `Deactivate ${leaver}` }).click();
  await page
    .getByRole('region', { name: `Deactivate ${leaver}?` })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('status')).toContainText(`${leaver} is deactivated`);
  await expect(page.getByRole('row', { name: new RegExp(leaver) })).toContainText('Deactivated');
});
