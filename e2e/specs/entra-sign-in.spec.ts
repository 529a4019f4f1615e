import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { butterflyAppUrls, createEntraWorld, ENTRA_URL, type EntraWorld, entraSim } from '../fixtures/entra-sim.ts';
import { collectPageProblems } from '../fixtures/page-problems.ts';
import { system, unique } from '../fixtures/system.ts';

// Each test seeds an Entra directory and creates a tenant through the CLI first (several seconds).
test.describe.configure({ timeout: 60_000 });

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const membersOf = (slug: string) =>
  query<{ id: string; email: string; role: string; entra_tid: string | null; entra_oid: string | null }>(
    'SELECT m.id, m.email, m.role, m.entra_tid, m.entra_oid FROM members m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1',
    [slug],
  );

/** Butterfly's login page: the work email, then domain detection hands off to the directory. */
async function startAtLogin(page: Page, email: string) {
  await page.goto('/login');
  // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** entra-sim's "Pick an account" page, narrowed to the login_hint: the person picks themselves. */
async function pickAccount(page: Page, email: string) {
  await expect(page.getByRole('heading', { name: 'Pick an account' })).toBeVisible();
  await page.getByRole('button', { name: `<${email}>` }).click();
}

/** The whole Entra sign-in from Butterfly's login page. */
async function signInWithEntra(page: Page, world: EntraWorld, email = world.adminEmail) {
  await startAtLogin(page, email);
  await expect(page).toHaveURL(new RegExp(`^${ENTRA_URL}/${world.directoryId}/oauth2/v2\\.0/authorize\\?`));
  await pickAccount(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
}

/** The directory's sign-in sessions with Butterfly's app (the ID token's `sid`), oldest first. */
async function entraSessions(world: EntraWorld) {
  return (await entraSim.tenant(world.directoryId)).sessions.filter((s) => s.clientIds.includes(world.clientId));
}

async function expectSignedOut(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
}

test('a work email on an Entra tenant signs in through the directory, JIT at read_only, keyed on (tid, oid)', async ({
  page,
  context,
}) => {
  const problems = collectPageProblems(page);
  const world = await createEntraWorld();

  await startAtLogin(page, world.adminEmail);
  // Domain detection sent the browser to the tenant's own directory, with the address as login_hint.
  await expect(page).toHaveURL(new RegExp(`^${ENTRA_URL}/${world.directoryId}/oauth2/v2\\.0/authorize\\?`));
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get('login_hint')).toBe(world.adminEmail);
  expect(authorize.searchParams.get('client_id')).toBe(world.clientId);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  await pickAccount(page, world.adminEmail);

  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(world.adminEmail);
  await expect(page.getByRole('main')).toContainText('read_only');
  await expect(page.getByRole('main')).toContainText('given at your first sign-in');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.name);

  const [session] = await entraSessions(world);
  const first = await membersOf(world.slug);
  expect(first).toEqual([
    {
      id: expect.any(String),
      email: world.adminEmail,
      role: 'read_only',
      entra_tid: world.directoryId,
      entra_oid: session!.userId,
    },
  ]);

  // A second sign-in (a fresh browser session) is the same member: found by (tid, oid).
  await context.clearCookies();
  await expectSignedOut(page);
  await signInWithEntra(page, world);
  await expect(page.getByRole('main')).toContainText(world.adminEmail);
  expect(await membersOf(world.slug)).toEqual(first);
  expect(await entraSessions(world)).toHaveLength(2);
  expect(problems).toEqual([]);
});

