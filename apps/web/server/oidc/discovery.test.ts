import { afterAll, describe, expect, it } from 'vitest';
import { type OutboundClient, createOutboundClient } from '@butterfly/outbound';
import { startHttpServer } from '@butterfly/outbound/testing';
import { startFakeIdp } from '../testing/fake-idp.ts';
import { createDiscovery } from './discovery.ts';
import { createIssuerProbe } from './probe-issuer.ts';

const idp = await startFakeIdp();
afterAll(() => idp.close());
const outbound = createOutboundClient({ allowPrivate: true });
afterAll(() => outbound.close());
const strictOutbound = createOutboundClient({ allowPrivate: false });

function countingFetch() {
  const calls: string[] = [];
  const counting: Pick<OutboundClient, 'request'> = {
    request: (url, init) => {
      calls.push(String(url));
      return outbound.request(url, init);
    },
  };
  return { calls, outbound: counting };
}

describe('createDiscovery', () => {
  it('reads the metadata once per issuer within the TTL, and again after it', async () => {
    let t = 0;
    const c = countingFetch();
    const discovery = createDiscovery({ outbound: c.outbound, ttlMs: 1_000, now: () => t });
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

  it('refuses a document naming another issuer, and remembers a failure for 30 s (Test connection reads afresh)', async () => {
    let t = 0;
    const c = countingFetch();
    const discovery = createDiscovery({ outbound: c.outbound, now: () => t });
    idp.metadata.issuer = 'http://evil.example.com/org';
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/names the issuer http:\/\/evil\.example\.com\/org/);
    idp.metadata.issuer = idp.issuer;
    t = 29_000;
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/names the issuer http:\/\/evil/);
    expect(c.calls).toHaveLength(1);
    t = 30_001;
    await expect(discovery.get(idp.issuer)).resolves.toMatchObject({ issuer: idp.issuer });
    expect(c.calls).toHaveLength(2);
    idp.metadata.issuer = 'http://evil.example.com/org';
    discovery.invalidate(idp.issuer);
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/evil/);
    idp.metadata.issuer = idp.issuer;
    await expect(discovery.refresh(idp.issuer)).resolves.toMatchObject({ issuer: idp.issuer });
    expect(c.calls).toHaveLength(4);
  });

  it('a dead or slow issuer costs one outbound call per 30 s, not one per request', async () => {
    const slow = await startHttpServer(() => {}); // accepts, never answers
    afterAll(() => slow.close());
    const c = countingFetch();
    const quick = { request: (url: string | URL) => c.outbound.request(url, { timeoutMs: 200 }) };
    const discovery = createDiscovery({ outbound: quick });
    const issuer = `${slow.origin}/org`;
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => discovery.get(issuer)));
    await expect(discovery.get(issuer)).rejects.toThrow(/within 200 ms/);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(c.calls).toHaveLength(1);
    expect(slow.connections).toBe(1);
  });

  it('refuses an incomplete document and an issuer that does not answer', async () => {
    const discovery = createDiscovery({ outbound });
    const jwks = idp.metadata.jwks_uri;
    delete idp.metadata.jwks_uri;
    await expect(discovery.get(idp.issuer)).rejects.toThrow(/jwks_uri/);
    idp.metadata.jwks_uri = jwks;
    await expect(discovery.get(`${idp.issuer}/nothing-here`)).rejects.toThrow(/HTTP 404/);
  });

  it('keeps to the outbound-address policy', async () => {
    const strict = createDiscovery({ outbound: strictOutbound });
    await expect(strict.get(idp.issuer)).rejects.toThrow(/private, loopback or link-local/);
  });
});

describe('createIssuerProbe', () => {
  it('reports the discovery document, endpoints, PKCE, scopes and signing keys', async () => {
    const probe = createIssuerProbe({ discovery: createDiscovery({ outbound }), outbound });
    const report = await probe(idp.issuer);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'Discovery document',
      'Endpoints',
      'PKCE (S256)',
      'Scopes',
      'Signing keys',
    ]);
    expect(report.checks.at(-1)?.detail).toContain('key-1 (RS256)');
  });

  it('says what is wrong', async () => {
    const probe = createIssuerProbe({ discovery: createDiscovery({ outbound: strictOutbound }), outbound });
    const report = await probe(idp.issuer);
    expect(report).toMatchObject({ ok: false, checks: [{ name: 'Discovery document', ok: false }] });
    expect(report.checks[0]?.detail).toMatch(/private, loopback or link-local/);
  });
});
