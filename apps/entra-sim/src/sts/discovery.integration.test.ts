import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim();
});
afterAll(() => h.close());

const json = async (url: string) => (await fetch(url)).json() as Promise<Record<string, unknown>>;
const kids = async (h: TSimHarness) =>
  ((await json(`${h.url}/${h.tid}/discovery/v2.0/keys`)).keys as { kid: string }[]).map((k) => k.kid);

describe('v2.0 discovery', () => {
  it("a tenant's metadata names its own issuer and endpoints", async () => {
    const meta = await json(`${h.url}/${h.tid}/v2.0/.well-known/openid-configuration`);
    expect(meta.issuer).toBe(`${h.url}/${h.tid}/v2.0`);
    expect(meta.jwks_uri).toBe(`${h.url}/${h.tid}/discovery/v2.0/keys`);
    expect(meta.end_session_endpoint).toBe(`${h.url}/${h.tid}/oauth2/v2.0/logout`);
    expect(meta.response_modes_supported).toContain('form_post');
    // By verified domain too.
    expect((await json(`${h.url}/${h.demo.customDomain}/v2.0/.well-known/openid-configuration`)).issuer).toBe(
      meta.issuer,
    );
  });

  it('common and organizations advertise the literal {tenantid} issuer', async () => {
    for (const name of ['common', 'organizations'])
      expect((await json(`${h.url}/${name}/v2.0/.well-known/openid-configuration`)).issuer).toBe(
        `${h.url}/{tenantid}/v2.0`,
      );
  });

  it('an unknown tenant is AADSTS90002', async () => {
    const res = await fetch(`${h.url}/nobody.onmicrosoft.com/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error_codes: number[] }).error_codes).toEqual([90002]);
  });
});

describe('signing keys', () => {
  it('the JWKS holds two RSA keys; a roll signs with the already-published one', async () => {
    const before = await kids(h);
    expect(before).toHaveLength(2);
    const token = await h.appToken();
    expect((await h.graph('/v1.0/organization', token)).status).toBe(200);
    const rolled = (await (await h.control('POST', '/keys/roll', {})).json()) as { signingKid: string; kids: string[] };
    expect(before).toContain(rolled.signingKid);
    expect(rolled.signingKid).toBe(before[1]);
    const after = await kids(h);
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[1]);
    // The key that signed the old token left the JWKS: Graph refuses it.
    const old = await h.graph('/v1.0/organization', token);
    expect(old.status).toBe(401);
    expect(((await old.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
    const header = JSON.parse(Buffer.from((await h.appToken()).split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(rolled.signingKid);
  });

  it('an emergency roll signs with a kid no cached JWKS has', async () => {
    const before = await kids(h);
    const rolled = (await (await h.control('POST', '/keys/roll', { emergency: true })).json()) as {
      signingKid: string;
    };
    expect(before).not.toContain(rolled.signingKid);
    expect(await kids(h)).toContain(rolled.signingKid);
  });
});
