import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startSim, type TSimHarness } from '../../test/harness.ts';

const REDIRECT = 'http://127.0.0.1:9/sso/google/callback';
let h: TSimHarness;
beforeAll(async () => {
  h = await startSim({ redirectUris: [REDIRECT] });
});
afterAll(() => h.close());

describe('OIDC for sign-in', () => {
  it('publishes discovery without end_session_endpoint and a JWKS with max-age', async () => {
    const d = (await (await fetch(`${h.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d).toMatchObject({ issuer: h.url, jwks_uri: `${h.url}/oauth2/v3/certs`, token_endpoint: `${h.url}/token` });
    expect(d).not.toHaveProperty('end_session_endpoint');
    expect(d.code_challenge_methods_supported).toContain('S256');
    const certs = await fetch(`${h.url}/oauth2/v3/certs`);
    expect(certs.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(((await certs.json()) as { keys: unknown[] }).keys).toHaveLength(2);
  });

  it('signs in a Workspace user: ID token with hd, email_verified, nonce, verifiable against the JWKS', async () => {
    const { back, redeem } = await signIn(h, { account: h.demo.member, redirectUri: REDIRECT });
    expect(back?.searchParams.get('state')).toBe('st-1');
    expect(back?.searchParams.get('hd')).toBe(h.demo.domain);
    const res = await redeem();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id_token: string; access_token: string };
    const { payload } = await jwtVerify(body.id_token, createRemoteJWKSet(new URL(`${h.url}/oauth2/v3/certs`)), {
      issuer: h.url,
      audience: h.demo.signIn.clientId,
    });
    expect(payload).toMatchObject({
      hd: h.demo.domain,
      email: h.demo.member,
      email_verified: true,
      nonce: 'n-1',
      azp: h.demo.signIn.clientId,
    });
    expect(payload.sub).toMatch(/^1\d{20}$/);
    const info = (await (
      await fetch(`${h.url}/v1/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } })
    ).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ sub: payload.sub, hd: h.demo.domain, email: h.demo.member });
    // Sign-out is local; the access token can be revoked.
    const revoked = await fetch(`${h.url}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: body.access_token }),
    });
    expect(revoked.status).toBe(200);
    expect(
      (await fetch(`${h.url}/v1/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } })).status,
    ).toBe(401);
    expect(
      (await fetch(`${h.url}/revoke`, { method: 'POST', body: new URLSearchParams({ token: body.access_token }) }))
        .status,
    ).toBe(400);
    // A code is used once; a wrong verifier is refused.
    expect((await redeem()).status).toBe(400);
    const again = await signIn(h, { account: h.demo.member, redirectUri: REDIRECT });
    expect(((await (await again.redeem('wrong')).json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('gives consumer accounts no hd (also one on the customer’s own domain), and reports email_verified', async () => {
    for (const [account, verified] of [
      [h.demo.consumers.gmail, true],
      [h.demo.consumers.unmanaged, true],
      [h.demo.consumers.unverified, false],
    ] as const) {
      const { back, redeem } = await signIn(h, { account, redirectUri: REDIRECT, hd: h.demo.domain });
      expect(back?.searchParams.has('hd')).toBe(false);
      const claims = decodeJwt(((await (await redeem()).json()) as { id_token: string }).id_token);
      expect(claims).not.toHaveProperty('hd');
      expect(claims).toMatchObject({ email: account, email_verified: verified });
    }
    const other = await signIn(h, { account: h.demo.other.admin, redirectUri: REDIRECT });
    expect(decodeJwt(((await (await other.redeem()).json()) as { id_token: string }).id_token).hd).toBe(
      h.demo.other.domain,
    );
  });

  it('refuses suspended users, unknown redirect URIs and bad client secrets', async () => {
    expect((await signIn(h, { account: h.demo.suspended, redirectUri: REDIRECT })).chosen.status).toBe(403);
    const bad = await signIn(h, { account: h.demo.member, redirectUri: 'http://evil.test/cb' });
    expect(bad.page.status).toBe(400);
    expect(bad.chooser).toContain('redirect_uri_mismatch');
    const { back } = await signIn(h, { account: h.demo.member, redirectUri: REDIRECT });
    const res = await h.tokenResponse({
      grant_type: 'authorization_code',
      client_id: h.demo.signIn.clientId,
      client_secret: 'wrong',
      code: back!.searchParams.get('code')!,
      redirect_uri: REDIRECT,
    });
    expect(res.status).toBe(401);
  });

  it('switches to the legacy issuer form and rotates keys through the control API', async () => {
    await h.control('PATCH', '/settings', { issuerForm: 'legacy' });
    const { redeem } = await signIn(h, { account: h.demo.member, redirectUri: REDIRECT });
    const token = ((await (await redeem()).json()) as { id_token: string }).id_token;
    expect(decodeJwt(token).iss).toBe(h.url.replace(/^http:\/\//, ''));
    await h.control('PATCH', '/settings', { issuerForm: 'https' });
    const before = (await (await h.control('GET', '/keys')).json()) as { signing: string; published: string[] };
    const after = (await (await h.control('POST', '/keys/rotate')).json()) as { signing: string; published: string[] };
    expect(after.signing).toBe(before.published[1]);
    expect(after.published).not.toContain(before.signing);
    const jwks = createRemoteJWKSet(new URL(`${h.url}/oauth2/v3/certs`));
    await expect(jwtVerify(token, jwks)).rejects.toThrow();
  });
});
