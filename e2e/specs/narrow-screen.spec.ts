import { type Page, expect, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { addIdpUser, createWorld, signIn } from '../fixtures/worlds.ts';

// A phone: nothing may scroll sideways; wide tables scroll inside their own box.
test.use({ viewport: { width: 375, height: 812 } });

/** The page's horizontal overflow, with the elements that stick out past the right edge named. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .filter((e) => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].slice(0, 3).join('.')} "${(e.textContent ?? '').trim().slice(0, 40)}"`,
      );
    return `${root.scrollWidth} > ${root.clientWidth}: ${culprits.join('; ')}`;
  });
}

test('no page scrolls sideways at 375 px', async ({ page }) => {
  // Seventeen page loads and a tenant made through the CLI, on a busy 2-core machine.
  test.setTimeout(150_000);
  const world = await createWorld();
  const org = await sim.org(world.org);
  const out = await cli(
    ['connection', 'add', world.slug, '--name', 'narrow-screen-production-okta', '--okta', org.url, '--ssws-stdin'],
    org.apiToken,
  );
  const connection = out.trim().split('\n').at(-1)!;
  const boss = await addIdpUser(world, `a-rather-long-name.for-a-phone@${world.domain}`);
  await cli(['member', 'add', world.slug, boss, '--role', 'super_admin']);

  const problems: string[] = [];
  for (const path of ['/', '/login']) {
    await page.goto(path);
    const o = await overflow(page);
    if (o) problems.push(`${path} (signed out): ${o}`);
  }
  await signIn(page, boss);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  const pages = [
    '/',
    '/connections',
    `/connections/${connection}`,
    `/connections/${connection}/credentials`,
    '/restore',
    '/compliance',
    '/compliance/findings',
    '/compliance/regressions',
    '/webhooks',
    '/members',
    '/audit',
    '/sessions',
    '/settings/api-tokens',
    '/settings/sso',
    '/settings/scim',
  ];
  for (const path of pages) {
    const res = await page.goto(path);
    expect.soft(res?.status(), path).toBe(200);
    const o = await overflow(page);
    if (o) problems.push(`${path}: ${o}`);
  }
  expect(problems).toEqual([]);
});
