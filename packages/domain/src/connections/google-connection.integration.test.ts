import { generateKeyPairSync } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { googleServiceAccountKey, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addGoogleConnection } from './add-google-connection.ts';
import { loadConnectionConfig } from './load-connection-config.ts';
import { setWriteCredential } from './set-write-credential.ts';
import { updateConnection } from './update-connection.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const keyFile = (o: Record<string, unknown> = {}) => googleServiceAccountKey({ private_key: pem, ...o });

const base = { name: 'workspace', primaryDomain: 'Initech.example', adminEmail: 'Ops-Admin@initech.example' };

async function refusal(p: Promise<unknown>) {
  const e = await p.catch((x) => x);
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('Google Workspace connections (decision 062)', () => {
  it('adds one with the key sealed, Google defaults, and an audit entry without the key', async () => {
    const t = await seedTenant(deps);
    const c = await addGoogleConnection(deps, t.id, { ...base, serviceAccountKey: keyFile() });
    expect(c).toMatchObject({
      provider: 'google',
      authKind: 'service_account',
      orgUrl: 'https://admin.googleapis.com',
      directoryId: 'initech.example',
      loginUrl: 'https://oauth2.googleapis.com/token',
      adminEmail: 'ops-admin@initech.example',
      clientId: '104328771052812345678',
      keyId: '3f1d9c0e7a2b4c5d6e7f8091a2b3c4d5e6f70812',
    });
    const row = await db.selectFrom('connections').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    const body = pem.split('\n')[1]!;
    expect(JSON.stringify(row)).not.toContain(body);
    const audit = await db.selectFrom('audit_events').select('data').where('tenant_id', '=', t.id).execute();
    expect(JSON.stringify(audit)).not.toContain(body);
    expect(audit.map((a) => a.data)).toContainEqual(
      expect.objectContaining({
        provider: 'google',
        serviceAccount: 'butterfly-backup@initech-backup.iam.gserviceaccount.com',
        adminEmail: 'ops-admin@initech.example',
      }),
    );
    expect(await loadConnectionConfig(deps, t.id, c.id)).toEqual({
      provider: 'google',
      primaryDomain: 'initech.example',
      adminEmail: 'ops-admin@initech.example',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      apiUrl: 'https://admin.googleapis.com',
      credentials: {
        kind: 'service_account',
        clientEmail: 'butterfly-backup@initech-backup.iam.gserviceaccount.com',
        clientId: '104328771052812345678',
        privateKeyId: '3f1d9c0e7a2b4c5d6e7f8091a2b3c4d5e6f70812',
        privateKey: pem,
      },
    });
    // A Google restore writes with the same service account (decision 066): no write credential.
    expect((await refusal(setWriteCredential(deps, t.id, { connectionId: c.id, credentials: null }))).code).toBe(
      'VALIDATION',
    );
  });

  it("replaces the service account's key (rotation): sealed, the last test voided, audited without the key", async () => {
    const t = await seedTenant(deps);
    const c = await addGoogleConnection(deps, t.id, { ...base, serviceAccountKey: keyFile() });
    const next = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const newKeyId = '9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5';
    // Not a key: refused with the reason, nothing changed.
    const bad = await refusal(
      updateConnection(deps, t.id, {
        connectionId: c.id,
        credentials: { kind: 'service_account', serviceAccountKey: '{"type":"authorized_user"}' },
      }),
    );
    expect([bad.code, bad.fields]).toEqual([
      'SERVICE_ACCOUNT_KEY_INVALID',
      { serviceAccountKey: 'NOT_SERVICE_ACCOUNT' },
    ]);
    // Another provider's credential kind: VALIDATION.
    const wrong = await refusal(
      updateConnection(deps, t.id, {
        connectionId: c.id,
        credentials: { kind: 'client_secret', clientSecret: 'entra-secret-long-enough' },
      }),
    );
    expect([wrong.code, wrong.message]).toEqual([
      'VALIDATION',
      "A Google connection's credential is its service account's JSON key",
    ]);
    expect((await loadConnectionConfig(deps, t.id, c.id)).credentials).toMatchObject({ privateKey: pem });

    const updated = await updateConnection(deps, t.id, {
      connectionId: c.id,
      credentials: {
        kind: 'service_account',
        serviceAccountKey: keyFile({ private_key: next, private_key_id: newKeyId }),
      },
    });
    expect(updated).toMatchObject({ authKind: 'service_account', clientId: '104328771052812345678', keyId: newKeyId });
    expect((await loadConnectionConfig(deps, t.id, c.id)).credentials).toMatchObject({
      kind: 'service_account',
      privateKeyId: newKeyId,
      privateKey: next,
    });
    const audit = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.id)
      .where('action', '=', 'connection.updated')
      .execute();
    expect(audit.map((a) => a.data)).toEqual([
      expect.objectContaining({
        credentialsReplaced: true,
        keyId: newKeyId,
        serviceAccount: 'butterfly-backup@initech-backup.iam.gserviceaccount.com',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(next.split('\n')[1]!);
  });

  it('takes a simulator on loopback for both URLs', async () => {
    const t = await seedTenant(deps);
    const c = await addGoogleConnection(deps, t.id, {
      ...base,
      serviceAccountKey: keyFile(),
      tokenUrl: 'http://127.0.0.1:24014/token',
      apiUrl: 'http://127.0.0.1:24014/',
    });
    expect(c).toMatchObject({ orgUrl: 'http://127.0.0.1:24014', loginUrl: 'http://127.0.0.1:24014/token' });
  });

  it.each([
    ['NOT_JSON', '-----BEGIN PRIVATE KEY-----'],
    ['NOT_SERVICE_ACCOUNT', keyFile({ type: 'authorized_user' })],
    ['MISSING_FIELDS', keyFile({ private_key: undefined })],
    ['MISSING_FIELDS', keyFile({ client_id: 'not-numeric' })],
    ['BAD_PRIVATE_KEY', keyFile({ private_key: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n' })],
    ['TOO_LARGE', ' '.repeat(30_000)],
  ])('refuses a key file: %s, and stores nothing', async (reason, text) => {
    const t = await seedTenant(deps);
    const e = await refusal(addGoogleConnection(deps, t.id, { ...base, serviceAccountKey: text }));
    expect(e.code).toBe('SERVICE_ACCOUNT_KEY_INVALID');
    expect(e.fields).toEqual({ serviceAccountKey: reason });
    expect(e.message).not.toContain('BEGIN');
    expect(await db.selectFrom('connections').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
  });

  it('refuses a bad domain, admin email or URL with VALIDATION', async () => {
    const t = await seedTenant(deps);
    const e = await refusal(
      addGoogleConnection(deps, t.id, {
        name: 'x',
        primaryDomain: 'not a domain',
        adminEmail: 'nobody',
        serviceAccountKey: keyFile(),
        apiUrl: 'http://admin.example.com',
      }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fields ?? {}).sort()).toEqual(['adminEmail', 'apiUrl', 'primaryDomain']);
  });
});
