import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { connectionRow, replaceCredentialAndTest, testConnection } from '../fixtures/connections.ts';
import { GOOGLE_BACKUP, GOOGLE_URL, googleSim } from '../fixtures/google-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

// A backup of the demo customer (200 users, a page of policies a second) through the worker.
test.setTimeout(120_000);

test('an admin adds a Google Workspace customer from the dashboard with its key file, tests it, backs it up and rotates the key', async ({
  page,
}) => {
  const problems = collectPageProblems(page);
  const key = await googleSim.serviceAccountKey(GOOGLE_BACKUP.serviceAccount);
  const dir = mkdtempSync(join(tmpdir(), 'bfy-google-key-'));
  const keyFile = join(dir, 'butterfly-backup.json');
  writeFileSync(keyFile, key);
  const notAKey = join(dir, 'client_secret.json');
  writeFileSync(notAKey, JSON.stringify({ installed: { client_id: 'x.apps.googleusercontent.com' } }));
  const privateKey = (JSON.parse(key) as { private_key: string }).private_key.split('\n')[1]!;

  await signIn(page, 'ann@acme.test', { password: system().demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto('/connections');
  await expectAccessible(page);

  const form = page
    .locator('form')
    .filter({ has: page.getByRole('button', { name: 'Add Google Workspace customer' }) });
  const name = unique('google-');
  const fill = async (file: string) => {
    await form.getByLabel('Connection name').fill(name);
    await form.getByLabel('Primary domain').fill(GOOGLE_BACKUP.domain);
    await form.getByLabel('Admin email').fill(GOOGLE_BACKUP.adminEmail);
    await form.getByLabel('Service account key file').setInputFiles(file);
    // Opened once: a refused form keeps its state (and its disclosure open).
    const endpoints = form.locator('details').filter({ hasText: 'Other endpoints' });
    if ((await endpoints.getAttribute('open')) === null) await form.getByText('Other endpoints').click();
    // google-sim plays Google's token endpoint and its three API hosts at one URL.
    await form.getByLabel('Token URL').fill(`${GOOGLE_URL}/token`);
    await form.getByLabel('Admin API URL').fill(GOOGLE_URL);
  };
  // A user's OAuth client file is not a service account key: refused with the reason, nothing added.
  await fill(notAKey);
  await form.getByRole('button', { name: 'Add Google Workspace customer' }).click();
  await expect(page.getByRole('alert')).toContainText(
    "Service account key: This JSON file is not a service account's key",
  );
  await expect(form.getByText("This JSON file is not a service account's key")).toBeVisible();
  await expect(connectionRow(page, name)).toHaveCount(0);

  await fill(keyFile);
  await form.getByRole('button', { name: 'Add Google Workspace customer' }).click();
  await expect(page.getByRole('status')).toContainText(`${name} added`);
  expect(await page.content()).not.toContain(privateKey);

  const row = connectionRow(page, name);
  await expect(row).toContainText(`Google Workspace · ${GOOGLE_BACKUP.domain}`);
  await testConnection(page, name);
  await expect(page.getByText(`${name}: connected`)).toBeVisible();

  await row.getByRole('button', { name: `Backup now ${name}` }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backup complete.' })).toBeVisible({ timeout: 90_000 });

  // Key rotation: the new key file replaces the old one; the connection still connects.
  await replaceCredentialAndTest(page, name, 'Replace with a new key of the service account (JSON key file)', (edit) =>
    edit.getByLabel('New service account key file').setInputFiles(keyFile),
  );
  await expect(page.getByText(`${name}: connected`)).toBeVisible();
  expect(await page.content()).not.toContain(privateKey);

  // The one 400 is the refused form above.
  expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([]);
  expect(problems).toHaveLength(1);
});
