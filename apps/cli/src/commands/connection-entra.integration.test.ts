import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { useTestDatabase } from '@butterfly/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../testing/cli-process.ts';

/**
 * `butterfly connection add --entra` and a backup of it (decision 057), as an operator runs them: a
 * real process, a real database, and a minimal stand-in for one Entra tenant on loopback (the token
 * endpoint and the Graph paths a backup reads; the app holds every read permission but one).
 */
const { db, url } = await useTestDatabase();
const cli = cliProcess(url);
const TENANT = '6f1c4a5e-2b7d-4c1e-9a3f-0d8e7b6c5a41';
const CLIENT = '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';
const SECRET = 'Qx~8Q~cli-test-secret-value';
const ROLES = [
  'Policy.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
  'RoleManagement.Read.Directory',
  'RoleAssignmentSchedule.Read.Directory',
  'RoleEligibilitySchedule.Read.Directory',
  'RoleManagementPolicy.Read.Directory',
];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const TOKEN = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ roles: ROLES, tid: TENANT })}.sig`;
const SINGLETONS = new Set([
  '/policies/authenticationMethodsPolicy',
  '/policies/crossTenantAccessPolicy',
  '/policies/crossTenantAccessPolicy/default',
  '/policies/identitySecurityDefaultsEnforcementPolicy',
  '/policies/authorizationPolicy',
  '/policies/adminConsentRequestPolicy',
  '/policies/defaultAppManagementPolicy',
]);
const GROUP = '02bd9fd6-8f93-4758-87c3-1fb73740a315';
const USER = '87d349ed-44d7-43e1-9a83-5f2406dee5b0';
const LISTS: Record<string, unknown[]> = {
  '/groups': [{ id: GROUP, displayName: 'Admins', securityEnabled: true }],
  [`/groups/${GROUP}/members`]: [{ '@odata.type': '#microsoft.graph.user', id: USER }],
  '/users': [{ id: USER, displayName: 'Ann', userPrincipalName: 'ann@initech.example' }],
};

/** Graph refuses what the token lacks (Policy.Read.PermissionGrant) until the admin grants it. */
let permissionGrantGranted = false;

const entra = createServer(async (req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'POST' && u.pathname === `/${TENANT}/oauth2/v2.0/token`) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const form = new URLSearchParams(raw);
    if (form.get('client_id') !== CLIENT || form.get('client_secret') !== SECRET)
      return send(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215],
      });
    return send(200, { token_type: 'Bearer', expires_in: 3599, access_token: TOKEN });
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return send(401, {
      error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.', innerError: {} },
    });
  if (req.method === 'POST' && /^\/(v1\.0|beta)\/\$batch$/.test(u.pathname)) {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const { requests } = JSON.parse(raw) as { requests: { id: string; url: string }[] };
    return send(200, {
      responses: requests.map((r) => ({
        id: r.id,
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { value: LISTS[new URL(r.url, 'http://x').pathname] ?? [] },
      })),
    });
  }
  const path = u.pathname.replace(/^\/(v1\.0|beta)/, '');
  if (path.startsWith('/policies/permissionGrantPolicies') && !permissionGrantGranted)
    return send(403, {
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges', innerError: {} },
    });
  if (SINGLETONS.has(path)) return send(200, { '@odata.context': 'x', id: path.split('/').at(-1) });
  // A delta query (decision 060): `$deltatoken=latest` or a later link, and nothing changed since.
  if (path.endsWith('/delta'))
    return send(200, { '@odata.context': 'x', value: [], '@odata.deltaLink': `${base}/v1.0${path}?$deltatoken=t1` });
  send(200, { '@odata.context': 'x', value: LISTS[path] ?? [] });
});
await new Promise<void>((r) => entra.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(entra.address() as AddressInfo).port}`;
afterAll(() => new Promise((r) => entra.close(r)));

const add = (name: string, extra: string[] = [], input = `${SECRET}\n`) =>
  cli(
    [
      'connection',
      'add',
      'hooli',
      '--name',
      name,
      '--entra',
      TENANT,
      '--client-id',
      CLIENT,
      '--login-url',
      base,
      '--graph-url',
      base,
      ...extra,
    ],
    input,
  );

