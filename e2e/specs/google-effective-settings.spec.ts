import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../fixtures/a11y.ts';
import { cli } from '../fixtures/butterfly-cli.ts';
import { GOOGLE_URL } from '../fixtures/google-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';
import { signIn } from '../fixtures/worlds.ts';

/**
 * A Google Workspace org unit's page shows its effective settings beside its JSON (decision 065): the
 * google-sim demo backed up into the demo tenant `acme` through the CLI (the dashboard has no Google
 * form yet), then opened as a person would.
 */
test.setTimeout(120_000);

const BACKUP_SA = 'butterfly-backup@butterfly-sim.iam.gserviceaccount.com';
let connectionId = '';
let snapshotId = '';
let backendId = '';

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gws-key-'));
  try {
    const key = await fetch(`${GOOGLE_URL}/_sim/service-accounts/${encodeURIComponent(BACKUP_SA)}/key`);
    writeFileSync(join(dir, 'key.json'), await key.text());
    const name = unique('google-');
    const added = JSON.parse(
      await cli([
        'connection',
        'add',
        'acme',
        '--name',
        name,
        '--google',
        'butterfly-demo.test',
        '--admin-email',
        'admin@butterfly-demo.test',
        '--service-account-key-file',
        join(dir, 'key.json'),
        '--token-url',
        `${GOOGLE_URL}/token`,
        '--api-url',
        GOOGLE_URL,
        '--json',
      ]),
    );
    connectionId = added.id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const out = await cli(['backup', 'run', 'acme', connectionId, '--wait']);
  snapshotId = out.trim().split('\n').at(-1)!.trim();
  const effective = JSON.parse(
    await cli(['snapshot', 'effective-settings', 'acme', snapshotId, '--org-unit', '/Engineering/Backend', '--json']),
  );
  backendId = effective.orgUnits[0].id;
});

test('an org unit’s page shows its effective settings, where each comes from, and links the deciding policy', async ({
  page,
}) => {
  const problems = collectPageProblems(page);
  await signIn(page, 'ann@acme.test', { password: system().demoPassword });
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto(
    `/connections/${connectionId}/snapshots/${snapshotId}/object?${new URLSearchParams({ type: 'orgUnit', id: backendId })}`,
  );
  await expect(page.getByRole('heading', { name: 'Effective settings', level: 2 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Effective settings of /Engineering/Backend' });
  // /Engineering's own 12-hour session overrides the root's 14 days, and Backend inherits it.
  const session = table.getByRole('row').filter({ hasText: 'security.session_controls' });
  await expect(session).toContainText('{"webSessionDuration":"43200s"}');
  await expect(session).toContainText('Inherited from /Engineering');
  await expect(table.getByRole('row').filter({ hasText: 'security.password' })).toContainText('Inherited from /');
  await expectAccessible(page);

  await session.getByRole('link', { name: 'Inherited from /Engineering' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('settings/security.session_controls').first()).toBeVisible();
  expect(problems).toEqual([]);
});
