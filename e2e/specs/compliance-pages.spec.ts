import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { jobsReport } from '../fixtures/jobs.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * The compliance pages against the whole system: a connection to okta-sim's acme org is backed up,
 * which queues a scan of its snapshot; then the overview, the findings (the acme org's four deliberate
 * STIG failures), a rule's detail (with the STIG's text and the failing objects by name) and the regressions page, each checked with axe and photographed.
 */
test.describe.configure({ mode: 'serial' });
// A backup of the acme org takes 15-60 s, longer when okta-sim's rate-limit buckets run dry.
test.setTimeout(360_000);

const SHOTS = 'test-results/screenshots';
const DELIBERATE_FAILURES = ['OKTA-APP-000020', 'OKTA-APP-000170', 'OKTA-APP-001430', 'OKTA-APP-001710'];

test('an admin backs up the acme org and reads its compliance pages', async ({ page }) => {
  const problems = collectPageProblems(page);
  const { demoPassword } = system();
  expect(demoPassword, 'pnpm start printed the demo sign-in line').toBeTruthy();
  await signIn(page, 'ann@acme.test', { password: demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  // A connection and a backup: the backup task queues a scan of the snapshot.
  const org = await sim.org('acme');
  const name = unique('acme-compliance-');
  await page.goto('/connections');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Okta org URL').fill(org.url);
  await page.getByLabel('API token', { exact: true }).fill(org.apiToken);
  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByRole('status')).toContainText(`${name} added`);
  await page
    .getByRole('row')
    .filter({ hasText: name })
    .getByRole('button', { name: `Backup now ${name}` })
    .click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Backup complete.' })).toBeVisible({ timeout: 200_000 });

  // Overview, reached from the site header; the queued scan lands shortly after the backup.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' }).click();
  await expect(page.getByRole('heading', { name: 'Compliance', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/compliance$/);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(async () => {
    // Loaded by address, not reloaded: a reload racing the client-side navigation above once
    // reloaded the connection page instead, and then polled it for three minutes.
    await page.goto('/compliance');
    await expect(row).toBeVisible({ timeout: 1_000 });
  })
    .toPass({ timeout: 180_000 })
    .catch(async (e: Error) => {
      const heading = await page.getByRole('heading', { level: 1 }).allTextContents();
      throw new Error(
        `${e.message}\n\npage: ${page.url()} "${heading.join(' / ')}"\n${await jobsReport(['backup', 'compliance_scan'])}`,
      );
    });
  await expect(page.getByTestId('evidence-fingerprint')).toHaveText(/\S{16,}/);
  for (const f of ['SOC 2', 'ISO 27001:2022', 'NIST 800-53', 'DISA Okta STIG V1R2'])
    await expect(page.getByRole('heading', { name: f, level: 3 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Compliance score per snapshot/ })).toBeVisible();
  await expect(row.getByRole('link', { name: /Evidence bundle/ })).toHaveAttribute(
    'href',
    /^\/evidence\/[0-9a-f-]{36}$/,
  );
  await expect(row.getByRole('button', { name: `Run scan ${name}` })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/compliance-overview.png`, fullPage: true });

  // The evidence bundle downloads for an admin (evidence.export).
  const href = await row.getByRole('link', { name: /Evidence bundle/ }).getAttribute('href');
  const bundle = await page.request.get(href!);
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()['content-type']).toContain('application/x-tar');

  // Period evidence of the last 90 days (the form's default window) for this connection downloads as a signed tar.
  const period = page.getByRole('form', { name: 'Period evidence' });
  await period.getByLabel('Connection').selectOption({ label: name });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    period.getByRole('button', { name: 'Download period evidence' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^butterfly-period-[0-9a-f]{8}-\d{8}T000000Z-\d{8}T235959Z\.tar$/);
  await expect(page).toHaveURL(/\/compliance$/);

  // Run scan again: the latest snapshot, a fresh scan queued for the worker; the page follows it to its result.
  await row.getByRole('button', { name: `Run scan ${name}` }).click();
  await expect(page).toHaveURL(/\/compliance\?scanning=[0-9a-f-]{36}&since=/);
  const progress = page.getByRole('region', { name: `Scan of ${name}` });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('status').filter({ hasText: 'Scan complete' })).toContainText(
    /\d+ passed, \d+ failed/,
    { timeout: 60_000 },
  );
  await expect(progress.getByRole('status')).toContainText('No new regressions.');
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  await expectAccessible(page);

  // Findings filtered by FAIL through the GET form, keyboard only.
  await page.getByRole('navigation', { name: 'Compliance' }).getByRole('link', { name: 'Findings' }).click();
  await expect(page.getByRole('heading', { name: 'Findings', level: 1 })).toBeVisible();
  await page.getByLabel('Result').selectOption('FAIL');
  await page.getByLabel('Connection').selectOption({ label: name });
  await page.getByRole('button', { name: 'Apply filters' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/result=FAIL/);
  for (const id of DELIBERATE_FAILURES) await expect(page.getByRole('link', { name: id, exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/compliance-findings.png`, fullPage: true });

  // A rule's detail: what it reads, its latest result with evidence, its history.
  await page.getByRole('link', { name: 'OKTA-APP-001430', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^OKTA-APP-001430/, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What it checks' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest result' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
  await expect(page.getByText('Fail').first()).toBeVisible();
  // The STIG's own words beside Butterfly's check (decision 041).
  await expect(page.getByRole('heading', { name: 'DISA STIG text' })).toBeVisible();
  await expect(page.getByText(/V-273202 · SV-273202r1099766_rule/)).toBeVisible();
  await expect(page.getByText('Okta must off-load audit records onto a central log server.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/compliance-rule.png`, fullPage: true });
  // A rule that fails on an object names it: the acme org's password policy locks out too late.
  await page.goto('/compliance/rules/OKTA-APP-000170');
  await expect(page.getByText(/Fails on: Password policy “.+”/).first()).toBeVisible();

  // Regressions.
  await page.goto('/compliance/regressions');
  await expect(page.getByRole('heading', { name: 'Regressions', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: `${SHOTS}/compliance-regressions.png`, fullPage: true });

  expect(problems).toEqual([]);
});
