import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { useMswServer } from '../../testing/msw-server.ts';
import { GRAPH } from '../test/graph-handlers.ts';
import { testClient } from '../test/test-client.ts';

/**
 * What a write does when Graph fails it (recorded Graph error shapes, msw): a create is never sent
 * again after a 5xx (it may have happened; the restore looks for it instead), an idempotent PATCH
 * is, and a 429 is waited out for both (Graph did not take it).
 */
const server = useMswServer();

const LOCATIONS = `${GRAPH}/v1.0/identity/conditionalAccess/namedLocations`;
const graphError = (status: number, code: string) =>
  HttpResponse.json(
    {
      error: { code, message: 'Something happened.', innerError: { 'request-id': 'r1', date: '2026-12-07T00:00:00' } },
    },
    { status },
  );

function setup(answers: Response[]) {
  const { client } = testClient(server);
  let calls = 0;
  const next = () => answers[Math.min(calls++, answers.length - 1)]!.clone();
  // Ahead of the tenant's own handlers (msw tries the latest `use` first).
  server.use(http.post(LOCATIONS, next), http.patch(`${LOCATIONS}/:id`, next));
  return { client, calls: () => calls };
}

const location = { displayName: 'HQ', '@odata.type': '#microsoft.graph.ipNamedLocation' };

describe('Entra writes and Graph failures', () => {
  it('does not send a create again after a 5xx, and says so with a stable code', async () => {
    const { client, calls } = setup([graphError(500, 'InternalServerError'), HttpResponse.json({ id: 'n2' })]);
    const e = await client
      .writeObject({ type: 'namedLocation', id: 'n1' }, { kind: 'create', body: location })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'EntraWriteError', code: 'UNAVAILABLE' });
    expect(calls()).toBe(1);
  });

  it('sends an update again after a 5xx, and a create after a 429 without Retry-After', async () => {
    const patch = setup([graphError(502, 'BadGateway'), new HttpResponse(null, { status: 204 })]);
    await patch.client.writeObject({ type: 'namedLocation', id: 'n1' }, { kind: 'update', body: location });
    expect(patch.calls()).toBe(2);

    const post = setup([
      graphError(429, 'TooManyRequests'),
      HttpResponse.json({ id: 'n2', ...location }, { status: 201 }),
    ]);
    const made = await post.client.writeObject({ type: 'namedLocation', id: 'n1' }, { kind: 'create', body: location });
    expect(made?.id).toBe('n2');
    expect(post.calls()).toBe(2);
  });

  it('maps a conflict and a bad request to their codes, with Graph code and status', async () => {
    const { client } = setup([graphError(409, 'Request_MultipleObjectsWithSameKeyValue')]);
    const e = await client
      .writeObject({ type: 'namedLocation', id: 'n1' }, { kind: 'create', body: location })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CONFLICT', status: 409, graphCode: 'Request_MultipleObjectsWithSameKeyValue' });
  });
});
