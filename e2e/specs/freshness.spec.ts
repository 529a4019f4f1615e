import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { jobsReport } from '../fixtures/jobs.ts';
import { okta, type OktaOrg } from '../fixtures/okta-api.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { system, unique } from '../fixtures/system.ts';
import { addIdpUser, createWorld, signIn, type World } from '../fixtures/worlds.ts';

/**
 * Issue 20, "Minutes behind, not a day" (decision 048): with event-driven freshness on, a change to a
 * group rule in Okta shows in Butterfly's history within 60 s, without a scheduled backup: first
 * through System Log polling alone, then through the Okta event hook that okta-sim calls. The worker
 * polls every BUTTERFLY_FRESHNESS_POLL_SECONDS (10 in this suite's global setup, settle 1 s).
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const LIMIT_MS = 60_000;
let world: World;
let admin = '';
let org: OktaOrg;
let connectionId = '';
let rule: { id: string; name: string; [k: string]: unknown };

test.beforeAll(async () => {
  test.setTimeout(170_000);
  world = await createWorld();
  admin = await addIdpUser(world, `admin@${world.domain}`);
  await cli(['member', 'add', world.slug, admin, '--role', 'admin']);
  org = await sim.org(world.org);
  await cli(['connection', 'add', world.slug, '--name', 'okta', '--okta', org.url, '--ssws-stdin'], org.apiToken);
  const group = await okta<{ id: string }>(org, 'POST', '/api/v1/groups', { profile: { name: unique('sales-') } });
  rule = await okta(org, 'POST', '/api/v1/groups/rules', {
    type: 'group_rule',
    name: 'Sales by department',
    conditions: { expression: { value: 'user.department=="Sales"', type: 'urn:okta:expression:1.0' } },
    actions: { assignUserToGroups: { groupIds: [group.id] } },
  });
  // The baseline: one full backup (the schedule's kind); freshness then keeps it current.
  await cli(['backup', 'run', world.slug, 'okta', '--wait']);
  const on = JSON.parse(await cli(['connection', 'freshness', world.slug, 'okta', 'on', '--json']));
  expect(on).toMatchObject({ enabled: true, recoveryPointFrom: 'backup' });
  connectionId = JSON.parse(await cli(['connection', 'list', world.slug, '--json']))[0].id;
});

const historyUrl = () => `/connections/${connectionId}/history?type=group_rule&id=${rule.id}`;

/** Renames the rule in Okta, then reloads its history page until the new name is there; the milliseconds it took. */
async function changeAndWait(page: Page, name: string, versions: number) {
  await okta(org, 'PUT', `/api/v1/groups/rules/${rule.id}`, { ...rule, name });
  const changed = Date.now();
  await expect(async () => {
    await page.goto(historyUrl());
    await expect(page.getByText(`${versions} versions`)).toBeVisible({ timeout: 1_000 });
  })
    .toPass({ timeout: LIMIT_MS, intervals: [500] })
    .catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${await jobsReport(['freshness.poll', 'backup'])}`);
    });
  const ms = Date.now() - changed;
  await expect(page.getByRole('main')).toContainText(name);
  return ms;
}

/** How the latest snapshot of the rule was taken (its trigger): system_log or event_hook. */
async function lastTrigger() {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select trigger from snapshots where connection_id = $1 and object_id = $2 order by seq desc limit 1`,
      [connectionId, rule.id],
    );
    return rows[0]?.trigger as string | undefined;
  } finally {
    await client.end();
  }
}

test('System Log polling: a group rule changed in Okta is in the history within 60 s, no scheduled run', async ({
  page,
}) => {
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  const ms = await changeAndWait(page, 'Sales by department (poll)', 2);
  expect(await lastTrigger()).toBe('system_log');
  test.info().annotations.push({ type: 'figure', description: `poll: change in history after ${ms} ms` });
  process.stdout.write(`freshness e2e: System Log poll: ${ms} ms from the change to the history\n`);
  expect(ms).toBeLessThan(LIMIT_MS);

  await page.goto(`/connections/${connectionId}`);
  await expect(page.getByTestId('freshness-state')).toHaveText('on');
  await expect(page.getByTestId('recovery-point')).toContainText(/Protected up to \d+ s ago \(System Log\)/);
  await expectAccessible(page);
});

test('Okta event hook: set up from the connection page, verified by okta-sim, and a change arrives within seconds', async ({
  page,
}) => {
  await signIn(page, admin);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto(`/connections/${connectionId}`);
  await page.getByRole('button', { name: 'Set up the Okta event hook' }).click();
  const url = (await page.getByTestId('hook-url').textContent())!;
  const secret = (await page.getByTestId('hook-secret').textContent())!;
  expect(url).toMatch(new RegExp(`/hooks/okta/${connectionId}$`));
  // What an admin does in Okta: create the hook with the URL and the secret header, then verify it.
  const hook = await okta<{ id: string }>(org, 'POST', '/api/v1/eventHooks', {
    name: 'Butterfly',
    events: { type: 'EVENT_TYPE', items: ['group.rule.update', 'group.rule.create', 'group.rule.delete'] },
    channel: {
      type: 'HTTP',
      version: '1.0.0',
      config: {
        uri: url.replace('//localhost:', '//127.0.0.1:'),
        headers: [],
        authScheme: { type: 'HEADER', key: 'Authorization', value: secret },
      },
    },
  });
  const verified = await okta<{ verificationStatus: string }>(
    org,
    'POST',
    `/api/v1/eventHooks/${hook.id}/lifecycle/verify`,
  );
  expect(verified.verificationStatus).toBe('VERIFIED');

  const ms = await changeAndWait(page, 'Sales by department (hook)', 3);
  const trigger = await lastTrigger();
  test.info().annotations.push({ type: 'figure', description: `hook: change in history after ${ms} ms (${trigger})` });
  process.stdout.write(`freshness e2e: event hook: ${ms} ms from the change to the history (trigger ${trigger})\n`);
  expect(ms).toBeLessThan(LIMIT_MS);
  // The hook's poll runs 1 s after the call; the periodic one every 10 s could only rarely come first.
  expect(['event_hook', 'system_log']).toContain(trigger);
  await page.goto(`/connections/${connectionId}`);
  await expect(page.getByText(/Okta event hook: last call \d+ s ago/)).toBeVisible();
});