test('a sign-in completed at another directory is refused: the authorize request carried to another directory', async ({
  page,
}) => {
  const problems = collectPageProblems(page);
  const world = await createEntraWorld();
  // The attacker's directory, where the same (multi-tenant) client id is registered.
  const other = await entraSim.createTenant(unique('x'));
  await entraSim.registerApp(other.id, {
    clientId: world.clientId,
    secret: world.secret,
    ...butterflyAppUrls(world.slug),
  });
  const mallory = `admin@${other.domain.replace(/\.onmicrosoft\.com$/, '.test')}`;

  // Butterfly sends the browser to the tenant's directory; the attacker swaps the directory in the
  // URL (and the hint) before following it: same client id, same redirect URI, same state and PKCE.
  // Butterfly's hand-off (its flow cookie set) is taken as it is, but the directory is swapped in the
  // Location before the browser follows it (and the hint is the attacker's).
  await page.route(
    (url) => url.pathname === `/sso/${world.slug}/start`,
    async (route) => {
      const res = await route.fetch({ maxRedirects: 0 });
      const swapped = new URL(res.headers().location ?? '');
      expect(swapped.pathname).toBe(`/${world.directoryId}/oauth2/v2.0/authorize`);
      swapped.pathname = `/${other.id}/oauth2/v2.0/authorize`;
      swapped.searchParams.set('login_hint', mallory);
      await route.fulfill({ response: res, headers: { ...res.headers(), location: swapped.href } });
    },
  );
  await startAtLogin(page, world.adminEmail);
  await expect(page).toHaveURL(new RegExp(`^${ENTRA_URL}/${other.id}/oauth2/v2\\.0/authorize\\?`));
  await pickAccount(page, mallory);

  await expect(page.getByRole('heading', { name: "This account can't sign in here" })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('another Microsoft Entra ID organisation');
  await expectSignedOut(page);
  expect(await membersOf(world.slug)).toEqual([]);

  const refused = await query<{ outcome: string; data: Record<string, unknown> }>(
    "SELECT a.outcome, a.data FROM audit_events a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND a.action = 'sso.sign_in_refused'",
    [world.slug],
  );
  expect(refused).toEqual([
    { outcome: 'denied', data: expect.objectContaining({ reason: 'entra_wrong_directory', seenAt: 'token_endpoint' }) },
  ]);
  // The refusal page is a 403 by design, which Chromium reports for the document itself.
  expect(problems.filter((p) => !p.includes('status of 403'))).toEqual([]);
});

test('front-channel logout from the directory ends the session of that Microsoft session only', async ({ browser }) => {
  const world = await createEntraWorld();
  const [laptop, phone] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  const problems = [...[laptop, phone].map(collectPageProblems)];
  await signInWithEntra(laptop, world);
  await signInWithEntra(phone, world);
  const [, phoneSession] = await entraSessions(world);

  // Entra's single sign-out of the phone's Microsoft session: a GET of the registered LogoutUrl.
  const sent = await entraSim.frontChannelLogout(world.directoryId, {
    clientId: world.clientId,
    sid: phoneSession!.sid,
  });
  expect(sent.url).toContain(`/sso/${world.slug}/frontchannel-logout?sid=`);
  expect(sent.status).toBe(200);

  await expectSignedOut(phone);
  await laptop.goto('/');
  await expect(laptop.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  expect(problems.flat()).toEqual([]);
});

test("sign-out goes through the directory's end_session_endpoint with logout_hint and comes back", async ({
  page,
  context,
}) => {
  const problems = collectPageProblems(page);
  const world = await createEntraWorld();
  await signInWithEntra(page, world);
  expect(await entraSessions(world)).toHaveLength(1);

  const idpLogout = page.waitForRequest((r) =>
    r.url().startsWith(`${ENTRA_URL}/${world.directoryId}/oauth2/v2.0/logout?`),
  );
  await page.getByRole('button', { name: 'Sign out' }).click();
  const logoutUrl = new URL((await idpLogout).url());
  const hint = logoutUrl.searchParams.get('logout_hint');
  expect(hint).toBeTruthy();
  expect(JSON.parse(Buffer.from(hint!, 'base64url').toString('utf8'))).toMatchObject({
    tid: world.directoryId,
    upn: world.adminEmail,
  });
  expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toMatch(/\/signed-out$/);

  // Back on Butterfly, signed out here and at the directory.
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/signed-out');
  expect((await context.cookies()).find((c) => c.name === 'bfy_session')).toBeUndefined();
  expect(await entraSessions(world)).toEqual([]);
  await expectSignedOut(page);
  expect(problems).toEqual([]);
});
