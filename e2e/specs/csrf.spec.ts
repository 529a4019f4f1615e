import { expect, test } from '@playwright/test';
import { APP_URL } from '../fixtures/system.ts';

test('mutations from another origin, or from nowhere, are refused', async ({ request }) => {
  for (const path of ['/logout', '/api/trpc/sessions.endOthers', '/login']) {
    const foreign = await request.post(path, {
      headers: { origin: 'https://evil.example' },
      form: { email: 'x@y.test' },
    });
    expect(foreign.status(), path).toBe(403);
    const crossSite = await request.post(path, { headers: { origin: APP_URL, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status(), path).toBe(403);
    const bare = await request.post(path);
    expect(bare.status(), path).toBe(403);
  }
  const same = await request.post('/api/trpc/sessions.endOthers', {
    headers: { origin: APP_URL, 'content-type': 'application/json' },
    data: '{}',
  });
  expect(same.status()).toBe(401); // past the guard: refused only for want of a session
});
