import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { SIM_URL, system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * The dashboard speaks to people: error pages in plain words, form errors beside their fields, and
 * no ids, internal actor strings or input paths in what a page shows (links may carry ids; the
 * visible text may not).
 */
test.describe.configure({ mode: 'serial' });
// The sweep backs up the acme org first: 15-60 s, longer when okta-sim's rate-limit buckets run dry.
test.setTimeout(300_000);
// A viewer east of UTC: the times must come out in the browser's zone, not the server's.
test.use({ timezoneId: 'Asia/Tokyo' });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

async function signInAnn(page: Page) {
  await signIn(page, 'ann@acme.test', { password: system().demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
}

/** What the page shows a person: the rendered text of <main>, after hydration swapped the times in. */
async function visibleText(page: Page) {
  await page.waitForLoadState('networkidle');
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (hidden details and attributes are not shown)
  return page.locator('main').innerText();
}

test('unknown addresses and ids answer 404 with a page that leads home', async ({ page }) => {
  const anonymous = await page.goto('/no-such-page');
  expect(anonymous?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');

  await signInAnn(page);
  const missing = crypto.randomUUID();
  for (const path of [
    `/connections/${missing}`,
    '/connections/not-an-id',
    `/restore/${missing}`,
    '/restore/nonexistent',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 }), path).toBeVisible();
    const text = await visibleText(page);
    expect(text, path).not.toMatch(UUID);
    expect(text, path).not.toMatch(/"code"|\[\{|NOT_FOUND|at .+\.ts:\d+/);
  }
  await expectAccessible(page);
});

test('a refused form shows the message beside its field, in words', async ({ page }) => {
  await signInAnn(page);
  await page.goto('/webhooks');
  await page.getByLabel('Name', { exact: true }).fill(unique('hook-'));
  // Plain http to another machine: the server refuses it (https only), as a field error.
  await page.getByLabel('URL', { exact: true }).fill('http://hooks.example.com/butterfly');
  await page.getByRole('button', { name: 'Add webhook' }).click();
  const url = page.getByLabel('URL', { exact: true });
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/https/);
  const text = await visibleText(page);
  expect(text).not.toMatch(/\[\{|"path"|"code"|objectTypes\.|\burl:/);
  await expectAccessible(page);
});

test('the pages of a tenant with data show names and times, never ids or internal strings', async ({ page }) => {
  const org = (await (await fetch(`${SIM_URL}/_sim/orgs/acme`)).json()) as { url: string; apiToken: string };
  const name = unique('words-');
  await cli(['connection', 'add', 'acme', '--name', name, '--okta', org.url, '--ssws-stdin'], org.apiToken);
  // Backed up here and now, then scanned; a restore preview from it gives the restore pages a plan.
  const snapshotId = (await cli(['backup', 'run', 'acme', name, '--wait'])).trim().split('\n').at(-1)!;
  const planId = (await cli(['restore', 'preview', 'acme', snapshotId, '--types', 'group_rule']))
    .trim()
    .split('\n')
    .at(-1)!;

  // Times render UTC on the server and the viewer's zone after hydration: no hydration mismatch.
  const problems = collectPageProblems(page);
  await signInAnn(page);
  await page.goto('/connections');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const connectionPath = new URL(page.url()).pathname;

  // Times: a <time> with the instant, to the second, and how long ago once the browser took over.
  const time = page.locator('main time').first();
  await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(time).toHaveText(/\d\d:\d\d:\d\d GMT\+9 \((just now|\d+ (s|min|h) ago)\)/);
  // The chart's time axis reads in hours and minutes for snapshots of one day, not a date per bar.
  await expect(
    page
      .getByRole('img', { name: /Objects per snapshot/ })
      .locator('text')
      .filter({ hasText: /^(\d+ \w+ )?\d\d:\d\d$/ })
      .first(),
  ).toBeAttached();

  const pages = [
    '/',
    '/connections',
    connectionPath,
    `${connectionPath}/snapshots/${snapshotId}`,
    `${connectionPath}/snapshots/${snapshotId}?type=group_rule`,
    `${connectionPath}/credentials`,
    '/compliance',
    '/compliance/findings',
    '/compliance/regressions',
    '/compliance/rules/OKTA-APP-000020',
    '/restore',
    `/restore/${planId}`,
    '/members',
    '/sessions',
    '/webhooks',
    '/settings/api-tokens',
  ];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const text = await visibleText(page);
    expect(text, `${path} shows an id`).not.toMatch(UUID);
    expect(text, `${path} shows an internal actor`).not.toContain('system:job:');
    expect(text, `${path} shows an input path`).not.toContain('objectTypes.');
    expect(text, `${path} shows a type key`).not.toMatch(/\bgroup_rule\b|\bpolicy\.[A-Z_]+/);
    // Pauses for Okta's rate limit are told as time and reason, never as a bare count of "waits".
    expect(text, path).not.toContain('rate-limit waits');
    if (/rate limit/.test(text))
      expect(text, path).toMatch(/(Waited \d+ (ms|s|min \d+ s) in total|Paused) for Okta's rate limit/);
  }
  await page.goto(`${connectionPath}/snapshots/${snapshotId}?type=group_rule`);
  await expect(
    page.getByRole('navigation', { name: 'Object types' }).getByRole('link', { name: /Group rule/ }),
  ).toBeVisible();
  await expectAccessible(page);
  expect(problems).toEqual([]);
});