describe('butterfly connection add --entra', { timeout: 120_000 }, () => {
  it('adds an Entra connection with the client secret on stdin, sealed', async () => {
    expect((await cli(['tenant', 'create', 'hooli', '--name', 'Hooli'])).code).toBe(0);
    const r = await add('entra-prod', ['--client-secret-stdin']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Entra tenant ${TENANT}`);
    const row = await db
      .selectFrom('connections')
      .selectAll()
      .where('name', '=', 'entra-prod')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: r.last,
      provider: 'entra',
      directory_id: TENANT,
      login_url: base,
      org_url: base,
      client_id: CLIENT,
      auth_kind: 'client_secret',
    });
    expect(row.credentials_sealed?.toString('latin1')).not.toContain(SECRET);

    const pem = resolve(import.meta.dirname, '../../../../packages/connectors/src/entra/test/test-app-cert.pem');
    const cert = await add('entra-cert', ['--certificate-file', pem], '');
    expect(cert.code, cert.stderr).toBe(0);
    const certRow = await db
      .selectFrom('connections')
      .selectAll()
      .where('name', '=', 'entra-cert')
      .executeTakeFirstOrThrow();
    expect(certRow.auth_kind).toBe('certificate');
    expect(certRow.credentials_sealed?.toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it('refuses bad input with a clear error', async () => {
    const both = await cli(['connection', 'add', 'hooli', '--name', 'x', '--okta', base, '--entra', TENANT]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('either --okta')]);
    const neither = await add('x', []);
    expect([neither.code, neither.stderr]).toEqual([
      2,
      expect.stringContaining('--client-secret-stdin or --certificate-file'),
    ]);
    const badTenant = await cli(
      [
        'connection',
        'add',
        'hooli',
        '--name',
        'x',
        '--entra',
        'not a tenant',
        '--client-id',
        CLIENT,
        '--client-secret-stdin',
      ],
      `${SECRET}\n`,
    );
    expect([badTenant.code, badTenant.stderr]).toEqual([1, expect.stringContaining('error VALIDATION')]);
    const badCert = await add('x', ['--certificate-file', resolve(import.meta.dirname, 'connection.ts')]);
    expect([badCert.code, badCert.stderr]).toEqual([1, expect.stringContaining('certificate')]);
    // An Okta credential cannot replace an Entra app's (nor can a write credential be set yet).
    const { id } = await db
      .selectFrom('connections')
      .select('id')
      .where('name', '=', 'entra-prod')
      .executeTakeFirstOrThrow();
    const edit = await cli(['connection', 'edit', id, '--ssws-stdin'], 'ssws-token-0123456789\n');
    expect([edit.code, edit.stderr]).toEqual([1, expect.stringContaining('error VALIDATION')]);
    expect(edit.stderr).toContain('Entra');
    // The app's own credential is replaced: its certificate, then a client secret again (the client id stays).
    const pem = resolve(import.meta.dirname, '../../../../packages/connectors/src/entra/test/test-app-cert.pem');
    const toCert = await cli(['connection', 'edit', id, '--certificate-file', pem]);
    expect(toCert.code, toCert.stderr).toBe(0);
    expect(toCert.stdout).toContain('new credential stored');
    const mixed = await cli(['connection', 'edit', id, '--certificate-file', pem, '--ssws-stdin'], 'x\n');
    expect([mixed.code, mixed.stderr]).toEqual([2, expect.stringContaining("give one provider's credential")]);
    const rowOf = () => db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(await rowOf()).toMatchObject({ auth_kind: 'certificate', client_id: CLIENT });
    const toSecret = await cli(['connection', 'edit', id, '--client-secret-stdin'], `${SECRET}\n`);
    expect(toSecret.code, toSecret.stderr).toBe(0);
    expect(await rowOf()).toMatchObject({ auth_kind: 'client_secret', client_id: CLIENT });
    expect((await rowOf()).credentials_sealed?.toString('latin1')).not.toContain(SECRET);
    const renamed = await cli(['connection', 'edit', id, '--name', 'entra-main']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect((await cli(['connection', 'edit', id, '--name', 'entra-prod'])).code).toBe(0);
  });

  it('tests it: the permissions the token lacks and what they leave out', async () => {
    const { id } = await db
      .selectFrom('connections')
      .select('id')
      .where('name', '=', 'entra-prod')
      .executeTakeFirstOrThrow();
    const r = await cli(['connection', 'test', id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('missing Policy.Read.PermissionGrant: leaves out permissionGrantPolicy');
  });

  it('backs it up through the backup use-case: group members as one object, a snapshot like any other', async () => {
    const { id } = await db
      .selectFrom('connections')
      .select('id')
      .where('name', '=', 'entra-prod')
      .executeTakeFirstOrThrow();
    const refused = await cli(['backup', 'run', 'hooli', id, '--wait', '--json']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('Missing application permission Policy.Read.PermissionGrant');

    permissionGrantGranted = true;
    const r = await cli(['backup', 'run', 'hooli', id, '--wait', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      id: string;
      objects: number;
      stats: { byType: Record<string, { objects: number }> };
    };
    expect(out.stats.byType).toMatchObject({
      group: { objects: 1 },
      'group.members': { objects: 1 },
      user: { objects: 1 },
      authorizationPolicy: { objects: 1 },
      conditionalAccessPolicy: { objects: 0 },
    });
    // The connection's current objects (entries still open) are the snapshot's.
    const entries = await db
      .selectFrom('snapshot_entries')
      .select(['type', 'object_id'])
      .where('connection_id', '=', id)
      .where('to_seq', 'is', null)
      .execute();
    expect(entries).toHaveLength(out.objects);
    expect(entries).toContainEqual({ type: 'group.members', object_id: GROUP });
  });
});
