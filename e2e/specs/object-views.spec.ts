import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { okta } from '../fixtures/okta-api.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * Reading objects in a snapshot and across snapshots: a group rule's summary beside its JSON, with
 * the group it assigns as a link to that group's page; and a group deleted in okta-sim between two
 * backups, which its history shows as deleted. (Run scan's progress and result: compliance-pages.)
 */
test.describe.configure({ mode: 'serial' });
// Two backups of the acme org through the CLI, 15-60 s each.
test.setTimeout(300_000);

const SHOTS = 'test-results/screenshots';

const state: { connection?: string; rule?: string; target?: string; doomed?: { id: string; name: string } } = {};

test.beforeAll(async () => {
  // A hook has its own timeout: this one makes a backup.
  test.setTimeout(200_000);
  const org = await sim.org('acme');
  const target = unique('views-target-');
  const doomed = unique('views-doomed-');
  const rule = unique('views-rule-');
  const g = await okta<{ id: string }>(org, 'POST', '/api/v1/groups', { profile: { name: target } });
  state.doomed = {
    id: (await okta<{ id: string }>(org, 'POST', '/api/v1/groups', { profile: { name: doomed } })).id,
    name: doomed,
  };
  await okta(org, 'POST', '/api/v1/groups/rules', {
    type: 'group_rule',
    name: rule,
    conditions: { expression: { type: 'urn:okta:expression:1.0', value: 'user.department=="Views"' } },
    actions: { assignUserToGroups: { groupIds: [g.id] } },
  });
  Object.assign(state, { rule, target });
  state.connection = unique('views-');
  await cli(['connection', 'add', 'acme', '--name', state.connection, '--okta', org.url, '--ssws-stdin'], org.apiToken);
  await cli(['backup', 'run', 'acme', state.connection, '--wait']);
});

async function signInAsAnn(page: import('@playwright/test').Page) {
  const { demoPassword } = system();
  expect(demoPassword, 'pnpm start printed the demo sign-in line').toBeTruthy();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
}

test("a group rule's page reads as a summary, and the group it assigns is a link to that group", async ({ page }) => {
  const [rule, target] = [state.rule!, state.target!];
  const problems = collectPageProblems(page);
  await signInAsAnn(page);
  await page.goto('/connections');
  await page.getByRole('link', { name: state.connection!, exact: true }).click();
  await expect(page.getByRole('heading', { name: state.connection!, level: 1 })).toBeVisible();
  await page.getByRole('table').last().getByRole('row').nth(1).getByRole('link').first().click();
  await page
    .getByRole('navigation', { name: 'Object types' })
    .getByRole('link', { name: /^Group rule\s+\d/ })
    .click();
  await page.getByLabel('Search by id or name').fill(rule);
  await page.getByLabel('Search by id or name').press('Enter');
  await page.getByRole('link', { name: rule }).click();

  await expect(page.getByRole('heading', { name: rule, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Summary', level: 2 })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Condition' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'user.department=="Views"' })).toBeVisible();
  await expect(page.getByRole('region', { name: `JSON of ${rule}` })).toContainText('"assignUserToGroups"');
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/object-summary.png`, fullPage: true });
  // On a phone the summary and the JSON stack, and nothing scrolls sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('link', { name: target, exact: true }).click();
  await expect(page.getByRole('heading', { name: target, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/object\?type=group&id=/);
  expect(problems).toEqual([]);
});

test('a group deleted in the org between two backups shows as deleted in its history', async ({ page }) => {
  const org = await sim.org('acme');
  await okta(org, 'DELETE', `/api/v1/groups/${state.doomed!.id}`);
  await cli(['backup', 'run', 'acme', state.connection!, '--wait']);
  await signInAsAnn(page);
  await page.goto('/connections');
  const href = await page.getByRole('link', { name: state.connection!, exact: true }).getAttribute('href');
  await page.goto(`${href}/history?${new URLSearchParams({ type: 'group', id: state.doomed!.id })}`);
  await expect(page.getByRole('heading', { name: `History of ${state.doomed!.name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Deleted: not in the snapshot of / })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Last version before the deletion: from / })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/history-deleted.png`, fullPage: true });
});
