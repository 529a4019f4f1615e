import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { okta } from '../fixtures/okta-api.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { SIM_URL, system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * The restore wizard as an admin uses it, against the whole system: a group changed in okta-sim after
 * a backup, a preview of the group type (computed by the worker, its progress shown), the step with
 * its before → after, the JSON export, apply (confirmed by typing the connection's name; the worker again), the group back as it was, and the
 * connection's restore readiness.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

const SHOTS = 'test-results/screenshots';

test('an admin previews a restore of a changed group, reads the plan, exports it and applies it', async ({ page }) => {
  const problems = collectPageProblems(page);
  const org = (await (await fetch(`${SIM_URL}/_sim/orgs/acme`)).json()) as { url: string; apiToken: string };
  const groupName = unique('restore-group-');
  const group = await okta<{ id: string }>(org, 'POST', '/api/v1/groups', {
    profile: { name: groupName, description: 'as backed up' },
  });
  // The connection and its backup through the CLI: the backups spec covers doing it in the dashboard.
  const connection = unique('restore-');
  await cli(['connection', 'add', 'acme', '--name', connection, '--okta', org.url, '--ssws-stdin'], org.apiToken);
  await cli(['backup', 'run', 'acme', connection, '--wait']);
  await okta(org, 'PUT', `/api/v1/groups/${group.id}`, {
    profile: { name: groupName, description: 'changed by mistake' },
  });

  const { demoPassword } = system();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Restore', level: 1 })).toBeVisible();
  await page.getByLabel('1. Connection').selectOption({ label: connection });
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByLabel('Some object types').check();
  await page.getByRole('checkbox', { name: /^group \(/ }).check();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/restore-wizard.png`, fullPage: true });
  await page.getByRole('button', { name: 'Preview the restore' }).click();

  await expect(page.getByRole('heading', { name: /^Plan / })).toBeVisible();
  await expect(page.getByText('ready', { exact: true })).toBeVisible({ timeout: 120_000 });
  const step = page.getByRole('listitem').filter({ hasText: groupName });
  await expect(step).toContainText('update');
  await step.getByText(groupName, { exact: true }).click();
  const row = step.getByRole('row').filter({ hasText: '$.profile.description' });
  await expect(row).toContainText('"changed by mistake"');
  await expect(row).toContainText('"as backed up"');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/restore-plan.png`, fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/^restore-plan-[0-9A-Z]{4}-[0-9A-Z]{4}\.json$/);

  // Apply says what it writes, and asks for the connection's name; a wrong one is refused by the server.
  await expect(page.getByTestId('apply-summary')).toContainText(`This writes to ${connection}: 1 step`);
  await expect(page.getByTestId('apply-summary')).toContainText('1 update');
  await expect(page.getByTestId('apply-summary')).toContainText('blast radius');
  const confirmName = page.getByLabel(/type the connection's name/);
  await confirmName.fill(`${connection}-not`);
  await page.getByRole('button', { name: 'Apply this plan' }).click();
  await expect(page.getByText(/does not match the connection's name/)).toBeVisible();
  // The refusal's 409 is the browser's only console error so far, and an expected one.
  expect(problems.filter((p) => !p.includes('status of 409'))).toEqual([]);
  problems.length = 0;
  await expect(page.getByText('ready', { exact: true })).toBeVisible();
  expect(
    (await okta<{ profile: { description: string } }>(org, 'GET', `/api/v1/groups/${group.id}`)).profile.description,
  ).toBe('changed by mistake');
  await page.getByLabel(/type the connection's name/).fill(connection);
  await page.getByRole('button', { name: 'Apply this plan' }).click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible({ timeout: 180_000 });
  const restored = await okta<{ profile: { description: string } }>(org, 'GET', `/api/v1/groups/${group.id}`);
  expect(restored.profile.description).toBe('as backed up');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
  await expect(page.getByRole('row').filter({ hasText: connection })).toContainText('previewed');
  expect(problems).toEqual([]);
});

test('a change of the global session policy is a lockout risk: apply needs the acknowledgement checkbox', async ({
  page,
}) => {
  const org = (await (await fetch(`${SIM_URL}/_sim/orgs/acme`)).json()) as { url: string; apiToken: string };
  const connection = unique('lockout-');
  await cli(['connection', 'add', 'acme', '--name', connection, '--okta', org.url, '--ssws-stdin'], org.apiToken);
  await cli(['backup', 'run', 'acme', connection, '--wait']);
  const policies = await okta<{ id: string; system: boolean; description?: string; _links?: unknown }[]>(
    org,
    'GET',
    '/api/v1/policies?type=OKTA_SIGN_ON',
  );
  const { _links, ...session } = policies.find((p) => !p.system)!;
  await okta(org, 'PUT', `/api/v1/policies/${session.id}`, { ...session, description: 'loosened by mistake' });

  const { demoPassword } = system();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restore' }).click();
  await page.getByLabel('1. Connection').selectOption({ label: connection });
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByRole('button', { name: 'Choose' }).click();
  await page.getByLabel('Some object types').check();
  await page.getByRole('checkbox', { name: /^policy\.OKTA_SIGN_ON \(/ }).check();
  await page.getByRole('button', { name: 'Preview the restore' }).click();
  await expect(page.getByText('ready', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('lockout risk', { exact: true })).toBeVisible();

  const ack = page.getByRole('checkbox', { name: /changes how admins sign in/ });
  await expect(ack).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/restore-lockout.png`, fullPage: true });
  await ack.check();
  await page.getByLabel(/type the connection's name/).fill(connection);
  await page.getByRole('button', { name: 'Apply this plan' }).click();
  await expect(page.getByText('applied', { exact: true })).toBeVisible({ timeout: 180_000 });
  const back = await okta<{ description?: string }>(org, 'GET', `/api/v1/policies/${session.id}`);
  expect(back.description).toBe(session.description);
});
