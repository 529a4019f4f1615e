import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim();
});
afterAll(() => h.close());

type TBatch = {
  responses: {
    id: string;
    status: number;
    headers: Record<string, string>;
    body: { error?: { code: string } } & Record<string, unknown>;
  }[];
};

describe('$batch', () => {
  it('refuses more than 20 requests', async () => {
    const token = await h.appToken();
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/organization' }));
    const res = await h.graph('/v1.0/$batch', token, { method: 'POST', body: { requests } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/limit of 20/);
    const twenty = await h.graph('/v1.0/$batch', token, { method: 'POST', body: { requests: requests.slice(0, 20) } });
    expect(((await twenty.json()) as TBatch).responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  });

  it('answers each request with its own status and headers: 200, 404, 403 and a 429 with Retry-After', async () => {
    const token = await h.appToken(h.demo.readOnly.clientId, h.demo.readOnly.secret);
    await h.control('POST', `/tenants/${h.tid}/faults`, {
      pathPrefix: '/identity/conditionalAccess/namedLocations',
      retryAfter: 7,
    });
    const res = await h.graph('/v1.0/$batch', token, {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users?$top=2&$select=id' },
          { id: '2', method: 'GET', url: '/groups/00000000-0000-4000-8000-000000000000' },
          {
            id: '3',
            method: 'POST',
            url: '/identity/conditionalAccess/policies',
            headers: { 'Content-Type': 'application/json' },
            body: { displayName: 'x', conditions: {} },
          },
          { id: '4', method: 'GET', url: '/identity/conditionalAccess/namedLocations' },
          { id: '5', method: 'GET', url: '/identity/conditionalAccess/namedLocations' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const { responses } = (await res.json()) as TBatch;
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 404],
      ['3', 403],
      ['4', 429],
      ['5', 200],
    ]);
    expect((responses[0]!.body.value as unknown[]).length).toBe(2);
    expect(responses[1]!.body.error?.code).toBe('Request_ResourceNotFound');
    expect(responses[2]!.body.error?.code).toBe('Authorization_RequestDenied');
    expect(responses[3]!.headers['retry-after']).toBe('7');
    expect(responses[0]!.headers['x-ms-resource-unit']).toBe('1');
  });
});
