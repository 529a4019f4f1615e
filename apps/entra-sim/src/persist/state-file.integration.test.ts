import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createEntraSim } from '../sim.ts';
import { GRAPH_SCOPE, startSim } from '../test/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'entra-sim-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--state', () => {
  it('keeps tenants, objects, deleted items, apps (secrets and certificates) and keys across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSim({ stateFile });
    const token = await first.appToken();
    const policy = (await (
      await first.graph('/v1.0/identity/conditionalAccess/policies', token, {
        method: 'POST',
        body: { displayName: 'Kept', conditions: {} },
      })
    ).json()) as { id: string };
    const app = (await (
      await first.graph('/v1.0/applications', token, { method: 'POST', body: { displayName: 'Deleted then kept' } })
    ).json()) as { id: string };
    await first.graph(`/v1.0/applications/${app.id}`, token, { method: 'DELETE' });
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const cert = (await (
      await first.control('POST', `/tenants/${first.tid}/apps`, {
        certificate: await exportSPKI(publicKey),
        roles: ['Policy.Read.All'],
      })
    ).json()) as { clientId: string; certificateThumbprint: string };
    const bench = (await (await first.control('POST', '/tenants', { name: 'kept', users: 3 })).json()) as {
      id: string;
    };
    await first.close();

    // The same port, as under `pnpm start`: the issuer of old tokens contains it.
    const second = await startSim({ stateFile, port: Number(new URL(first.url).port) });
    // The signing keys came back: a token from before the restart still works.
    const kept = await second.graph(`/v1.0/identity/conditionalAccess/policies/${policy.id}`, token);
    expect([kept.status, await kept.text()]).toEqual([200, expect.any(String)]);
    const deleted = (await (
      await second.graph('/v1.0/directory/deletedItems/microsoft.graph.application', token)
    ).json()) as { value: { id: string }[] };
    expect(deleted.value.map((d) => d.id)).toContain(app.id);
    expect((await second.control('GET', `/tenants/${bench.id}`)).status).toBe(200);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', x5t: cert.certificateThumbprint })
      .setIssuer(cert.clientId)
      .setSubject(cert.clientId)
      .setAudience(`${second.url}/${second.tid}/oauth2/v2.0/token`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await second.tokenResponse({
      grant_type: 'client_credentials',
      client_id: cert.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: GRAPH_SCOPE,
    });
    expect(res.status).toBe(200);
    expect(await second.appToken()).toBeTruthy();
    await second.close();
  });

  it('refuses a file that is not a state file instead of seeding over it', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello":1}');
    await expect(createEntraSim({ stateFile: bad })).rejects.toThrow(/not an entra-sim state file/);
  });
});
