import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { connectionRow, replaceCredentialAndTest, testConnection } from '../fixtures/connections.ts';
import { ENTRA_URL } from '../fixtures/entra-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

// The entra-sim demo tenant (apps/entra-sim/README.md) and its read-only backup app.
const DIRECTORY = '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93';
const READ_ONLY = { clientId: '8c2d4e6f-0a1b-4c3d-9e8f-7a6b5c4d3e2f', secret: 'entra-sim-readonly-secret' };

// A backup of the demo tenant through the worker takes a few seconds.
test.setTimeout(120_000);

test('an admin adds a Microsoft Entra ID tenant from the dashboard, tests it and backs it up', async ({ page }) => {
  const problems = collectPageProblems(page);
  await signIn(page, 'ann@acme.test', { password: system().demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto('/connections');
  await expectAccessible(page);

  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add Entra ID tenant' }) });
  const name = unique('entra-');
  await form.getByLabel('Connection name').fill(name);
  await form.getByLabel('Directory (tenant) ID').fill(DIRECTORY);
  await form.getByLabel('Application (client) ID').fill(READ_ONLY.clientId);
  // Neither a secret nor a certificate: refused with the field named, nothing added.
  await form.getByRole('button', { name: 'Add Entra ID tenant' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(form.getByLabel('Certificate (PEM, with its key)')).toHaveAttribute('aria-invalid', 'true');
  await expect(connectionRow(page, name)).toHaveCount(0);

  await form.getByLabel('Connection name').fill(name);
  await form.getByLabel('Directory (tenant) ID').fill(DIRECTORY);
  await form.getByLabel('Application (client) ID').fill(READ_ONLY.clientId);
  await form.getByLabel('Client secret').fill(READ_ONLY.secret);
  await form.getByText('National clouds').click();
  // entra-sim plays both Microsoft hosts at one URL.
  await form.getByLabel('Login URL').fill(ENTRA_URL);
  await form.getByLabel('Microsoft Graph URL').fill(ENTRA_URL);
  await form.getByRole('button', { name: 'Add Entra ID tenant' }).click();
  await expect(page.getByRole('status')).toContainText(`${name} added`);
  expect(await page.content()).not.toContain(READ_ONLY.secret);

  const row = connectionRow(page, name);
  // The directory's GUID is an id: the list names the provider (the connection's page has the rest).
  await expect(row).toContainText('Microsoft Entra ID');
  await expect(row).not.toContainText(DIRECTORY);
  await testConnection(page, name);
  await expect(page.getByText(`${name}: connected`)).toBeVisible();

  await row.getByRole('button', { name: `Backup now ${name}` }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backup complete.' })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('table').last().getByRole('row').filter({ hasText: 'Complete' })).toHaveCount(1, {
    timeout: 15_000,
  });

  // The app's secret rotated in Entra: a wrong one first (the test says it cannot connect), then the right one.
  const replaceSecret = (secret: string) =>
    replaceCredentialAndTest(page, name, 'Replace with a new client secret of the app', (edit) =>
      edit.getByLabel('New client secret', { exact: true }).fill(secret),
    );
  await replaceSecret('not-the-app-secret-0123');
  await expect(page.getByText(`${name}: Butterfly could not connect.`)).toBeVisible();
  await connectionRow(page, name).getByRole('link', { name, exact: true }).click();
  await replaceSecret(READ_ONLY.secret);
  await expect(page.getByText(`${name}: connected`)).toBeVisible();
  expect(await page.content()).not.toContain(READ_ONLY.secret);

  // The one 400 is the refused form above.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  expect(problems).toHaveLength(1);
});
