import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCOPE } from '../scopes.ts';
import { JWT_BEARER, startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim();
});
afterAll(() => h.close());

const grant = async (assertion: string) => {
  const res = await h.tokenResponse({ grant_type: JWT_BEARER, assertion });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('POST /token, service-account JWT-bearer grant', () => {
  it('hands out a key file and exchanges a delegated assertion for a bearer token', async () => {
    const key = await h.keyFile();
    expect(key).toMatchObject({
      type: 'service_account',
      client_email: h.demo.backup.email,
      client_id: h.demo.backup.clientId,
      token_uri: `${h.url}/token`,
    });
    expect(key.private_key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const { status, body } = await grant(await h.assertion());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(String(body.access_token)).toMatch(/^ya29\./);
    // Google's own token URL is accepted as the audience too.
    expect((await grant(await h.assertion({ claims: { aud: 'https://oauth2.googleapis.com/token' } }))).status).toBe(
      200,
    );
  });

  it('answers 401 unauthorized_client when delegation lacks a scope or the customer never granted it', async () => {
    const writes = await grant(await h.assertion({ sa: h.demo.readOnly.email, scopes: [SCOPE.user] }));
    expect(writes).toEqual({
      status: 401,
      body: {
        error: 'unauthorized_client',
        error_description:
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      },
    });
    expect((await grant(await h.assertion({ sa: h.demo.readOnly.email, scopes: [SCOPE.userRead] }))).status).toBe(200);
    const other = await grant(await h.assertion({ sub: h.demo.other.admin, scopes: [SCOPE.userRead] }));
    expect(other.status).toBe(401);
    expect(other.body.error).toBe('unauthorized_client');
  });

  it('checks signature, audience, lifetime, scope and subject', async () => {
    const forged = await h.assertion({ claims: { iss: h.demo.readOnly.email } });
    expect((await grant(forged)).body).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    const aud = await grant(await h.assertion({ claims: { aud: 'https://example.test/token' } }));
    expect(aud.status).toBe(400);
    expect(aud.body.error_description).toMatch(/audience/);
    const now = Math.floor(Date.now() / 1000);
    const long = await grant(await h.assertion({ claims: { iat: now, exp: now + 7200 } }));
    expect(long.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/short-lived/),
    });
    const expired = await grant(await h.assertion({ claims: { iat: now - 7200, exp: now - 3600 } }));
    expect(expired.body.error).toBe('invalid_grant');
    expect((await grant(await h.assertion({ scopes: [] }))).body.error).toBe('invalid_scope');
    expect((await grant(await h.assertion({ sub: 'nobody@butterfly-demo.test' }))).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid email or User ID',
    });
    expect((await grant(await h.assertion({ sub: h.demo.suspended }))).body.error).toBe('invalid_grant');
    expect((await grant(await h.assertion({ claims: { iss: 'ghost@x.iam.gserviceaccount.com' } }))).body.error).toBe(
      'invalid_grant',
    );
    expect((await grant('not-a-jwt')).status).toBe(400);
    const bad = await h.tokenResponse({ grant_type: 'password' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('lets a service account act as itself (no sub), and an injected fault answers once', async () => {
    expect((await grant(await h.assertion({ sub: null, scopes: [SCOPE.groupsSettings] }))).status).toBe(200);
    await h.control('POST', '/faults', { api: 'token', reason: 'temporarily_unavailable', status: 503 });
    expect((await grant(await h.assertion())).status).toBe(503);
    expect((await grant(await h.assertion())).status).toBe(200);
  });

  it('a delegated admin token reads the directory; a non-super-admin subject is refused there', async () => {
    const token = await h.saToken();
    const customer = await h.api('/admin/directory/v1/customers/my_customer', token);
    expect(customer.status).toBe(200);
    expect(await customer.json()).toMatchObject({
      kind: 'admin#directory#customer',
      id: h.demo.customerId,
      customerDomain: h.demo.domain,
    });
    const helpdesk = await h.saToken({ sub: h.demo.helpdesk });
    const denied = await h.api('/admin/directory/v1/customers/my_customer', helpdesk);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: 403, errors: [{ reason: 'forbidden' }] } });
    const none = await h.api('/admin/directory/v1/customers/my_customer', 'ya29.nope');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] },
    });
    const narrow = await h.saToken({ scopes: [SCOPE.groupRead] });
    const scopes = await h.api('/admin/directory/v1/customers/my_customer', narrow);
    expect(scopes.status).toBe(403);
    expect(await scopes.json()).toMatchObject({ error: { errors: [{ reason: 'insufficientPermissions' }] } });
  });
});
