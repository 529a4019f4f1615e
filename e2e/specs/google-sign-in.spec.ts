import { expect, test } from '@playwright/test';
import pg from 'pg';
import { cli } from '../fixtures/butterfly-cli.ts';
import { GOOGLE_SIGN_IN, GOOGLE_URL, googleSim, signInWithGoogle } from '../fixtures/google-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { APP_URL, system } from '../fixtures/system.ts';

/**
 * Google Workspace sign-in against google-sim (decision 063): its demo customer's primary domain is
 * the tenant's verified domain. google-sim has one such customer, so the file's tests share one
 * tenant and run in order.
 */
test.describe.configure({ mode: 'serial', timeout: 60_000 });

const DOMAIN = 'butterfly-demo.test';
// Fixed: a retry of the file finds the tenant (and the domain it verified) from the first attempt.
const slug = 'google-demo';

async function membersOf() {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string; role: string; google_sub: string | null }>(
      'SELECT m.email, m.role, m.google_sub FROM members m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 ORDER BY m.email',
      [slug],
    );
    return rows;
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  await cli(['tenant', 'create', slug, '--name', `Tenant ${slug}`, '--domain', DOMAIN]).catch((e: Error) => {
    if (!e.message.includes('TENANT_EXISTS')) throw e;
  });
  await cli(
    ['sso', 'set', slug, '--google', '--client-id', GOOGLE_SIGN_IN.clientId, '--issuer', GOOGLE_URL],
    GOOGLE_SIGN_IN.secret,
  );
  await cli(['domain', 'verify', slug, DOMAIN]);
  await googleSim.setRedirectUris([`${APP_URL}/sso/${slug}/callback`]);
});

test('a Workspace account of the verified domain signs in through Google, JIT at read_only, keyed on sub; sign-out is local', async ({
  page,
  context,
}) => {
  const problems = collectPageProblems(page);
  const email = `mia.member@${DOMAIN}`;
  await signInWithGoogle(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(email);
  await expect(page.getByRole('main')).toContainText('read_only');
  const [member] = await membersOf();
  expect(member).toEqual({ email, role: 'read_only', google_sub: expect.stringMatching(/^\d+$/) });

  // Again in a fresh session: the same member, found by sub.
  await context.clearCookies();
  await signInWithGoogle(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  expect(await membersOf()).toEqual([member]);

  // Google has no end-session endpoint: signing out ends Butterfly's session and stays here.
  const seen: string[] = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(APP_URL).origin);
  expect(seen.filter((u) => u.startsWith(GOOGLE_URL))).toEqual([]);
  expect((await page.request.get('/api/trpc/me.get')).status()).toBe(401);
  expect(problems).toEqual([]);
});

test('a personal Google account with an address on the domain (no hd) is refused, and nothing is created', async ({
  page,
}) => {
  await signInWithGoogle(page, `pat.unmanaged@${DOMAIN}`);
  await expect(page.getByRole('heading', { name: "A personal Google account can't sign in here" })).toBeVisible();
  expect((await membersOf()).map((m) => m.email)).toEqual([`mia.member@${DOMAIN}`]);
});

test("another customer's Workspace account (hd other-customer.test) is refused", async ({ page }) => {
  // The person starts with their work address, then picks another organisation's account at Google.
  await signInWithGoogle(page, `mia.member@${DOMAIN}`, 'admin@other-customer.test');
  await expect(page.getByRole('heading', { name: "This account can't sign in here" })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('another Google Workspace organisation');
  expect((await membersOf()).map((m) => m.email)).toEqual([`mia.member@${DOMAIN}`]);
});
