import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { SCIM_URL, apiAs } from '../fixtures/credentials.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

// Each test sets up a tenant, an IdP and a member through the CLI first: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

test('my API tokens: created with a lower role, shown once with a copy button, used, then revoked', async ({
  page,
  context,
}) => {
  const world = await createWorld();
  const email = `tok@${world.domain}`;
  await cli(['member', 'add', world.slug, email, '--role', 'admin']);
  await addIdpUser(world, email);
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'My API tokens', level: 1 })).toBeVisible();
  // Offers no role above the member's own.
  await expect(page.getByLabel('Role').locator('option')).toHaveText([
    'admin',
    'backup_operator',
    'auditor',
    'read_only',
  ]);
  await expectAccessible(page);

  await page.getByLabel('Name').fill('reporting');
  await page.getByLabel('Role').selectOption('auditor');
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('Your new API token');
  await expect(shown).toHaveValue(/^bfy_[\w-]{43}$/);
  const token = await shown.inputValue();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy' }).click();
  // Shown only once the browser's clipboard accepted the value.
  await expect(page.getByText('Copied.')).toBeVisible();
  await expectAccessible(page);

  const me = await fetch(new URL('/api/trpc/me.get', page.url()), { headers: { authorization: `Bearer ${token}` } });
  expect(((await me.json()) as { result: { data: { permissions: string[]; via: string } } }).result.data).toMatchObject(
    { via: 'api_token' },
  );
  expect((await apiAs(token)).status).toBe(200);

  // Never shown again: a reload lists the prefix only.
  await page.reload();
  await expect(page.getByLabel('Your new API token')).toHaveCount(0);
  const row = page.getByRole('row', { name: /reporting/ });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText('auditor');
  await row.getByRole('button', { name: 'Revoke reporting' }).click();
  await page.getByRole('dialog', { name: 'Revoke reporting?' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'reporting revoked' })).toBeVisible();
  expect((await apiAs(token)).status).toBe(401);
});

test('SCIM tokens: a super_admin mints one (shown once), sees when it was used, and revokes it', async ({ page }) => {
  const world = await createWorld();
  const email = `boss@${world.domain}`;
  await cli(['member', 'add', world.slug, email, '--role', 'super_admin']);
  await addIdpUser(world, email);
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SCIM' }).click();
  await expect(page.getByRole('heading', { name: 'SCIM provisioning', level: 1 })).toBeVisible();
  await page.getByLabel('Label').fill('Okta production');
  await page.getByRole('button', { name: 'Mint token' }).click();
  const token = await page.getByLabel('Your new SCIM token').inputValue();
  expect(token).toMatch(/^bfys_/);
  await expectAccessible(page);

  const scim = (t: string) => fetch(`${SCIM_URL}/Users?count=1`, { headers: { authorization: `Bearer ${t}` } });
  expect((await scim(token)).status).toBe(200);
  await page.reload();
  const row = page.getByRole('row', { name: /Okta production/ });
  await expect(row).not.toContainText('Never');
  await row.getByRole('button', { name: 'Revoke Okta production' }).click();
  await page.getByRole('dialog', { name: 'Revoke Okta production?' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Okta production revoked' })).toBeVisible();
  expect((await scim(token)).status).toBe(401);
});

test('SCIM tokens are for super_admins only', async ({ page }) => {
  const world = await createWorld();
  const email = await addIdpUser(world, `ro@${world.domain}`);
  await signIn(page, email);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SCIM' })).toHaveCount(0);
  const res = await page.goto('/settings/scim');
  expect(res?.status()).toBe(403);
});
