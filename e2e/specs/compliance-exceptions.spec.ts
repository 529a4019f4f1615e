import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

/**
 * Compliance exceptions (decision 038): an auditor requests one from a failing rule's page; an admin
 * approves it on the Exceptions page and revokes it after confirming. The auditor sees no Approve.
 * Axe-clean and without horizontal overflow at 375 px.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const RULE = 'BUTTERFLY-RESTORE-READINESS';
let admin = '';
let auditor = '';

test.beforeAll(async () => {
  test.setTimeout(150_000);
  const world = await createWorld();
  admin = await addIdpUser(world, `admin@${world.domain}`);
  auditor = await addIdpUser(world, `auditor@${world.domain}`);
  await cli(['member', 'add', world.slug, admin, '--role', 'admin']);
  await cli(['member', 'add', world.slug, auditor, '--role', 'auditor']);
  const org = await sim.org(world.org);
  await cli(['connection', 'add', world.slug, '--name', 'okta', '--okta', org.url, '--ssws-stdin'], org.apiToken);
  // The backup queues a scan of its snapshot; nobody ever previewed a restore, so readiness fails.
  await cli(['backup', 'run', world.slug, 'okta', '--wait']);
});

test('an auditor requests an exception; an admin approves it, sees the next scan accept the failure, then revokes it; their own request waits for another', async ({
  page,
}) => {
  await signIn(page, auditor);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  const request = page.getByText('Request exception for okta');
  await expect(async () => {
    await page.goto(`/compliance/rules/${RULE}`);
    await expect(request).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await request.click();
  await page.getByLabel('Rationale').fill('Restore drills start next quarter; accepted until then');
  await page.getByRole('button', { name: 'Request exception' }).click();
  await expect(page.getByRole('status')).toContainText('Exception requested');
  await page.goto('/compliance/exceptions');
  const row = page.getByRole('row').filter({ hasText: RULE });
  await expect(row).toContainText('Awaiting approval');
  await expect(row.getByRole('button', { name: /Approve/ })).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto('/compliance/exceptions');
  await row.getByRole('button', { name: `Approve ${RULE} on okta` }).click();
  await expect(page.getByRole('status')).toContainText(`Approved: scans accept ${RULE} (whole rule)`);
  await expect(row).toContainText('Active');
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The next scan keeps the failure and shows it accepted: on the overview and in the findings.
  await page.goto('/compliance');
  await page.getByRole('row').filter({ hasText: 'okta' }).getByRole('button', { name: 'Run scan okta' }).click();
  const progress = page.getByRole('region', { name: 'Scan of okta' });
  await expect(progress.getByRole('status').filter({ hasText: 'Scan complete' })).toContainText(
    '1 failing accepted by exceptions',
    { timeout: 60_000 },
  );
  await page.goto('/compliance/findings?result=FAIL');
  await expect(page.getByRole('row').filter({ hasText: RULE })).toContainText('Accepted until');

  await page.goto('/compliance/exceptions');
  await row.getByRole('button', { name: `Revoke ${RULE} on okta` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText(`Revoked the exception for ${RULE}`);
  await expect(row).toContainText('Revoked');

  // An admin's own request waits for another member: no Approve for them.
  await page.goto(`/compliance/rules/${RULE}`);
  await page.getByText('Request exception for okta').click();
  await page.getByLabel('Rationale').fill('Asked by the admin, approved by someone else');
  await page.getByRole('button', { name: 'Request exception' }).click();
  await expect(page.getByRole('status')).toContainText('Exception requested');
  await page.goto('/compliance/exceptions');
  const own = page.getByRole('row').filter({ hasText: 'Awaiting approval' });
  await expect(own).toContainText('Another member approves your request.');
  await expect(own.getByRole('button', { name: /Approve/ })).toHaveCount(0);
});
