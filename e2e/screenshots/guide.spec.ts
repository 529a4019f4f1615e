import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { okta } from '../fixtures/okta-api.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { system } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/** The main pages as the demo admin sees them after the first backup, for docs/guide/. */
const OUT = resolve(import.meta.dirname, '../../docs/guide/screenshots');
const CONNECTION = 'acme-okta';

const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${OUT}/${name}.png`, fullPage: true });
};

test('screenshots of the main pages', async ({ page }) => {
  const { demoPassword } = system();
  expect(demoPassword, 'pnpm start printed the demo sign-in line').toBeTruthy();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await expect(page.getByRole('heading', { name: 'Get started' })).toBeVisible();

  // The seeded connection's first backup, then its scan, run by the worker after start-up.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('open-findings')).toContainText(/failed rule/, { timeout: 1_000 });
  }).toPass({ timeout: 400_000, intervals: [5_000] });
  await shot(page, 'home');

  // A change in the org; a restore preview of the first backup (its plan holds that snapshot, which
  // the schedule's retention would otherwise replace by the next one of the same hour); a second
  // backup, for the diff.
  const org = await sim.org('acme');
  const [group] = await okta<{ id: string; profile: { name: string; description?: string } }[]>(
    org,
    'GET',
    '/api/v1/groups?q=Contractors',
  );
  await okta(org, 'PUT', `/api/v1/groups/${group!.id}`, {
    profile: { ...group!.profile, description: 'Changed by mistake' },
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restore' }).click();
  await page.getByLabel('1. Connection').selectOption({ label: CONNECTION });
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByLabel('Some object types').check();
  await page.getByRole('checkbox', { name: /^group \(/ }).check();
  await page.getByRole('button', { name: 'Preview the restore' }).click();
  await expect(page.getByText('ready', { exact: true })).toBeVisible({ timeout: 180_000 });
  // The step opened, to show what it would change back.
  await page
    .getByRole('listitem')
    .filter({ hasText: group!.profile.name })
    .getByText(group!.profile.name, { exact: true })
    .click();
  await expect(page.getByRole('row').filter({ hasText: '$.profile.description' })).toBeVisible();
  await shot(page, 'restore-preview');
  await cli(['backup', 'run', 'acme', CONNECTION, '--wait']);
  const [to, from] = JSON.parse(await cli(['snapshot', 'list', 'acme', '--json'])) as {
    id: string;
    connectionId: string;
  }[];

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
  await shot(page, 'connections');
  await page.goto(`/connections/${to!.connectionId}`);
  await expect(page.getByRole('heading', { name: CONNECTION, level: 1 })).toBeVisible();
  await shot(page, 'connection');
  await page.goto(`/connections/${to!.connectionId}/diff?from=${from!.id}&to=${to!.id}`);
  await expect(page.getByText(group!.profile.name).first()).toBeVisible();
  await shot(page, 'diff');

  await page.goto('/compliance');
  await expect(page.getByRole('heading', { name: 'Compliance', level: 1 })).toBeVisible();
  await shot(page, 'compliance');
  await page.goto('/members');
  await shot(page, 'members');
  await page.goto('/settings/scim');
  await expect(page.getByTestId('scim-base-url')).toBeVisible();
  await shot(page, 'scim-settings');
  // The audit log, where this version has a page for it.
  if ((await page.goto('/audit'))?.ok()) await shot(page, 'audit-log');
});
