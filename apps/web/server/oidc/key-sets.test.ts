import { createOutboundClient } from '@butterfly/outbound';
import { startHttpServer } from '@butterfly/outbound/testing';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_KEYS_TTL_MS, MAX_KEYS_TTL_MS, MIN_KEYS_TTL_MS, createKeySets, keysTtlMs } from './key-sets.ts';

const outbound = createOutboundClient({ allowPrivate: false, allowAddresses: ['127.0.0.1'] });
let answer = 503;
const jwks = await startHttpServer((_req, res) =>
  res.writeHead(answer, { 'content-type': 'application/json' }).end('{"keys":[]}'),
);
const { publicKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
/** A JWKS of one key, answered with whatever Cache-Control the test sets; its requests counted. */
let cacheControl: string | undefined;
let certsRequests = 0;
const certs = await startHttpServer((_req, res) => {
  certsRequests++;
  res
    .writeHead(200, { 'content-type': 'application/json', ...(cacheControl ? { 'cache-control': cacheControl } : {}) })
    .end(JSON.stringify({ keys: [jwk] }));
});
afterAll(async () => {
  outbound.close();
  await jwks.close();
  await certs.close();
});
const noToken = { payload: '', signature: '' } as never;

describe('createKeySets', () => {
  it('remembers a failed JWKS fetch for 30 s: forged logout tokens cannot make us call a dead IdP each time', async () => {
    let t = 0;
    const keys = createKeySets({ outbound, now: () => t }).forUri(`${jwks.origin}/keys`);
    const header = { alg: 'RS256', kid: 'k1' };
    for (let i = 0; i < 3; i++)
      await expect(keys(header, { payload: '', signature: '' } as never)).rejects.toThrow(/200 OK/);
    expect(jwks.connections).toBe(1);
    t = 30_001;
    answer = 200;
    // Fetched again after the TTL: the set is now empty, so the kid is not found (an answer about the token).
    await expect(keys(header, { payload: '', signature: '' } as never)).rejects.toThrow(/no applicable key/);
  });

  it("keeps the keys for the response's Cache-Control max-age, then fetches them again", async () => {
    let t = 0;
    cacheControl = 'public, max-age=19998, must-revalidate, no-transform';
    const keys = createKeySets({ outbound, now: () => t }).forUri(`${certs.origin}/certs-google`);
    const header = { alg: 'RS256', kid: 'k1' };
    const before = certsRequests;
    await keys(header, noToken);
    t = 19_997_000;
    await keys(header, noToken);
    expect(certsRequests).toBe(before + 1);
    t = 19_998_001;
    await keys(header, noToken);
    expect(certsRequests).toBe(before + 2);
    // The refetched answer's max-age counts from the refetch.
    t = 19_998_001 + 19_997_000;
    await keys(header, noToken);
    expect(certsRequests).toBe(before + 2);
  });

  it('keeps keys without a max-age for the default ten minutes', async () => {
    let t = 0;
    cacheControl = undefined;
    const keys = createKeySets({ outbound, now: () => t }).forUri(`${certs.origin}/certs-plain`);
    const header = { alg: 'RS256', kid: 'k1' };
    const before = certsRequests;
    await keys(header, noToken);
    t = DEFAULT_KEYS_TTL_MS - 1;
    await keys(header, noToken);
    expect(certsRequests).toBe(before + 1);
    t = DEFAULT_KEYS_TTL_MS;
    await keys(header, noToken);
    expect(certsRequests).toBe(before + 2);
  });
});

describe('keysTtlMs', () => {
  const ttl = (h: Record<string, string>) => keysTtlMs(new Headers(h));
  it('reads max-age less Age, within a minute and a day', () => {
    expect(ttl({ 'cache-control': 'public, max-age=19998, must-revalidate, no-transform' })).toBe(19_998_000);
    expect(ttl({ 'cache-control': 'max-age=3600', age: '600' })).toBe(3_000_000);
    expect(ttl({ 'cache-control': 'max-age=0' })).toBe(MIN_KEYS_TTL_MS);
    expect(ttl({ 'cache-control': 'max-age=31536000' })).toBe(MAX_KEYS_TTL_MS);
    expect(ttl({ 'cache-control': 's-maxage=9000' })).toBe(DEFAULT_KEYS_TTL_MS);
    expect(ttl({ 'cache-control': 'max-age=abc' })).toBe(DEFAULT_KEYS_TTL_MS);
    expect(ttl({})).toBe(DEFAULT_KEYS_TTL_MS);
  });
});
