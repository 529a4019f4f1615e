import { generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../testing/cli-process.ts';

/**
 * `butterfly connection add --google` and a backup of it (decision 062), as an operator runs them: a
 * real process, a real database, and a minimal stand-in for one Workspace customer on loopback (the
 * token endpoint's JWT-bearer grant with a domain-wide delegation allowlist, and the Directory,
 * Groups Settings and Cloud Identity paths a backup reads, all below one base as --api-url says).
 */
const { db, url } = await useTestDatabase();
const cli = cliProcess(url);
const SA = 'butterfly@hooli-backup.iam.gserviceaccount.com';
const ADMIN = 'gavin@hooli.example';
const CUSTOMER = 'C01hooli9';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'bfy-google-'));
const keyFile = join(dir, 'key.json');
writeFileSync(
  keyFile,
  JSON.stringify({
    type: 'service_account',
    project_id: 'hooli-backup',
    private_key_id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
    private_key: PEM,
    client_email: SA,
    client_id: '117000000000000000042',
  }),
);
const S = 'https://www.googleapis.com/auth/';
const POLICIES = `${S}cloud-identity.policies.readonly`;
/** The delegation allowlist: the policies scope is authorized only once the test says so. */
let delegated = new Set(
  [
    'admin.directory.customer.readonly',
    'admin.directory.user.readonly',
    'admin.directory.group.readonly',
    'apps.groups.settings',
    'admin.directory.orgunit.readonly',
    'admin.directory.rolemanagement.readonly',
    'admin.directory.domain.readonly',
    'cloud-identity.inboundsso.readonly',
  ].map((s) => S + s),
);
const GROUP = '03hooli0001';
const LISTS: Record<string, [string, unknown[]]> = {
  '/admin/directory/v1/users': ['users', [{ id: '1001', primaryEmail: ADMIN, isAdmin: true, isEnrolledIn2Sv: true }]],
  '/admin/directory/v1/groups': ['groups', [{ id: GROUP, email: 'eng@hooli.example', name: 'Eng' }]],
  [`/admin/directory/v1/groups/${GROUP}/members`]: [
    'members',
    [{ id: '1001', email: ADMIN, role: 'OWNER', type: 'USER' }],
  ],
  [`/admin/directory/v1/customer/${CUSTOMER}/orgunits`]: ['organizationUnits', []],
  [`/admin/directory/v1/customer/${CUSTOMER}/roles`]: [
    'items',
    [{ roleId: '9001', roleName: '_SEED_ADMIN_ROLE', isSuperAdminRole: true }],
  ],
  [`/admin/directory/v1/customer/${CUSTOMER}/roleassignments`]: ['items', []],
  [`/admin/directory/v1/customer/${CUSTOMER}/domains`]: [
    'domains',
    [{ domainName: 'hooli.example', isPrimary: true, verified: true }],
  ],
  [`/admin/directory/v1/customer/${CUSTOMER}/domainaliases`]: ['domainAliases', []],
  '/v1/policies': [
    'policies',
    [{ name: 'policies/p1', setting: { type: 'settings/security.password', value: { minimumLength: 12 } } }],
  ],
  '/v1/inboundSamlSsoProfiles': ['inboundSamlSsoProfiles', []],
  '/v1/inboundOidcSsoProfiles': ['inboundOidcSsoProfiles', []],
  '/v1/inboundSsoAssignments': ['inboundSsoAssignments', []],
};
const tokens = new Map<string, Set<string>>();

/** An RS256 JWT's claims when the service account's key signed it (node:crypto; the CLI has no jose). */
function verified(jwt: string): Record<string, unknown> | undefined {
  const [h, p, sig] = jwt.split('.');
  if (!h || !p || !sig) return undefined;
  if (JSON.parse(Buffer.from(h, 'base64url').toString()).alg !== 'RS256') return undefined;
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(sig, 'base64url'))) return undefined;
  return JSON.parse(Buffer.from(p, 'base64url').toString());
}

