import { expect, test } from '@playwright/test';
import { addIdpUser, createWorld, signIn, signInAtIdp } from '../fixtures/worlds.ts';
import { SIM_URL, unique } from '../fixtures/system.ts';

const NOT_AVAILABLE = /can't sign you in with this email address/;

test('signs in by email domain through the tenant IdP, creating the member at read_only', async ({ page, context }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `kim@${world.domain}`);

  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in with your work email' }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Work email').fill(email);
  await page.screenshot({ path: 'test-results/screenshots/login.png', fullPage: true });
  await page.getByRole('button', { name: 'Continue' }).click();

  // On the tenant's own IdP, with the email passed along as login_hint.
  await expect(page).toHaveURL(new RegExp(`^${SIM_URL}/${world.org}/interaction/`));
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await signInAtIdp(page, email);

  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByRole('main')).toContainText('read_only');
  await expect(page.getByRole('main')).toContainText('given at your first sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.name);
  await page.screenshot({ path: 'test-results/screenshots/signed-in.png', fullPage: true });

  const session = (await context.cookies()).find((c) => c.name === 'bfy_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('an unknown domain and an unverified one get the same message, which tells nothing', async ({ page }) => {
  const unverified = await createWorld({ verified: false });
  const answers: string[] = [];
  for (const email of [`ann@${unique('nowhere')}.test`, `ann@${unverified.domain}`]) {
    await page.goto('/login');
    // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Work email').fill(email);
    await page.getByRole('button', { name: 'Continue' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(NOT_AVAILABLE);
    answers.push((await alert.textContent()) ?? '');
    await expect(page).toHaveURL(/\/login$/);
  }
  expect(answers[0]).toBe(answers[1]);
});

test("an IdP account outside the tenant's domains is refused at the callback", async ({ page }) => {
  const world = await createWorld();
  const outsider = await addIdpUser(world, `eve@${unique('elsewhere')}.test`);
  await signIn(page, `someone@${world.domain}`, { idpEmail: outsider });
  await expect(page.getByRole('heading', { name: "This account can't sign in here" })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
});

test("org B's IdP cannot sign anyone into tenant A", async ({ page, browser }) => {
  const a = await createWorld();
  const b = await createWorld();
  const mallory = await addIdpUser(b, `mallory@${a.domain}`);

  // B's Okta answers for a sign-in started at tenant B; the answer is carried to tenant A's callback
  // instead. It is refused there: the flow is bound to tenant B (and A would redeem B's code at A's IdP).
  let answer: string | undefined;
  await page.route(`${SIM_URL}/${b.org}/interaction/**`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const res = await route.fetch({ maxRedirects: 0 });
    // Follow okta-sim's own redirects (resume, consent) until it sends the browser back to us.
    let url = new URL(res.headers().location ?? '', route.request().url());
    while (url.origin === SIM_URL)
      url = new URL((await page.request.get(url.href, { maxRedirects: 0 })).headers().location ?? '', url);
    answer = url.href;
    await route.fulfill({ response: res, status: 200, headers: { ...res.headers(), location: '' }, body: 'held' });
  });
  await page.goto(`/sso/${b.slug}/start?login_hint=${encodeURIComponent(mallory)}`);
  await signInAtIdp(page, mallory);
  await expect.poll(() => answer).toContain(`/sso/${b.slug}/callback?code=`);
  const carried = new URL(answer!);
  carried.pathname = `/sso/${a.slug}/callback`;
  await page.goto(carried.href);
  await expect(page.getByRole('heading', { name: 'This sign-in has expired' })).toBeVisible();

  // And B's Okta asserting an address on A's domain cannot use B's own tenant either.
  const other = await (await browser.newContext()).newPage();
  await other.goto(`/sso/${b.slug}/start?login_hint=${encodeURIComponent(mallory)}`);
  await signInAtIdp(other, mallory);
  await expect(other.getByRole('heading', { name: "This account can't sign in here" })).toBeVisible();
  for (const p of [page, other]) {
    await p.goto('/');
    await expect(p.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
  }
});
