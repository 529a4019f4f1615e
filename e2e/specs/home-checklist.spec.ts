import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { E2E_PORTS } from '../fixtures/ports.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

/**
 * Issue 17: the home page of a new tenant is a checklist from real data (connection, first backup,
 * schedule, SSO, SCIM, team), with action links only for what the role may do; and the SCIM page
 * gives the base URL an identity provider needs.
 */
test.describe.configure({ mode: 'serial' });
// One backup of a small org (a fresh okta-sim org holds only a new org's defaults).
test.setTimeout(180_000);

const step = (page: Page, id: string) => page.locator(`[data-step="${id}"]`);

/**
 * At a phone's width (375 px) the page's content scrolls only vertically. The content, not the shared
 * site header: that one shows the signed-in email, whose length a test's unique names vary.
 */
async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.getElementById('main')!.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a new tenant sees unchecked steps; after a connection and a backup they are checked, with the status beside them', async ({
  page,
  browser,
}) => {
  const world = await createWorld();
  const admin = await addIdpUser(world, `admin@${world.domain}`);
  const reader = await addIdpUser(world, `reader@${world.domain}`);
  await cli(['member', 'add', world.slug, admin, '--role', 'super_admin']);

  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible();
  for (const id of ['connect', 'backup', 'schedule', 'scim', 'team'])
    await expect(step(page, id)).toHaveAttribute('data-done', 'false');
  await expect(step(page, 'sso')).toHaveAttribute('data-done', 'true'); // the world signs in through its org
  await expect(page.getByText('1 of 6 steps done.')).toBeVisible();
  await expect(step(page, 'connect').getByRole('link', { name: /Add a connection/ })).toHaveAttribute(
    'href',
    '/connections',
  );
  await expect(page.getByRole('heading', { name: 'Status' })).toHaveCount(0);
  await expectAccessible(page);

  const org = await sim.org(world.org);
  await cli(['connection', 'add', world.slug, '--name', 'okta', '--okta', org.url, '--ssws-stdin'], org.apiToken);
  await cli(['backup', 'run', world.slug, 'okta', '--wait']);
  await cli(['member', 'add', world.slug, reader, '--role', 'read_only']);
  await page.reload();
  for (const id of ['connect', 'backup', 'sso', 'team'])
    await expect(step(page, id)).toHaveAttribute('data-done', 'true');
  await expect(step(page, 'backup')).toContainText(/Last backup .* \(okta\)/);
  await expect(page.getByRole('heading', { name: 'Status' })).toBeVisible();
  // The backup queues a scan; once it has run, the open findings are counted.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('open-findings')).toContainText(/\d+ failed rules?/, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);

  // read_only sees the same status, and no link to an action it cannot take.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, reader);
  await expect(step(other, 'backup')).toHaveAttribute('data-done', 'true');
  await expect(other.getByRole('list', { name: 'Setup steps' }).getByRole('link')).toHaveCount(0);
  await expect(step(other, 'scim')).toContainText('An administrator does this');
  await other.context().close();
});

test('the SCIM page shows the base URL to give the identity provider, and the setup steps', async ({ page }) => {
  const world = await createWorld();
  const admin = await addIdpUser(world, `root@${world.domain}`);
  await cli(['member', 'add', world.slug, admin, '--role', 'super_admin']);
  await signIn(page, admin);
  await page.goto('/settings/scim');
  await expect(page.getByTestId('scim-base-url')).toHaveText(`http://localhost:${E2E_PORTS.scim}/scim/v2`);
  await expect(page.getByRole('button', { name: 'Copy base URL' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Okta', level: 3 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Microsoft Entra ID', level: 3 })).toBeVisible();
  await expectAccessible(page);
  await expectNoSidewaysScroll(page);
});
