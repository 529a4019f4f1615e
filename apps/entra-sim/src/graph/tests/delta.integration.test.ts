import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim();
  token = await h.appToken();
});
afterAll(() => h.close());

type TObj = Record<string, unknown> & { id: string };
type TPage = { value: TObj[]; '@odata.deltaLink'?: string; error?: { code: string } };
const get = async (path: string) => (await (await h.graph(path, token)).json()) as TPage;
const send = (method: string, path: string, body?: unknown) => h.graph(path, token, { method, body });
const rel = (link: string) => link.slice(link.indexOf('/v1.0/'));

describe('delta queries', () => {
  it('latest, then only what changed: updated objects whole, deleted ones @removed, and a new link', async () => {
    const all = await get('/v1.0/groups/delta');
    expect(all.value.length).toBeGreaterThan(2);
    const latest = await get('/v1.0/groups/delta?$deltatoken=latest');
    expect(latest.value).toEqual([]);
    expect(latest['@odata.deltaLink']).toMatch(/\/v1\.0\/groups\/delta\?\$deltatoken=/);
    const [a, b] = all.value;
    expect((await send('PATCH', `/v1.0/groups/${a!.id}`, { description: 'Delta tester' })).status).toBe(204);
    expect((await send('DELETE', `/v1.0/groups/${b!.id}`)).status).toBe(204);
    // A change elsewhere is not in the groups' delta.
    const app = (await get('/v1.0/applications')).value[0]!;
    expect((await send('PATCH', `/v1.0/applications/${app.id}`, { notes: 'x' })).status).toBe(204);
    const changed = await get(rel(latest['@odata.deltaLink']!));
    expect(changed.value).toEqual([
      expect.objectContaining({ id: a!.id, description: 'Delta tester' }),
      { id: b!.id, '@removed': { reason: 'changed' } },
    ]);
    const again = await get(rel(changed['@odata.deltaLink']!));
    expect(again.value).toEqual([]);
  });

  it('administrative units at administrativeUnits/delta; an unknown token is 400 syncStateNotFound', async () => {
    expect((await get('/v1.0/administrativeUnits/delta?$deltatoken=latest'))['@odata.deltaLink']).toBeTruthy();
    const res = await h.graph('/v1.0/groups/delta?$deltatoken=made-up', token);
    expect(res.status).toBe(400);
    expect(((await res.json()) as TPage).error?.code).toBe('syncStateNotFound');
  });
});
