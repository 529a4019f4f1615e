import { type Page, expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { sim } from '../fixtures/okta-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { PASSWORD, signIn } from '../fixtures/worlds.ts';

/**
 * The demo tenant that `pnpm start` seeds (acme, through okta-sim's acme org), signed in as its
 * super_admin ann@acme.test with the password from the start-up banner: the sign-in a new user does.
 */
async function signInAsAnn(page: Page) {
  const { demoPassword } = system();
  expect(demoPassword, 'pnpm start printed the demo sign-in line').toBeTruthy();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
}

test('the demo super_admin signs in, and every page is accessible and keyboard-usable', async ({ page }) => {
  // Four pages, each with an accessibility scan, after a sign-in through okta-sim: more than the default 30 s
  // on a busy 2-core machine.
  test.setTimeout(90_000);
  const problems = collectPageProblems(page);
  await signInAsAnn(page);
  await expect(page.getByRole('main')).toContainText('super_admin');
  await page.screenshot({ path: 'test-results/screenshots/demo-home.png', fullPage: true });
  for (const path of ['/', '/members', '/settings/sso', '/sessions']) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.screenshot({ path: 'test-results/screenshots/sessions.png', fullPage: true });

  // Keyboard only: from the skip link to the main navigation's links.
  await page.goto('/');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeFocused();
  expect(problems).toEqual([]);
});

test('SSO settings: test connection, and a domain verified through DNS', async ({ page }) => {
  await signInAsAnn(page);
  await page.goto('/settings/sso');
  await expect(page.getByLabel('Issuer')).toHaveValue(/\/acme$/);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status')).toContainText('looks right');
  await expect(page.getByRole('status')).toContainText('Signing keys: OK');
  await page.screenshot({ path: 'test-results/screenshots/sso-settings.png', fullPage: true });

  const domain = `${unique('d')}.acme-extra.test`;
  await page.getByLabel('Add a domain').fill(domain);
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByRole('status')).toContainText(`${domain} added`);
  const row = page.getByRole('row').filter({ hasText: domain });
  const record = (await row.locator('code').textContent()) ?? '';
  expect(record).toMatch(/^butterfly-verification=[0-9a-f]{32}$/);

  await row.getByRole('button', { name: `Verify ${domain}` }).click();
  await expect(page.getByRole('alert')).toContainText('No TXT record');
  const { dnsRecordsFile } = system();
  writeFileSync(
    dnsRecordsFile,
    JSON.stringify({ ...JSON.parse(readFileSync(dnsRecordsFile, 'utf8')), [domain]: [record] }),
  );
  await row.getByRole('button', { name: `Verify ${domain}` }).click();
  await expect(page.getByRole('status')).toContainText(`${domain} is verified`);
  await expect(row.getByText('Verified', { exact: true })).toBeVisible();
});

test('members: a JIT member shows with its source, and an admin changes the role', async ({ page, browser }) => {
  const bea = `${unique('bea')}@acme.test`;
  await sim.addUser('acme', bea, PASSWORD, 'Bea', 'Baker');
  const beaPage = await (await browser.newContext()).newPage();
  await signIn(beaPage, bea);
  await expect(beaPage.getByRole('main')).toContainText('read_only');
  // read_only may not list members: the page says so instead of failing.
  await beaPage.goto('/members');
  await expect(beaPage.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  await signInAsAnn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).click();
  const row = page.getByRole('row').filter({ hasText: bea });
  await expect(row).toContainText('First sign-in');
  await row.getByLabel(`Role of ${bea}`).selectOption('auditor');
  await row.getByRole('button', { name: `Save role of ${bea}` }).click();
  await expect(page.getByRole('status')).toContainText(`${bea} is now auditor`);
  await expect(row).toContainText('Set here');

  await beaPage.reload();
  await expect(beaPage.getByRole('heading', { name: 'Members' })).toBeVisible();
});
