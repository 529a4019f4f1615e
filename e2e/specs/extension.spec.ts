import { expect, type Locator, type Page, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { type ExtensionBrowser, launchWithExtension } from '../fixtures/extension.ts';
import { type OktaOrg, okta } from '../fixtures/okta-api.ts';
import { E2E_PORTS } from '../fixtures/ports.ts';
import { APP_URL, SIM_URL, unique } from '../fixtures/system.ts';
import { addIdpUser, createWorld, signInAtIdp, type World } from '../fixtures/worlds.ts';

/**
 * The Chrome extension against the whole system: the test build in Chromium, connected to Butterfly
 * through the OAuth hand-off page by a backup operator, then okta-sim's Admin Console pages with
 * Butterfly's panel: the right object and its backup, a change made through Okta's API, a
 * single-object snapshot, and "signed out" once the member is deactivated.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let ext: ExtensionBrowser;
let world: World;
let org: OktaOrg;
let email: string;
let group: { id: string; name: string };

const panelOf = (page: Page) => page.getByRole('region', { name: 'Butterfly' });
const statusOf = (panel: Locator) => panel.getByRole('status');

test.beforeAll(async () => {
  // A world, a backup, a scan and a browser launch: more than the default 30 s hook bound on a busy
  // 2-core machine (it ran out once in a full run). A file-level setTimeout does not reach hooks.
  test.setTimeout(120_000);
  world = await createWorld();
  email = await addIdpUser(world, `ops@${world.domain}`);
  await cli(['member', 'add', world.slug, email, '--role', 'backup_operator']);
  org = (await (await fetch(`${SIM_URL}/_sim/orgs/${world.org}`)).json()) as OktaOrg;
  const name = unique('Extension group ');
  group = {
    id: (await okta<{ id: string }>(org, 'POST', '/api/v1/groups', { profile: { name, description: 'before' } })).id,
    name,
  };
  await cli(['connection', 'add', world.slug, '--name', 'okta', '--okta', org.url, '--ssws-stdin'], org.apiToken);
  // The backup prints its snapshot id on its last line; a scan of it gives the panel findings to show.
  const snapshotId = (await cli(['backup', 'run', world.slug, 'okta', '--wait'])).trim().split('\n').at(-1)!;
  await cli(['scan', 'run', world.slug, snapshotId]);
  ext = await launchWithExtension();
});

test.afterAll(async () => {
  await ext?.close();
});

test('connects to Butterfly through the hand-off page, as the signed-in member', async () => {
  const options = await ext.options();
  await expect(options.getByRole('status')).toHaveText('Not connected.');
  await options.getByLabel('Butterfly address').fill(APP_URL);
  const opened = ext.context.waitForEvent('page');
  await options.getByRole('button', { name: 'Connect' }).click();
  const tab = await opened;
  // No Butterfly session in this browser yet: sign-in first, then back to the authorization request.
  // The login form needs the page hydrated (it hands off to the IdP by a page load); wait for it.
  await tab.waitForLoadState('networkidle');
  await tab.getByLabel('Work email').fill(email);
  await tab.getByRole('button', { name: 'Continue' }).click();
  await signInAtIdp(tab, email);
  // Asked once: which app, for which organisation and account, to do what.
  await expect(tab.getByRole('heading', { name: 'Allow Butterfly for Chrome to use Butterfly as you?' })).toBeVisible();
  await expect(tab.getByRole('main')).toContainText(world.name);
  await tab.waitForLoadState('networkidle');
  await tab.getByRole('button', { name: 'Allow' }).click();
  await expect(options.getByRole('status')).toHaveText(
    `Connected to ${APP_URL} as ${email} (backup_operator, ${world.name}).`,
  );
  // The service worker took the code from the hand-off page and closed its tab.
  await expect.poll(() => tab.isClosed()).toBe(true);
});

test('the panel shows the group, its backup, a change made through the API, and a snapshot of it', async () => {
  await ext.context.request.post(`${org.url}/admin/_sim/session`, {
    headers: { authorization: `SSWS ${org.apiToken}` },
  });
  const page = await ext.context.newPage();
  await page.goto(`${org.url}/admin/group/${group.id}`);
  const panel = panelOf(page);
  await expect(statusOf(panel)).toHaveText('Unchanged since last backup.');
  await expect(panel).toContainText(`${group.name} · group`);
  await expect(panel.getByRole('definition').nth(1)).toHaveText('1');
  await expect(panel.getByText('No failing rule names this object.')).toBeVisible();

  await okta(org, 'PUT', `/api/v1/groups/${group.id}`, { profile: { name: group.name, description: 'after' } });
  await page.reload();
  await expect(statusOf(panel)).toHaveText('Changed since last backup.');
  await expect(panel.getByRole('list', { name: 'Changed fields' })).toContainText('$.profile.description (changed)');
  await page.screenshot({ path: 'test-results/screenshots/extension-panel-changed.png' });

  await panel.getByRole('button', { name: 'Snapshot this object now' }).click();
  await expect(statusOf(panel)).toHaveText('Unchanged since last backup.');
  await expect(panel.getByRole('definition').first()).toContainText('(this object only)');
  await expect(panel.getByRole('definition').nth(1)).toHaveText('2');
  const history = await panel.getByRole('link', { name: 'History' }).getAttribute('href');
  expect(history).toMatch(new RegExp(`^${APP_URL}/connections/[0-9a-f-]{36}/history\\?type=group&id=${group.id}$`));
  // A backup operator may preview restores: the wizard opens on the connection's latest full snapshot.
  await expect(panel.getByRole('link', { name: 'Restore preview' })).toHaveAttribute(
    'href',
    new RegExp(`^${APP_URL}/restore\\?connection=`),
  );
  await page.close();
});

test('user, app, policy, network zone and authorization server pages map to their objects', async () => {
  const user = await okta<{ id: string }>(org, 'GET', `/api/v1/users/${encodeURIComponent(email)}`);
  const [app] = await okta<{ id: string; name: string; label: string }[]>(org, 'GET', '/api/v1/apps?limit=1');
  const policies = await okta<{ id: string; name: string; priority: number }[]>(
    org,
    'GET',
    '/api/v1/policies?type=OKTA_SIGN_ON',
  );
  const signOn = policies.sort((a, b) => a.priority - b.priority)[0]!;
  const [zone] = await okta<{ id: string; name: string }[]>(org, 'GET', '/api/v1/zones');
  const [server] = await okta<{ id: string; name: string }[]>(org, 'GET', '/api/v1/authorizationServers');
  const pages: [string, string][] = [
    [`/admin/user/profile/view/${user.id}`, `${email} · user`],
    [`/admin/app/${app!.name}/instance/${app!.id}/#tab-general`, `${app!.label} · app`],
    // The URL of these two names no object: the panel finds the selected one on the page.
    ['/admin/access/policies', `${signOn.name} · policy.OKTA_SIGN_ON`],
    [`/admin/access/networks?select=${zone!.id}`, `${zone!.name} · network_zone`],
    [`/admin/oauth2/as/${server!.id}`, `${server!.name} · authorization_server`],
  ];
  const page = await ext.context.newPage();
  for (const [path, shown] of pages) {
    await page.goto(`${org.url}${path}`);
    await expect(panelOf(page), path).toContainText(shown);
    // Backed up by the full backup, and read the same way through the console: nothing changed.
    await expect(statusOf(panelOf(page)), path).toHaveText(
      /Unchanged since last backup\.|Only timestamps changed since last backup\./,
    );
  }
  await page.close();
});

test('after the member is deactivated (SCIM), the panel says signed out', async () => {
  const scimToken = (await cli(['scim-token', 'create', world.slug])).trim().split('\n').at(-1)!;
  const scim = (path: string, init: RequestInit = {}) =>
    fetch(`http://localhost:${E2E_PORTS.scim}/scim/v2${path}`, {
      ...init,
      headers: { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json', ...init.headers },
    });
  const found = (await (await scim(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`)).json()) as {
    Resources: { id: string }[];
  };
  const patched = await scim(`/Users/${found.Resources[0]!.id}`, {
    method: 'PATCH',
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    }),
  });
  expect(patched.status).toBe(200);

  const page = await ext.context.newPage();
  await page.goto(`${org.url}/admin/group/${group.id}`);
  await expect(statusOf(panelOf(page))).toHaveText(/^Signed out of Butterfly\./);
  await expect(panelOf(page).getByRole('button', { name: 'Connect again' })).toBeVisible();
  const options = await ext.options();
  await expect(options.getByRole('status')).toHaveText(/^Signed out of Butterfly: /);
});

test('the extension ran without a manifest, service worker or page error', () => {
  expect(ext.errors).toEqual([]);
});
