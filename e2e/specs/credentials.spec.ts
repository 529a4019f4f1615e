import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

/**
 * Secrets and certificates (issue 16): after a backup of okta-sim's acme org, the connection's
 * "Secrets and certificates" page lists each app's client secrets and signing keys, soonest expiry
 * first: the demo's Expense Tracker signing key, three weeks from expiry, leads with a warning. Reached
 * and used with the keyboard only.
 */
test.describe.configure({ mode: 'serial' });
// A backup of the acme org takes 15-60 s on a busy machine.
test.setTimeout(300_000);

test('an auditor finds the soonest-expiring signing key first, with the keyboard', async ({ page }) => {
  const world = await createWorld();
  const acme = await sim.org('acme');
  const out = await cli(
    ['connection', 'add', world.slug, '--name', 'acme-creds', '--okta', acme.url, '--ssws-stdin'],
    acme.apiToken,
  );
  const connection = out.trim().split('\n').at(-1)!;
  await cli(['backup', 'run', world.slug, connection, '--wait']);
  const email = `auditor@${world.domain}`;
  await addIdpUser(world, email);
  await cli(['member', 'add', world.slug, email, '--role', 'auditor']);

  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto(`/connections/${connection}`);
  const link = page.getByRole('link', { name: 'Secrets and certificates' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Secrets and certificates', level: 1 })).toBeVisible();
  await expect(page.getByText(/1 expires within 30 days/)).toBeVisible();

  const table = page.getByRole('table', { name: 'App secrets and signing keys, soonest expiry first' });
  const rows = table.getByRole('row');
  // Header, then the Expense Tracker's key: expires in about three weeks.
  const first = rows.nth(1);
  await expect(first.getByRole('cell').first()).toHaveText('Expense Tracker');
  await expect(first).toContainText('signing key');
  await expect(first).toContainText(/Expires in 2\d days/);
  // Client secrets (no expiry) come last; no value, hash or certificate is on the page.
  await expect(rows.last()).toContainText('client secret');
  await expect(rows.last()).toContainText('No expiry');
  const html = await page.content();
  expect(html).not.toMatch(/client_secret|secret_hash|x5c|MII[A-Za-z0-9+/]{20}/);
  await expectAccessible(page);

  // The key's id opens its stored metadata in the snapshot, by keyboard.
  const keyLink = first.getByRole('link', { name: /signing key of Expense Tracker/ });
  await keyLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/object\?type=app\.key&id=/);
  await expect(page.getByText('expiresAt').first()).toBeVisible();
});
