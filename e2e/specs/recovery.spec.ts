import { expect, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { createWorld } from '../fixtures/worlds.ts';

test('a recovery link signs a super_admin in once and only once, and super_admins are told', async ({
  page,
  browser,
}) => {
  const world = await createWorld();
  const boss = `boss@${world.domain}`;
  await cli(['member', 'add', world.slug, boss, '--role', 'super_admin']);
  const { url } = JSON.parse(await cli(['recovery-link', 'create', world.slug, boss, '--json'])) as { url: string };

  // Opening the link (a mail scanner, a preview) changes nothing.
  const preview = await (await browser.newContext()).newPage();
  const shown = await preview.goto(url);
  // The token is in the URL: never cached, never passed on as a Referer (of several Referrer-Policy
  // values, browsers apply the last they know).
  expect(shown?.headers()['cache-control']).toBe('no-store');
  expect(
    shown
      ?.headers()
      ['referrer-policy']?.split(/[\s,]+/)
      .at(-1),
  ).toBe('no-referrer');
  await expect(preview.getByRole('heading', { name: 'Sign in with a recovery link' })).toBeVisible();

  await page.goto(url);
  await page.getByRole('button', { name: 'Use this link and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('a break-glass recovery link');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('A recovery link was used in the last 7 days');
  await expect(notice).toContainText(boss);
  await page.screenshot({ path: 'test-results/screenshots/recovery-notice.png', fullPage: true });

  await preview.getByRole('button', { name: 'Use this link and sign in' }).click();
  await expect(preview.getByRole('alert')).toContainText('invalid, expired or already used');
  await preview.goto('/');
  await expect(preview.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
});
