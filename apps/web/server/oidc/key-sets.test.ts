import { createOutboundClient } from '@butterfly/outbound';
import { startHttpServer } from '@butterfly/outbound/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeySets } from './key-sets.ts';

const outbound = createOutboundClient({ allowPrivate: false, allowAddresses: ['127.0.0.1'] });
let answer = 503;
const jwks = await startHttpServer((_req, res) =>
  res.writeHead(answer, { 'content-type': 'application/json' }).end('{"keys":[]}'),
);
afterAll(async () => {
  outbound.close();
  await jwks.close();
});

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
});
