import { expect, test } from '@playwright/test';
import pg from 'pg';
import { cli } from '../fixtures/butterfly-cli.ts';
import { SCIM_URL } from '../fixtures/credentials.ts';
import { createEntraWorld, ENTRA_URL, entraSim } from '../fixtures/entra-sim.ts';
import { system } from '../fixtures/system.ts';

// Seeds an Entra directory and a tenant through the CLI first (several seconds).
test.describe.configure({ timeout: 90_000 });

async function membersOf(slug: string) {
  const client = new pg.Client({ connectionString: system().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ email: string; role: string; active: boolean; scim_roles: string[] | null }>(
      'SELECT m.email, m.role, m.active, m.scim_roles FROM members m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = $1 ORDER BY m.email',
      [slug],
    );
    return rows;
  } finally {
    await client.end();
  }
}

const summary = (r: { calls: { method: string; status: number }[] }) => r.calls.map((c) => `${c.method} ${c.status}`);

test('entra-sim provisions people with app roles in both SCIM dialects; a soft delete ends the session, then the hard delete', async ({
  page,
}) => {
  const world = await createEntraWorld();
  const token = (await cli(['scim-token', 'create', world.slug, '--label', 'entra-sim'])).trim().split('\n').at(-1)!;
  const tid = world.directoryId;
  const plain = await entraSim.addProvisioning(tid, { tenantUrl: SCIM_URL, secretToken: token });
  const flagged = await entraSim.addProvisioning(tid, {
    tenantUrl: `${SCIM_URL}?aadOptscim062020`,
    secretToken: token,
  });
  expect([plain.dialect, flagged.dialect]).toEqual(['default', 'aadOptscim062020']);
  // Test Connection, then a wrong Secret Token fails it.
  expect((await entraSim.testProvisioning(tid, plain.id)).ok).toBe(true);
  const wrong = await entraSim.addProvisioning(tid, { tenantUrl: SCIM_URL, secretToken: 'bfys_wrong' });
  expect((await entraSim.testProvisioning(tid, wrong.id)).ok).toBe(false);

  // Default dialect: the admin with two app roles (the highest wins).
  const admin = await entraSim.provision(tid, plain.id, 'assign', {
    userId: world.adminEmail,
    roles: ['Admin', 'Auditor'],
  });
  expect(summary(admin)).toEqual(['GET 200', 'POST 201']);
  // The flag's dialect: a second person as auditor, then an app role added (complex value in PATCH).
  const ben = `ben.adams@${world.domain}`;
  expect(summary(await entraSim.provision(tid, flagged.id, 'assign', { userId: ben, roles: ['auditor'] }))).toEqual([
    'GET 200',
    'POST 201',
  ]);
  expect(
    summary(await entraSim.provision(tid, flagged.id, 'roles', { userId: ben, add: ['backup_operator'] })),
  ).toEqual(['PATCH 200']);
  // And in the default dialect: stringified JSON role values, one removed.
  expect(
    summary(await entraSim.provision(tid, plain.id, 'roles', { userId: world.adminEmail, remove: ['Auditor'] })),
  ).toEqual(['PATCH 200']);
  expect(await membersOf(world.slug)).toEqual([
    { email: world.adminEmail, role: 'admin', active: true, scim_roles: ['admin'] },
    { email: ben, role: 'backup_operator', active: true, scim_roles: ['backup_operator', 'auditor'] },
  ]);

  // The provisioned admin signs in through the directory and is that member, at the pushed role.
  await page.goto('/login');
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Work email').fill(world.adminEmail);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(new RegExp(`^${ENTRA_URL}/${tid}/oauth2/v2\\.0/authorize\\?`));
  await page.getByRole('button', { name: `<${world.adminEmail}>` }).click();
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('admin');
  expect((await page.request.get('/api/trpc/me.get')).status()).toBe(200);

  // Unassigned in Entra: `active` "False" (the default dialect's string), and the session is over.
  const off = await entraSim.provision(tid, plain.id, 'unassign', { userId: world.adminEmail });
  expect(summary(off)).toEqual(['PATCH 200']);
  expect((await page.request.get('/api/trpc/me.get')).status()).toBe(401);
  expect((await membersOf(world.slug))[0]).toMatchObject({ email: world.adminEmail, active: false });

  // Then the hard delete: the member is gone.
  expect(summary(await entraSim.provision(tid, plain.id, 'delete', { userId: world.adminEmail }))).toEqual([
    'DELETE 204',
  ]);
  expect((await membersOf(world.slug)).map((m) => m.email)).toEqual([ben]);
});
