import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiAs, authorizeInBrowser, connectScim, exchangeCode, mintApiToken, pkce } from '../fixtures/credentials.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { RESULTS_DIR } from '../fixtures/results-dir.ts';
import { addIdpPerson, createWorld, signIn } from '../fixtures/worlds.ts';

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('SCIM deactivation pushed by okta-sim ends the browser session, an API token and an access token on their next request', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const world = await createWorld();
  const scimApp = await connectScim(world);
  const rounds: Record<'scimRoundTrip' | 'session' | 'apiToken' | 'accessToken', number>[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    // Okta provisions the person (existence check, POST) with a role; they sign in and hold one of each credential.
    const person = await addIdpPerson(world, `rev${round}@${world.domain}`);
    const pushed = await sim.scimPush(world.org, scimApp, 'assign', person.id, 'admin');
    expect(pushed.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['GET 200', 'POST 201']);
    const page = await (await browser.newContext()).newPage();
    await signIn(page, person.email);
    await expect(page.getByRole('main')).toContainText('admin');
    const apiToken = await mintApiToken(world, person.email);
    const p = pkce();
    const { body: tokens } = await exchangeCode(await authorizeInBrowser(page, p.challenge), p.verifier);
    expect(await apiAs(apiToken)).toEqual({ status: 200, email: person.email });
    expect(await apiAs(tokens.access_token)).toEqual({ status: 200, email: person.email });
    expect((await page.request.get('/api/trpc/me.get')).status()).toBe(200);

    // Okta deactivates the person: PATCH active=false. Each credential's very next request is refused.
    const t0 = performance.now();
    const deactivated = await sim.scimPush(world.org, scimApp, 'deactivate', person.id);
    const scimDone = performance.now();
    expect(deactivated.calls.map((c) => `${c.method} ${c.status}`)).toEqual(['PATCH 200']);
    const refusedAt = async (status: Promise<number>) => {
      expect(await status).toBe(401);
      return performance.now() - t0;
    };
    const [session, apiTok, access] = await Promise.all([
      refusedAt(page.request.get('/api/trpc/me.get').then((r) => r.status())),
      refusedAt(apiAs(apiToken).then((r) => r.status)),
      refusedAt(apiAs(tokens.access_token).then((r) => r.status)),
    ]);
    rounds.push({ scimRoundTrip: scimDone - t0, session, apiToken: apiTok, accessToken: access });

    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Sign in with your work email' })).toBeVisible();
    await page.context().close();
  }

  // Milliseconds from sending the SCIM deactivation to the refusal of each credential's next request.
  const figures = Object.fromEntries(
    (['scimRoundTrip', 'session', 'apiToken', 'accessToken'] as const).map((k) => [
      k,
      { median: Math.round(median(rounds.map((r) => r[k]))), max: Math.round(Math.max(...rounds.map((r) => r[k]))) },
    ]),
  );
  process.stdout.write(`revocation latency (ms from SCIM PATCH sent, ${ROUNDS} rounds): ${JSON.stringify(figures)}\n`);
  writeFileSync(`${RESULTS_DIR}/revocation-latency.json`, JSON.stringify({ rounds, figures }, null, 2));
});
