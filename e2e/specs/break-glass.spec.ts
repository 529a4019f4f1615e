import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

/**
 * A connection's break-glass accounts page (decision 037): an admin declares an Okta user of the
 * connection's latest backup by login, sees it listed, and removes it after confirming; a read-only
 * member sees the list without the controls. Axe-clean and without horizontal overflow at 375 px.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let slug = '';
let connectionId = '';
let admin = '';
let reader = '';
let emergency = '';

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const world = await createWorld();
  slug = world.slug;
  admin = await addIdpUser(world, `admin@${world.domain}`);
  reader = await addIdpUser(world, `reader@${world.domain}`);
  emergency = await addIdpUser(world, `breakglass@${world.domain}`);
  await cli(['member', 'add', slug, admin, '--role', 'admin']);
  await cli(['member', 'add', slug, reader, '--role', 'read_only']);
  const org = await sim.org(world.org);
  connectionId = (
    await cli(['connection', 'add', slug, '--name', 'okta', '--okta', org.url, '--ssws-stdin'], org.apiToken)
  )
    .trim()
    .split('\n')
    .at(-1)!;
  await cli(['backup', 'run', slug, 'okta', '--wait']);
});

test('an admin declares a break-glass account by login and removes it again', async ({ page }) => {
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole('link', { name: 'Break-glass accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Break-glass accounts', level: 1 })).toBeVisible();
  await expect(page.getByText('No break-glass accounts are declared for this connection.')).toBeVisible();

  const field = page.getByLabel('Okta user (login or id)');
  await field.fill('nobody@nowhere.example');
  await page.getByRole('button', { name: 'Add break-glass account' }).click();
  // Refused beside the field, in words.
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('no user with this id or login in the latest snapshot')).toBeVisible();

  await page.getByLabel('Okta user (login or id)').fill(emergency.toUpperCase());
  await page.getByRole('button', { name: 'Add break-glass account' }).click();
  await expect(page.getByRole('status')).toContainText(`${emergency} is a break-glass account`);
  await expect(page.getByRole('row').filter({ hasText: emergency })).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: `Remove ${emergency}` }).click();
  await expect(page.getByRole('dialog')).toContainText(`Remove ${emergency} from break-glass accounts?`);
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status')).toContainText(`${emergency} is no longer a break-glass account`);
  await expect(page.getByText('No break-glass accounts are declared for this connection.')).toBeVisible();
});

test('a read-only member sees the accounts without controls', async ({ page }) => {
  await cli(['connection', 'break-glass', 'add', connectionId, emergency]);
  await signIn(page, reader);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto(`/connections/${connectionId}/break-glass`);
  await expect(page.getByRole('row').filter({ hasText: emergency })).toBeVisible();
  await expect(page.getByRole('button', { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByLabel('Okta user (login or id)')).toHaveCount(0);
});
