import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

test('an auditor filters the audit log, exports it as CSV and verifies its chain', async ({ page }) => {
  // A tenant and a member made through the CLI first: slow on a busy 2-core machine.
  test.setTimeout(90_000);
  const world = await createWorld();
  const auditor = await addIdpUser(world, `audrey@${world.domain}`);
  await cli(['member', 'add', world.slug, auditor, '--role', 'auditor']);
  await signIn(page, auditor);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'session.created' })).not.toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel('Action').fill('member.added');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]action=member\.added/);
  await expect(rows).toHaveCount(2); // header + the auditor's own addition
  await expect(rows.nth(1)).toContainText('member.added');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^butterfly-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await file.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('time,actor,actor_label,actor_type,action,outcome,target_type,target_id,request_id,seq,data');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(',member.added,success,member,');
  expect(lines[1]).toContain(auditor);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status')).toContainText('The audit chain is intact');
  // The filters stay as they were.
  await expect(page.getByLabel('Action')).toHaveValue('member.added');
});
