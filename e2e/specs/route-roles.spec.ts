import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Permission, ROLES, type Role, roleHas } from '@butterfly/domain/permissions';
import { type Browser, expect, test } from '@playwright/test';
import { cli } from '../fixtures/butterfly-cli.ts';
import { sim } from '../fixtures/okta-sim.ts';
import { addIdpUser, createWorld, signIn, type World } from '../fixtures/worlds.ts';

/**
 * The dashboard half of spec/roles.md's walk (the tRPC half is packages/api's permission test):
 * every dashboard page, opened by a member of each of the five roles, answers 200 where the
 * permission matrix gives the role the page's permission and the "Not allowed" page (403) where it
 * does not; never a 500. Every route file is either walked here or named below with the reason.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

/** Each page and the permission its loader needs (the procedures it calls; see packages/api/src/routers). */
const PAGES: { route: string; path: (ids: Ids) => string; needs: Permission }[] = [
  { route: '_index.tsx', path: () => '/', needs: 'dashboard.view' },
  { route: 'connections._index.tsx', path: () => '/connections', needs: 'dashboard.view' },
  {
    route: 'connections.$connectionId._index.tsx',
    path: (i) => `/connections/${i.connection}`,
    needs: 'dashboard.view',
  },
  {
    route: 'connections.$connectionId.credentials.tsx',
    path: (i) => `/connections/${i.connection}/credentials`,
    needs: 'snapshot.read',
  },
  {
    route: 'connections.$connectionId.break-glass.tsx',
    path: (i) => `/connections/${i.connection}/break-glass`,
    needs: 'compliance.read',
  },
  { route: 'compliance._index.tsx', path: () => '/compliance', needs: 'compliance.read' },
  { route: 'compliance.findings.tsx', path: () => '/compliance/findings', needs: 'compliance.read' },
  { route: 'compliance.regressions.tsx', path: () => '/compliance/regressions', needs: 'compliance.read' },
  { route: 'compliance.exceptions.tsx', path: () => '/compliance/exceptions', needs: 'compliance.read' },
  { route: 'compliance.rules.$ruleId.tsx', path: () => '/compliance/rules/OKTA-APP-000020', needs: 'compliance.read' },
  { route: 'restore._index.tsx', path: () => '/restore', needs: 'snapshot.read' },
  { route: 'webhooks.tsx', path: () => '/webhooks', needs: 'dashboard.view' },
  { route: 'members.tsx', path: () => '/members', needs: 'member.read' },
  { route: 'audit.tsx', path: () => '/audit', needs: 'audit.read' },
  { route: 'sessions.tsx', path: () => '/sessions', needs: 'dashboard.view' },
  { route: 'settings.api-tokens.tsx', path: () => '/settings/api-tokens', needs: 'token.own' },
  { route: 'settings.scim.tsx', path: () => '/settings/scim', needs: 'scim.manage' },
  { route: 'settings.sso.tsx', path: () => '/settings/sso', needs: 'sso.manage' },
];

/** Routes not walked here, and why: each is covered by its own spec or test. */
const NOT_PAGES: Record<string, string> = {
  'api.trpc.$.ts': 'the tRPC endpoint: packages/api walks every procedure × role × other tenant',
  'login.tsx': 'public',
  'signed-out.tsx': 'public',
  'logout.tsx': 'sign-out (sessions.spec, no-js.spec)',
  'recover.$token.tsx': 'a single-use link (recovery.spec)',
  'sso.$tenant.start.tsx': 'the hand-off to the IdP (sign-in.spec)',
  'sso.$tenant.callback.tsx': 'the IdP callback (sign-in.spec)',
  'sso.$tenant.backchannel-logout.ts': 'an IdP receiver (logout-receivers.spec)',
  'sso.$tenant.universal-logout.ts': 'an IdP receiver (logout-receivers.spec)',
  'sso.$tenant.frontchannel-logout.ts': 'an Entra receiver (apps/web entra-sign-in integration test)',
  'hooks.okta.$connectionId.ts': 'an Okta event hook receiver (freshness.spec)',
  'hooks.google.$connectionId.ts': "Google's users.watch doorbell (google-directory-sync.spec)",
  'oauth.authorize.tsx': 'the extension OAuth server (oauth.spec)',
  'oauth.handoff.tsx': 'the extension OAuth server (oauth.spec)',
  'oauth.token.ts': 'the extension OAuth server (oauth.spec)',
  'oauth.revoke.ts': 'the extension OAuth server (oauth.spec)',
  'connections.$connectionId.progress.ts': 'a polled resource of the connection page, same procedures (backups.spec)',
  'connections.$connectionId.diff.tsx': 'needs two snapshots (backups.spec)',
  'connections.$connectionId.history.tsx': 'needs a snapshot object (backups.spec)',
  'connections.$connectionId.snapshots.$snapshotId._index.tsx': 'needs a snapshot (backups.spec)',
  'connections.$connectionId.snapshots.$snapshotId.object.tsx': 'needs a snapshot object (backups.spec)',
  'restore.$planId._index.tsx': 'needs a stored plan (restore.spec)',
  'restore.$planId.json.ts': 'needs a stored plan (restore.spec)',
  'audit[.]csv.ts': 'the audit log export, same permission as /audit (audit-log.spec; apps/web export test)',
  'evidence.$scanId.ts': 'needs a scan: apps/web evidence download test walks its roles',
  'evidence.period.ts':
    'a download needing scans: apps/web period download test checks evidence.export and other tenants',
};

interface Ids {
  connection: string;
}

test('every route file is walked here or named with its reason', () => {
  const files = readdirSync(resolve(import.meta.dirname, '../../apps/web/app/routes'));
  const known = [...PAGES.map((p) => p.route), ...Object.keys(NOT_PAGES)];
  expect(
    files.filter((f) => !known.includes(f)),
    'route files this walk does not know',
  ).toEqual([]);
  expect(
    known.filter((f) => !files.includes(f)),
    'routes named here that no longer exist',
  ).toEqual([]);
});

let world: World;
let ids: Ids;

test.beforeAll(async () => {
  // Six CLI runs: well past the default 30 s hook bound on a busy 2-core machine.
  test.setTimeout(90_000);
  world = await createWorld();
  const org = await sim.org(world.org);
  const out = await cli(
    ['connection', 'add', world.slug, '--name', 'walk', '--okta', org.url, '--ssws-stdin'],
    org.apiToken,
  );
  ids = { connection: out.trim().split('\n').at(-1)! };
  for (const role of ROLES) {
    const email = `${role.replace('_', '-')}@${world.domain}`;
    await addIdpUser(world, email);
    await cli(['member', 'add', world.slug, email, '--role', role]);
  }
});

async function walkAs(browser: Browser, role: Role) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, `${role.replace('_', '-')}@${world.domain}`);
    await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
    for (const p of PAGES) {
      const res = await page.goto(p.path(ids));
      const allowed = roleHas(role, p.needs);
      const status = res?.status();
      const heading = await page.getByRole('heading', { level: 1 }).first().textContent();
      expect
        .soft(status, `${role} ${p.path(ids)} (${p.needs}: ${allowed ? 'allowed' : 'denied'})`)
        .toBe(allowed ? 200 : 403);
      if (!allowed) expect.soft(heading, `${role} ${p.path(ids)} shows the "Not allowed" page`).toBe('Not allowed');
    }
  } finally {
    await context.close();
  }
}

for (const role of ROLES) {
  test(`${role}: opens every page the matrix gives the role, and is refused the others`, async ({ browser }) => {
    await walkAs(browser, role);
  });
}
