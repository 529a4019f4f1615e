import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { GOOGLE_READ_SCOPES } from '@butterfly/connectors';
import pg from 'pg';
import { cli } from '../fixtures/butterfly-cli.ts';
import { GOOGLE_SIGN_IN, GOOGLE_URL, googleSim, signInWithGoogle } from '../fixtures/google-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { APP_URL, system } from '../fixtures/system.ts';

/**
 * Issue 22, decision 064: Google directory sync against google-sim's second customer
 * (other-customer.test: google-sign-in.spec.ts holds the demo customer's domain). A person the sync
 * made an admin signs in to the dashboard through Google and holds an API token; suspended in Google,
 * the next sync ends the session on its next request and the token is refused.
 */
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const DOMAIN = 'other-customer.test';
const CUSTOMER = 'C02ot4er9';
const ADMIN = `admin@${DOMAIN}`;
const googleControl = googleSim.control;
const SERVICE_ACCOUNT = 'butterfly-backup@butterfly-sim.iam.gserviceaccount.com';
// Fixed: a retry of the file finds the tenant, its domain and its connection from the first attempt.
const slug = 'google-sync';
let person = '';
let other = '';

async function members() {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string; role: string; active: boolean; role_source: string }>(
      'SELECT m.email, m.role, m.active, m.role_source FROM members m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 ORDER BY m.email',
      [slug],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const syncNow = async () =>
  JSON.parse(await cli(['directory-sync', 'run', slug, 'google', '--wait', '--json'])) as {
    ok: boolean;
    counts: Record<string, number>;
  };

test.beforeAll(async () => {
  await cli(['tenant', 'create', slug, '--name', 'Google sync', '--domain', DOMAIN]).catch((e: Error) => {
    if (!e.message.includes('TENANT_EXISTS')) throw e;
  });
  await cli(
    ['sso', 'set', slug, '--google', '--client-id', GOOGLE_SIGN_IN.clientId, '--issuer', GOOGLE_URL],
    GOOGLE_SIGN_IN.secret,
  );
  await cli(['domain', 'verify', slug, DOMAIN]);
  // Both Google tenants' callbacks: google-sign-in.spec.ts registers the demo tenant's.
  await googleSim.setRedirectUris([`${APP_URL}/sso/google-demo/callback`, `${APP_URL}/sso/${slug}/callback`]);
  // The second customer's super admin authorizes Butterfly's service account (domain-wide delegation).
  const key = await googleControl<{ client_id: string }>(
    'GET',
    `/service-accounts/${encodeURIComponent(SERVICE_ACCOUNT)}/key`,
  );
  await googleControl('PUT', `/customers/${CUSTOMER}/delegations/${key.client_id}`, { scopes: GOOGLE_READ_SCOPES });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'bfy-gsync-')), 'key.json');
  writeFileSync(keyFile, JSON.stringify(key));
  await cli([
    'connection',
    'add',
    slug,
    '--name',
    'google',
    '--google',
    DOMAIN,
    '--admin-email',
    ADMIN,
    '--service-account-key-file',
    keyFile,
    '--token-url',
    `${GOOGLE_URL}/token`,
    '--api-url',
    GOOGLE_URL,
  ]).catch((e: Error) => {
    if (!e.message.includes('NAME_TAKEN')) throw e;
  });
  await syncNow();
  // One of the people butterfly-admins@ holds (not the Google admin the service account acts as).
  [person, other] = (await members()).filter((m) => m.email !== ADMIN).map((m) => m.email) as [string, string];
  // A retry finds them suspended by the first attempt: back to active, in Google and here.
  for (const email of [person, other])
    await googleControl('PATCH', `/customers/${CUSTOMER}/users/${encodeURIComponent(email)}`, { suspended: false });
  expect((await syncNow()).ok).toBe(true);
});

test('the sync makes members of butterfly-admins@ admins, and the connection page shows its status', async ({
  page,
}) => {
  const all = await members();
  expect(all.length).toBe(5); // the Google admin and the four people of butterfly-admins@; not owner@
  expect(all.every((m) => m.role === 'admin' && m.role_source === 'directory' && m.active)).toBe(true);

  await signInWithGoogle(page, person);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await page.goto('/connections');
  await page.getByRole('link', { name: 'google' }).first().click();
  await expect(page.getByRole('heading', { name: 'Directory sync' })).toBeVisible();
  await expect(page.getByTestId('directory-sync-state')).toHaveText('off');
  await expect(page.getByTestId('directory-sync-last')).toContainText('Last successful sync');
  await expect(page.getByText(`butterfly-admins@${DOMAIN}`)).toBeVisible();
  await page.getByRole('button', { name: 'Turn on directory sync' }).click();
  await expect(page.getByTestId('directory-sync-state')).toHaveText('on');
});

test('suspended in Google: after a sync, the browser session ends on its next request and the API token is refused', async ({
  page,
}) => {
  const problems = collectPageProblems(page);
  await signInWithGoogle(page, person);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  const { token } = JSON.parse(await cli(['api-token', 'create', slug, person, '--name', 'ci', '--json'])) as {
    token: string;
  };
  const me = () => fetch(`${APP_URL}/api/trpc/me.get`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status).toBe(200);
  await page.goto('/sessions');
  await expect(page).toHaveURL(/\/sessions$/);

  await googleControl('PATCH', `/customers/${CUSTOMER}/users/${encodeURIComponent(person)}`, { suspended: true });
  const r = await syncNow();
  expect(r).toMatchObject({ ok: true, counts: { deactivated: 1 } });
  expect((await members()).find((m) => m.email === person)).toMatchObject({ active: false });

  await page.goto('/sessions');
  await expect(page).toHaveURL(/\/login$/);
  expect((await me()).status).toBe(401);
  expect(problems).toEqual([]);
});

test('with users.watch on, a suspension reaches Butterfly without anyone running a sync: the token is refused', async () => {
  const watch = JSON.parse(await cli(['directory-sync', 'watch', slug, 'google', '--json'])) as { address: string };
  expect(watch.address).toMatch(new RegExp(`^${APP_URL}/hooks/google/`));
  const { token } = JSON.parse(await cli(['api-token', 'create', slug, other, '--name', 'ci', '--json'])) as {
    token: string;
  };
  const me = () => fetch(`${APP_URL}/api/trpc/me.get`, { headers: { authorization: `Bearer ${token}` } });
  expect((await me()).status).toBe(200);

  // Google calls the doorbell, which queues a sync; the system's worker runs it.
  await googleControl('PATCH', `/customers/${CUSTOMER}/users/${encodeURIComponent(other)}`, { suspended: true });
  await expect.poll(async () => (await me()).status, { timeout: 30_000 }).toBe(401);
  expect((await members()).find((m) => m.email === other)).toMatchObject({ active: false });
});
