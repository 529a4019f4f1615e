import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGoogleSim } from '../sim.ts';
import { startSim } from '../test/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'google-sim-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--state', () => {
  it('keeps customers, changes, the audit log, settings and keys across a restart', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startSim({ stateFile });
    const token = await first.saToken();
    await first.api('/admin/directory/v1/customer/my_customer/orgunits', token, {
      method: 'POST',
      body: { name: 'Kept', parentOrgUnitPath: '/' },
    });
    await first.control('PATCH', '/settings', { certsMaxAgeSeconds: 60 });
    const kids = (await (await first.control('GET', '/keys')).json()) as { signing: string };
    await first.close();

    const second = await startSim({ stateFile, port: Number(new URL(first.url).port) });
    const t2 = await second.saToken();
    expect((await second.api('/admin/directory/v1/customer/my_customer/orgunits/Kept', t2)).status).toBe(200);
    const log = (await (await second.api('/admin/reports/v1/activity/users/all/applications/admin', t2)).json()) as {
      items: unknown[];
    };
    expect(log.items).toHaveLength(1);
    expect(await (await second.control('GET', '/settings')).json()).toMatchObject({ certsMaxAgeSeconds: 60 });
    expect(await (await second.control('GET', '/keys')).json()).toMatchObject({ signing: kids.signing });
    const users = (await (
      await second.api('/admin/directory/v1/users?customer=my_customer&maxResults=500', t2)
    ).json()) as { users: unknown[] };
    expect(users.users).toHaveLength(200);
    await second.close();
  });

  it('refuses a file that is not a state file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"hello":1}');
    await expect(createGoogleSim({ stateFile: bad })).rejects.toThrow(/not a google-sim state file/);
  });
});
