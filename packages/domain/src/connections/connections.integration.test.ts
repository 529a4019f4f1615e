import { generateKeyPairSync } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import type { IdpAccessReport, IdpClient, IdpClientFactory, IdpConnectionConfig } from '../idp/types.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addConnection } from './add-connection.ts';
import { getConnection } from './get-connection.ts';
import { listConnections } from './list-connections.ts';
import { loadConnectionConfig } from './load-connection-config.ts';
import { removeConnection } from './remove-connection.ts';
import { testConnection } from './test-connection.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const TOKEN = '00abcdefghijklmnopqrstuvwxyz0123456789ABCD';

/** A stand-in IdP client: records the config it was built with and answers with a canned report. */
function fakeFactory(report: IdpAccessReport) {
  const seen: IdpConnectionConfig[] = [];
  const factory: IdpClientFactory = (config) => {
    seen.push(config);
    return { testAccess: async () => report } as unknown as IdpClient;
  };
  return { factory, seen };
}

const auditOf = async (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select(['action', 'outcome', 'data'])
    .where('tenant_id', '=', tenantId)
    .where('action', 'like', 'connection.%')
    .orderBy('seq')
    .execute();

describe('connections', () => {
  it('stores credentials sealed: neither the token nor the key is readable in any column', async () => {
    const t = await seedTenant(deps);
    const ssws = await addConnection(deps, t.id, {
      name: 'prod',
      orgUrl: 'https://acme-admin.okta.com/',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    const oauth = await addConnection(deps, t.id, {
      name: 'oauth',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'oauth', clientId: '0oa1', privateKey: pem, keyId: 'k1' },
    });
    expect(ssws).toMatchObject({
      name: 'prod',
      orgUrl: 'https://acme.okta.com',
      authKind: 'ssws',
      hasCredentials: true,
      clientId: null,
    });
    expect(oauth).toMatchObject({ authKind: 'oauth', clientId: '0oa1', keyId: 'k1' });
    expect(JSON.stringify(ssws)).not.toContain(TOKEN);

    const rows = await db.selectFrom('connections').selectAll().where('tenant_id', '=', t.id).execute();
    const raw = rows.map((r) => `${JSON.stringify(r)}${r.credentials_sealed?.toString('latin1')}`).join('');
    expect(raw).not.toContain(TOKEN);
    expect(raw).not.toContain('PRIVATE KEY');
    expect(raw).not.toContain(pem.split('\n')[1]);
    const audit = JSON.stringify(await auditOf(t.id));
    expect(audit).not.toContain(TOKEN);
    expect(audit).not.toContain('PRIVATE KEY');

    expect(await loadConnectionConfig(deps, t.id, oauth.id)).toEqual({
      provider: 'okta',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'oauth', clientId: '0oa1', privateKey: pem, keyId: 'k1' },
    });
  });

  it('binds a sealed credential to its connection', async () => {
    const t = await seedTenant(deps);
    const a = await addConnection(deps, t.id, {
      name: 'a',
      orgUrl: 'https://a.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    const b = await addConnection(deps, t.id, {
      name: 'b',
      orgUrl: 'https://b.okta.com',
      credentials: { kind: 'ssws', token: `${TOKEN}b` },
    });
    const sealed = await db
      .selectFrom('connections')
      .select('credentials_sealed')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('connections')
      .set({ credentials_sealed: sealed.credentials_sealed })
      .where('id', '=', b.id)
      .execute();
    await expect(loadConnectionConfig(deps, t.id, b.id)).rejects.toThrow();
  });

  it('keeps tenants apart', async () => {
    const [a, b] = [await seedTenant(deps), await seedTenant(deps)];
    const c = await addConnection(deps, a.id, {
      name: 'prod',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    const adminB = memberActor(b.id, await seedMember(deps, b.id, 'super_admin'));
    const asB = { ...deps, actor: adminB };
    expect(await listConnections(asB, b.id)).toEqual([]);
    await expect(listConnections(asB, a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getConnection(asB, b.id, { connectionId: c.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      removeConnection(asB, b.id, { connectionId: c.id, confirmName: 'prod', keepSnapshots: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { factory, seen } = fakeFactory({ ok: true, missing: [] });
    await expect(testConnection({ ...asB, idpClientFor: factory }, b.id, { connectionId: c.id })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
    await expect(loadConnectionConfig(deps, b.id, c.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(seen).toEqual([]);
    // Names are unique per tenant only.
    await addConnection(deps, b.id, {
      name: 'prod',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    await expect(
      addConnection(deps, a.id, {
        name: 'prod',
        orgUrl: 'https://x.okta.com',
        credentials: { kind: 'ssws', token: TOKEN },
      }),
    ).rejects.toMatchObject({
      code: 'NAME_TAKEN',
      fields: { name: 'another connection is already named "prod"' },
    });
    // Surrounding spaces are trimmed before the comparison, and the refusal stores nothing.
    await expect(
      addConnection(deps, a.id, {
        name: '  prod ',
        orgUrl: 'https://x.okta.com',
        credentials: { kind: 'ssws', token: TOKEN },
      }),
    ).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    expect(await listConnections(deps, a.id)).toHaveLength(1);
  });

  it('checks permissions: admins manage, every role reads', async () => {
    const t = await seedTenant(deps);
    const c = await addConnection(deps, t.id, {
      name: 'prod',
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    const reader = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'read_only')) };
    expect(await listConnections(reader, t.id)).toHaveLength(1);
    expect((await getConnection(reader, t.id, { connectionId: c.id })).id).toBe(c.id);
    await expect(
      addConnection(reader, t.id, {
        name: 'x',
        orgUrl: 'https://x.okta.com',
        credentials: { kind: 'ssws', token: TOKEN },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      removeConnection(reader, t.id, { connectionId: c.id, confirmName: 'prod', keepSnapshots: false }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = { ...deps, actor: memberActor(t.id, await seedMember(deps, t.id, 'admin')) };
    expect(
      await removeConnection(admin, t.id, { connectionId: c.id, confirmName: 'prod', keepSnapshots: false }),
    ).toEqual({ id: c.id, removed: true, keptSnapshots: false });
    expect(await listConnections(admin, t.id)).toEqual([]);
  });

  it('rejects bad input with field errors and stores nothing', async () => {
    const t = await seedTenant(deps);
    const bad = [
      [{ name: 'x', orgUrl: 'http://acme.okta.com', credentials: { kind: 'ssws', token: TOKEN } }, 'orgUrl'],
      [
        { name: 'x', orgUrl: 'https://acme.okta.com/oauth2/default', credentials: { kind: 'ssws', token: TOKEN } },
        'orgUrl',
      ],
      [
        {
          name: 'x',
          orgUrl: 'https://acme.okta.com',
          credentials: { kind: 'oauth', clientId: '0oa1', privateKey: 'not a key' },
        },
        'credentials.privateKey',
      ],
      [{ name: '', orgUrl: 'https://acme.okta.com', credentials: { kind: 'ssws', token: TOKEN } }, 'name'],
      [{ name: 'x'.repeat(101), orgUrl: 'https://acme.okta.com', credentials: { kind: 'ssws', token: TOKEN } }, 'name'],
    ] as const;
    for (const [input, field] of bad) {
      const err = await addConnection(deps, t.id, input as never).catch((e) => e);
      expect(err, field).toMatchObject({ code: 'VALIDATION' });
      expect(Object.keys(err.fields)).toContain(field);
      expect(err.message).not.toContain(TOKEN);
    }
    expect(await listConnections(deps, t.id)).toEqual([]);
    const long = await addConnection(deps, t.id, {
      name: 'x'.repeat(101),
      orgUrl: 'https://acme.okta.com',
      credentials: { kind: 'ssws', token: TOKEN },
    }).catch((e) => e);
    expect(long.fields).toEqual({ name: 'must be at most 100 characters' });
    // 100 characters is the limit, not past it.
    expect(
      (
        await addConnection(deps, t.id, {
          name: 'x'.repeat(100),
          orgUrl: 'https://acme.okta.com',
          credentials: { kind: 'ssws', token: TOKEN },
        })
      ).name,
    ).toHaveLength(100);
  });

  it('tests through the injected client, stores the report and audits it', async () => {
    const t = await seedTenant(deps);
    const c = await addConnection(deps, t.id, {
      name: 'prod',
      orgUrl: 'http://localhost:4000',
      credentials: { kind: 'ssws', token: TOKEN },
    });
    const report: IdpAccessReport = {
      ok: false,
      connected: true,
      missing: [{ scope: 'okta.logs.read', leavesOut: ['change attribution (System Log)'] }],
    };
    const { factory, seen } = fakeFactory(report);
    const r = await testConnection({ ...deps, idpClientFor: factory }, t.id, { connectionId: c.id });
    expect(seen).toEqual([
      { provider: 'okta', orgUrl: 'http://localhost:4000', credentials: { kind: 'ssws', token: TOKEN } },
    ]);
    expect(r.report).toEqual(report);
    expect((await getConnection(deps, t.id, { connectionId: c.id })).lastTest).toEqual(report);
    expect(await auditOf(t.id)).toEqual([
      expect.objectContaining({ action: 'connection.added', outcome: 'success' }),
      { action: 'connection.tested', outcome: 'failure', data: { connected: true, missingScopes: ['okta.logs.read'] } },
    ]);
    await expect(testConnection(deps, t.id, { connectionId: c.id })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
