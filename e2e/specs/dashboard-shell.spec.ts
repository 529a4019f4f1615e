import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the home page says plainly that no one is signed in, and links to sign-in', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('banner')).toContainText('Butterfly');
  await expect(page.getByRole('main')).toContainText('You are not signed in');
  await expect(page.getByRole('link', { name: 'Sign in with your work email' })).toHaveAttribute('href', '/login');
});

test('documents carry the security headers', async ({ page }) => {
  const response = await page.goto('/');
  const h = response!.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['strict-transport-security']).toBeUndefined();
});

test('the page runs under its CSP without violations or console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('has no serious accessibility violations and works with the keyboard', async ({ page }) => {
  for (const path of ['/', '/login', '/signed-out', '/recover/bfyrl_not-a-real-token']) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${path} ${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toBeVisible();
});

test('an unknown page answers 404 with the friendly error page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('the API refuses anonymous callers and the health check answers', async ({ request }) => {
  const me = await request.get('/api/trpc/me.get');
  expect(me.status()).toBe(401);
  const health = await request.get('/healthz');
  expect(await health.json()).toEqual({ status: 'ok' });
});
