import { afterAll, describe, expect, it } from 'vitest';
import { createSafeFetch } from '../outbound/safe-fetch.ts';
import { startFakeIdp } from '../testing/fake-idp.ts';
import { createDiscovery } from './discovery.ts';
import { createIssuerProbe } from './probe-issuer.ts';

const idp = await startFakeIdp();
afterAll(() => idp.close());
const fetch = createSafeFetch({ allowPrivate: true });

function countingFetch() {
  const calls: string[] = [];
  const counting: typeof fetch = (url, init) => {
    calls.push(String(url));
    return fetch(url, init);
  };
  return { calls, fetch: counting };
}

describe('createDiscovery', () => {
  it('reads the metadata once per issuer within the TTL, and again after it', async () => {
    let t = 0;
    const c = countingFetch();
    const discovery = createDiscovery({ fetch: c.fetch, ttlMs: 1_000, now: () => t });
    expect((await discovery.get(`${idp.issuer}/`)).token_endpoint).toBe(`${idp.issuer}/token`);
    await discovery.get(idp.issuer);
    expect(c.calls).toHaveLength(1);
    t = 1_001;
    await discovery.get(idp.issuer);
    expect(c.calls).toHaveLength(2);
    discovery.invalidate(idp.issuer);
    await discovery.get(idp.issuer);
    expect(c.calls).toHaveLength(3);
  });

  it('refuses a document naming another issuer, and does not cache failures', async () => {
    const c = countingFetch();
    const discovery = createDiscovery({ fetch: c.fetch });
    idp.metadata.issuer = 'http://evil.example.com/org';
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/names the issuer http:\/\/evil\.example\.com\/org/);
    idp.metadata.issuer = idp.issuer;
    await expect(discovery.get(idp.issuer)).resolves.toMatchObject({ issuer: idp.issuer });
    expect(c.calls).toHaveLength(2);
  });

  it('refuses an incomplete document and an issuer that does not answer', async () => {
    const discovery = createDiscovery({ fetch });
    const jwks = idp.metadata.jwks_uri;
    delete idp.metadata.jwks_uri;
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/jwks_uri/);
    idp.metadata.jwks_uri = jwks;
    await expect(discovery.get(`${idp.issuer}/nothing-here`)).rejects.toThrow(/HTTP 404/);
  });

  it('keeps to the outbound-address policy', async () => {
    const strict = createDiscovery({ fetch: createSafeFetch({ allowPrivate: false }) });
    await expect(strict.get(idp.issuer)).rejects.toThrow(/private, loopback or link-local/);
  });
});

describe('createIssuerProbe', () => {
  it('reports the discovery document, endpoints, PKCE, scopes and signing keys', async () => {
    const probe = createIssuerProbe({ discovery: createDiscovery({ fetch }), fetch });
    const report = await probe(idp.issuer);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(['Discovery document', 'Endpoints', 'PKCE (S256)', 'Scopes', 'Signing keys']);
    expect(report.checks.at(-1)?.detail).toContain('key-1 (RS256)');
  });

  it('says what is wrong', async () => {
    const probe = createIssuerProbe({ discovery: createDiscovery({ fetch: createSafeFetch({ allowPrivate: false }) }), fetch });
    const report = await probe(idp.issuer);
    expect(report).toMatchObject({ ok: false, checks: [{ name: 'Discovery document', ok: false }] });
    expect(report.checks[0]?.detail).toMatch(/private, loopback or link-local/);
  });
});
