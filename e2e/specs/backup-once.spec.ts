import { expect, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { SIM_URL, system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * One backup run per connection at a time: a double click on "Backup now", then another click while
 * that run is queued or going, start one run; the page names the running one and who started it.
 */
test.setTimeout(240_000);

test('"Backup now" clicked twice, then again while it runs, makes one snapshot and says one is running', async ({
  page,
}) => {
  const org = (await (await fetch(`${SIM_URL}/_sim/orgs/acme`)).json()) as { url: string; apiToken: string };
  const connection = unique('once-');
  await cli(['connection', 'add', 'acme', '--name', connection, '--okta', org.url, '--ssws-stdin'], org.apiToken);
  const { demoPassword } = system();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await page.goto('/connections');
  await page.getByRole('link', { name: connection, exact: true }).click();
  await expect(page.getByRole('heading', { name: connection, level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Backup now' }).dblclick();
  await expect(page.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
  // Again while the first is queued or running: no second run, and the page says which one runs.
  await page.getByRole('button', { name: 'Backup now' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /A backup is already (running|queued) — (started|queued) \d+ (s|min) ago by ann@acme\.test/ }),
  ).toBeVisible();

  await expect(page.getByRole('status').filter({ hasText: 'Backup complete.' })).toBeVisible({ timeout: 200_000 });
  await page.reload();
  const rows = page.getByRole('table').last().getByRole('row');
  await expect(rows.filter({ hasText: 'Complete' })).toHaveCount(1, { timeout: 15_000 });
  await expect(rows.filter({ hasText: /Failed|Running/ })).toHaveCount(0);
  // Nothing left queued behind it: a while later there is still one snapshot.
  await page.waitForTimeout(5_000);
  await page.reload();
  await expect(page.getByRole('table').last().getByRole('row').filter({ hasText: 'Complete' })).toHaveCount(1);
});
