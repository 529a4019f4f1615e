import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { SIM_URL, system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * Issue 17, the new admin's experience: a connection renamed, paused (so "Backup now" cannot be
 * used) and resumed, then deleted with its snapshots kept, confirmed by typing its name.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const state: { id?: string; name?: string } = {};

async function signInAsAnn(page: Page) {
  await signIn(page, 'ann@acme.test', { password: system().demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
}

test.beforeAll(async () => {
  const org = await sim.org('acme');
  state.name = unique('manage-');
  const out = await cli(
    ['connection', 'add', 'acme', '--name', state.name, '--okta', org.url, '--ssws-stdin'],
    org.apiToken,
  );
  state.id = out.trim().split('\n').at(-1)!;
});

test('an admin renames a connection on its page', async ({ page }) => {
  await signInAsAnn(page);
  await page.goto(`/connections/${state.id}`);
  const edit = page.locator('#edit');
  await expectAccessible(page);
  const renamed = `${state.name}-eu`;
  await edit.getByLabel('Name', { exact: true }).fill(renamed);
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: `the connection is named ${renamed}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: renamed, level: 1 })).toBeVisible();
  state.name = renamed;
  // The manage forms fit a phone: no sideways scrolling at 375 px.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("an admin sets an OAuth connection's rate-limit share (decision 047); SSWS connections do not offer it", async ({
  page,
}) => {
  const org = await sim.org('acme');
  const key = (await (
    await fetch(`${SIM_URL}/_sim/orgs/acme/service-app-key`, { headers: { accept: 'application/json' } })
  ).json()) as { clientId: string; privateKeyPem: string };
  const keyFile = join(mkdtempSync(join(tmpdir(), 'bfy-key-')), 'service-app.pem');
  writeFileSync(keyFile, key.privateKeyPem);
  const name = unique('share-');
  const out = await cli([
    'connection',
    'add',
    'acme',
    '--name',
    name,
    '--okta',
    org.url,
    '--client-id',
    key.clientId,
    '--private-key-file',
    keyFile,
  ]);
  const id = out.trim().split('\n').at(-1)!;

  await signInAsAnn(page);
  await page.goto(`/connections/${id}`);
  const edit = page.locator('#edit');
  const share = edit.getByLabel('Rate-limit share (%)');
  await expect(share).toHaveValue('');
  await share.fill('80');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'It uses at most 80 % of each Okta rate-limit bucket.' }),
  ).toBeVisible();
  await expect(page.locator('#edit').getByLabel('Rate-limit share (%)')).toHaveValue('80');
  await expectAccessible(page);

  await page.goto(`/connections/${state.id}`);
  await expect(page.locator('#edit').getByLabel('Rate-limit share (%)')).toHaveCount(0);
});

test('a paused connection shows "Paused" and cannot be backed up until it is resumed', async ({ page }) => {
  await signInAsAnn(page);
  await page.goto(`/connections/${state.id}`);
  await page.getByLabel('Reason (optional)').fill('Okta migration');
  await page.getByRole('button', { name: 'Pause backups' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backups are paused.' })).toBeVisible();
  await expect(page.getByText('Okta migration')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Backup now' })).toBeDisabled();

  await page.goto('/connections');
  const row = page.getByRole('row').filter({ hasText: state.name! });
  await expect(row).toContainText('Paused');
  await expect(row.getByRole('button', { name: `Backup now ${state.name}` })).toBeDisabled();
  await expectAccessible(page);

  await page.goto(`/connections/${state.id}`);
  await page.getByRole('button', { name: 'Resume backups' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backups are resumed.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Backup now' })).toBeEnabled();
});

test('deleting asks for the name typed; kept, its snapshots stay readable under "Deleted connections"', async ({
  page,
}) => {
  await signInAsAnn(page);
  await page.goto(`/connections/${state.id}`);
  const card = page.getByRole('button', { name: /^Delete the connection/ }).locator('xpath=ancestor::form');
  await expect(card.getByLabel(/Keep them, read-only/)).toBeChecked();
  await card.getByLabel(/type the connection's name/).fill(`${state.name}-typo`);
  await card.getByRole('button', { name: 'Delete the connection, keep its snapshots' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'does not match' }).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: state.name, level: 1 })).toBeVisible();

  await card.getByLabel(/type the connection's name/).fill(state.name!);
  await card.getByRole('button', { name: 'Delete the connection, keep its snapshots' }).click();
  await expect(page.getByText('Deleted: snapshots kept, read-only')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Backup now' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Snapshots', exact: true })).toBeVisible();

  await page.goto('/connections');
  await expect(page.getByRole('heading', { name: 'Deleted connections' })).toBeVisible();
  // Only the deleted-connections table lists it now.
  await expect(page.getByRole('link', { name: state.name, exact: true })).toHaveCount(1);
  await expectAccessible(page);
});
