import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { APP_URL } from '../fixtures/system.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';
import { postLargeBody } from '@butterfly/outbound/testing';

// Each test creates tenants and their IdPs through the CLI first (several seconds each).
test.describe.configure({ timeout: 90_000 });

/** A page on another site (127.0.0.1 is not localhost's site), serving the given HTML. */
async function rogueSite(html: string) {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

test('another site cannot start a sign-in (login CSRF), and returnTo never leaves the site', async ({ page }) => {
  const home = await createWorld();
  const other = await createWorld();
  const email = await addIdpUser(home, `lee@${home.domain}`);
  await signIn(page, email);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();

  // The attacker's page sends the member into the sign-in of a tenant of the attacker's choosing.
  const rogue = await rogueSite(
    `<a href="${APP_URL}/sso/${other.slug}/start?login_hint=mallory%40${other.domain}">Claim your prize</a>`,
  );
  try {
    await page.goto(rogue.url);
    await page.getByRole('link', { name: 'Claim your prize' }).click();
    await expect(page.getByRole('heading', { name: 'Sign-in must start on Butterfly' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(APP_URL);
  } finally {
    await rogue.close();
  }
  await page.goto('/');
  await expect(page.getByRole('main')).toContainText(email);

  for (const returnTo of [
    '/.//evil.test',
    '//evil.test',
    '/\\evil.test',
    '/%2F%2Fevil.test',
    '/\t/evil.test',
    'https://evil.test/',
    'javascript:alert(1)',
  ]) {
    await page.goto(`/login?returnTo=${encodeURIComponent(returnTo)}`);
    expect(new URL(page.url()).origin, returnTo).toBe(APP_URL);
  }
});

const MiB = 1024 * 1024;

const residentBytes = async () =>
  Number(/^process_resident_memory_bytes (\d+)/m.exec(await (await fetch(`${APP_URL}/metrics`)).text())?.[1]);

test('huge request bodies are refused with 413 before they are read, and the web process stays small and up', async () => {
  const before = await residentBytes();
  for (const path of [
    '/login',
    '/oauth/token',
    '/oauth/revoke',
    '/sso/acme/backchannel-logout',
    '/sso/acme/universal-logout',
  ]) {
    const declared = await postLargeBody(`${APP_URL}${path}`, 400 * MiB, 400 * MiB, { origin: APP_URL });
    expect(declared.status, `${path} with Content-Length`).toBe(413);
    expect(declared.sent, 'answered before any of the body was sent').toBe(0);
  }
  // A chunked body is counted as the route reads it. (Universal Logout reads nothing before a valid
  // Bearer JWT: it answers 401 and the body is dropped unread, which the memory check covers.)
  for (const path of ['/login', '/oauth/token', '/oauth/revoke', '/sso/acme/backchannel-logout']) {
    const chunked = await postLargeBody(`${APP_URL}${path}`, 400 * MiB, undefined, { origin: APP_URL });
    expect(chunked.status, `${path} chunked`).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(chunked.sent).toBeLessThan(50 * MiB);
  }
  expect(
    (
      await postLargeBody(`${APP_URL}/sso/acme/universal-logout`, 400 * MiB, undefined, {
        'content-type': 'application/json',
      })
    ).status,
  ).toBe(401);
  // The API's limit is larger (1 MiB); tRPC reads no input before authentication, so without a token
  // a chunked body is dropped unread (401) and a declared one is refused up front.
  const api = await postLargeBody(`${APP_URL}/api/trpc/sessions.endOthers`, 400 * MiB, 400 * MiB, {
    origin: APP_URL,
    'content-type': 'application/json',
  });
  expect([api.status, api.sent]).toEqual([413, 0]);
  expect((await residentBytes()) - before).toBeLessThan(100 * MiB);
  expect((await fetch(`${APP_URL}/healthz`)).status).toBe(200);
});
