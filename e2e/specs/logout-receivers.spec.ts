import { expect, type Page, test } from '@playwright/test';
import pg from 'pg';
import { apiAs, mintApiToken } from '../fixtures/credentials.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { APP_URL, system } from '../fixtures/system.ts';
import { addIdpPerson, createWorld, signIn } from '../fixtures/worlds.ts';

// Each test creates a tenant and its IdP through the CLI first (several seconds).
test.describe.configure({ timeout: 60_000 });

async function expectSignedOut(page: Page) {
  await page.reload();
  await expect(page.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
}

/** The Okta session id Butterfly recorded for a person's session (the ID token's `sid`). */
async function idpSessionIdOf(email: string): Promise<string> {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ idp_session_id: string }>(
      'SELECT s.idp_session_id FROM sessions s JOIN members m ON m.id = s.member_id WHERE lower(m.email) = lower($1) ORDER BY s.created_at DESC LIMIT 1',
      [email],
    );
    return rows[0]!.idp_session_id;
  } finally {
    await client.end();
  }
}

for (const [shape, format] of [
  ['sub_id', 'email'],
  ['subject', 'iss_sub'],
] as const) {
  test(`Universal Logout from okta-sim ({"${shape}": ${format}}) ends the session and every other credential`, async ({
    page,
  }) => {
    const world = await createWorld();
    const person = await addIdpPerson(world, `ul-${format}@${world.domain}`);
    await signIn(page, person.email);
    await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
    const apiToken = await mintApiToken(world, person.email);
    const sent = await sim.universalLogout(world.org, {
      url: `${APP_URL}/sso/${world.slug}/universal-logout`,
      userId: person.id,
      format,
      shape,
    });
    expect(sent.status).toBe(204);
    await expectSignedOut(page);
    expect((await apiAs(apiToken)).status).toBe(401);
  });
}

test('back-channel logout from okta-sim: by sub ends the person’s sessions; by sid ends that session; a replay is refused', async ({
  browser,
}) => {
  const world = await createWorld();
  const person = await addIdpPerson(world, `bcl@${world.domain}`);
  const [laptop, phone] = [await (await browser.newContext()).newPage(), await (await browser.newContext()).newPage()];
  for (const p of [laptop, phone]) {
    await signIn(p, person.email);
    await expect(p.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  }

  // By sid: the IdP session of the phone ends; the laptop has its own Okta session and stays.
  const sid = await idpSessionIdOf(person.email);
  expect(sid).toBeTruthy();
  const bySid = await sim.backchannelLogout(world.org, { clientId: world.clientId, sid });
  expect(bySid.status).toBe(200);
  await expectSignedOut(phone);
  await laptop.reload();
  await expect(laptop.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  // The same logout token again is a replay: 400, no-store.
  const replay = await fetch(`${APP_URL}/sso/${world.slug}/backchannel-logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ logout_token: bySid.logoutToken }),
  });
  expect(replay.status).toBe(400);
  expect(replay.headers.get('cache-control')).toBe('no-store');

  // By sub: everything the person holds ends.
  const bySub = await sim.backchannelLogout(world.org, { clientId: world.clientId, userId: person.id });
  expect(bySub.status).toBe(200);
  await expectSignedOut(laptop);
});