const google = createServer(async (req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'POST' && u.pathname === '/token') {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    const payload = verified(form.get('assertion') ?? '');
    if (!payload || payload.iss !== SA || payload.aud !== `${base}/token`)
      return send(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    if (payload.sub !== ADMIN)
      return send(400, { error: 'invalid_grant', error_description: 'Invalid email or User ID' });
    const scopes = String(payload.scope).split(' ');
    if (!scopes.every((s) => delegated.has(s)))
      return send(401, {
        error: 'unauthorized_client',
        error_description:
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      });
    const token = `ya29.${randomBytes(8).toString('hex')}`;
    tokens.set(token, new Set(scopes));
    return send(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }
  if (!tokens.has((req.headers.authorization ?? '').replace('Bearer ', '')))
    return send(401, {
      error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
    });
  if (u.pathname === '/admin/directory/v1/customers/my_customer')
    return send(200, { id: CUSTOMER, customerDomain: 'hooli.example' });
  if (u.pathname === '/groups/v1/groups/eng%40hooli.example')
    return send(200, { email: 'eng@hooli.example', whoCanJoin: 'INVITED_CAN_JOIN' });
  const list = LISTS[u.pathname];
  if (!list)
    return send(404, {
      error: { code: 404, message: 'Not Found', errors: [{ domain: 'global', reason: 'notFound' }] },
    });
  send(200, { [list[0]]: list[1] });
});
await new Promise<void>((r) => google.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(google.address() as AddressInfo).port}`;
afterAll(() => new Promise((r) => google.close(r)));

const add = (name: string, extra: string[]) =>
  cli(['connection', 'add', 'hooli', '--name', name, '--google', 'hooli.example', ...extra]);
const connectionId = async () =>
  (await db.selectFrom('connections').select('id').where('name', '=', 'workspace').executeTakeFirstOrThrow()).id;

describe('butterfly connection add --google', { timeout: 120_000 }, () => {
  it('adds a Google Workspace connection with the key file sealed', async () => {
    expect((await cli(['tenant', 'create', 'hooli', '--name', 'Hooli'])).code).toBe(0);
    const r = await add('workspace', [
      '--admin-email',
      ADMIN,
      '--service-account-key-file',
      keyFile,
      '--token-url',
      `${base}/token`,
      '--api-url',
      base,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Google Workspace hooli.example as ${ADMIN}`);
    expect(r.stdout).toContain('117000000000000000042');
    const row = await db
      .selectFrom('connections')
      .selectAll()
      .where('name', '=', 'workspace')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: r.last,
      provider: 'google',
      auth_kind: 'service_account',
      directory_id: 'hooli.example',
      admin_email: ADMIN,
      login_url: `${base}/token`,
      org_url: base,
      client_id: '117000000000000000042',
    });
    expect(row.credentials_sealed?.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(r.stdout + r.stderr).not.toContain('PRIVATE KEY');
  });

  it('refuses bad input with a clear error', async () => {
    const noAdmin = await add('x', ['--service-account-key-file', keyFile]);
    expect([noAdmin.code, noAdmin.stderr]).toEqual([2, expect.stringContaining('--admin-email')]);
    const noKey = await add('x', ['--admin-email', ADMIN]);
    expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringContaining('--service-account-key-file')]);
    const missing = await add('x', ['--admin-email', ADMIN, '--service-account-key-file', join(dir, 'nope.json')]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('ENOENT')]);
    const p12 = join(dir, 'key.p12');
    writeFileSync(p12, randomBytes(64));
    const notJson = await add('x', ['--admin-email', ADMIN, '--service-account-key-file', p12]);
    expect([notJson.code, notJson.stderr]).toEqual([1, expect.stringContaining('error SERVICE_ACCOUNT_KEY_INVALID')]);
    expect(notJson.stderr).toContain('[NOT_JSON]');
    const stray = await cli(['connection', 'add', 'hooli', '--name', 'x', '--okta', base, '--admin-email', ADMIN]);
    expect([stray.code, stray.stderr]).toEqual([2, expect.stringContaining('are for Google')]);
  });

  it('tests it: the scope domain-wide delegation lacks and what it leaves out', async () => {
    const r = await cli(['connection', 'test', await connectionId()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`missing ${POLICIES}: leaves out policy`);
  });

  it('backs it up: refused with the missing scope named, then a snapshot once delegation grants it', async () => {
    const id = await connectionId();
    const refused = await cli(['backup', 'run', 'hooli', id, '--wait', '--json']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`Domain-wide delegation missing for scopes ${POLICIES}`);

    delegated = new Set([...delegated, POLICIES]);
    const r = await cli(['backup', 'run', 'hooli', id, '--wait', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { objects: number; stats: { byType: Record<string, { objects: number }> } };
    expect(out.stats.byType).toMatchObject({
      customer: { objects: 1 },
      user: { objects: 1 },
      group: { objects: 1 },
      'group.members': { objects: 1 },
      'group.settings': { objects: 1 },
      role: { objects: 1 },
      domain: { objects: 1 },
      policy: { objects: 1 },
      inboundSsoAssignment: { objects: 0 },
    });
    const entries = await db
      .selectFrom('snapshot_entries')
      .select(['type', 'object_id'])
      .where('connection_id', '=', id)
      .where('to_seq', 'is', null)
      .execute();
    expect(entries).toHaveLength(out.objects);
    expect(entries).toContainEqual({ type: 'policy', object_id: 'p1' });
  });

  it('replaces the service account key with `connection edit --service-account-key-file`', async () => {
    const id = await connectionId();
    const rotated = join(dir, 'rotated.json');
    writeFileSync(
      rotated,
      JSON.stringify({
        ...JSON.parse(readFileSync(keyFile, 'utf8')),
        private_key_id: 'ffeeddccbbaa00998877665544332211ffeeddcc',
      }),
    );
    const mixed = await cli(['connection', 'edit', id, '--service-account-key-file', rotated, '--ssws-stdin'], 'x\n');
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining("give one provider's credential")]);
    const r = await cli(['connection', 'edit', id, '--service-account-key-file', rotated]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('new credential stored');
    expect(r.stdout + r.stderr).not.toContain('PRIVATE KEY');
    const row = await db
      .selectFrom('connections')
      .select(['key_id', 'last_test'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ key_id: 'ffeeddccbbaa00998877665544332211ffeeddcc', last_test: null });
    const tested = await cli(['connection', 'test', id]);
    expect(tested.code, tested.stderr).toBe(0);
  });
});
