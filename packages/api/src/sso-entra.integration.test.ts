import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { memberCaller } from './testing/member-caller.ts';

/** `sso.set` / `sso.get` with a Microsoft Entra ID client, as the dashboard's SSO page calls them. */
const { db } = await useTestDatabase();
const caller = (role: 'super_admin' | 'admin') => memberCaller(db, role, 'sso-entra');

describe('sso.set with Microsoft Entra ID', () => {
  it('stores the directory and shows kind, directory and authority back, never the secret', async () => {
    const c = await caller('super_admin');
    const tid = randomUUID();
    expect(await c.sso.set({ provider: 'entra', directoryId: tid, clientId: 'app', clientSecret: 'shh' })).toEqual({
      provider: 'entra',
      issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
      directoryId: tid,
      clientId: 'app',
      hasClientSecret: true,
    });
    const got = await c.sso.get();
    expect(got.client).toMatchObject({
      provider: 'entra',
      directoryId: tid,
      authorityUrl: 'https://login.microsoftonline.com',
      clientId: 'app',
    });
    expect(JSON.stringify(got)).not.toContain('shh');
  });

  it('refuses a directory that is not a GUID (BAD_REQUEST), and non-super-admins (FORBIDDEN)', async () => {
    const c = await caller('super_admin');
    await expect(
      c.sso.set({ provider: 'entra', directoryId: 'organizations', clientId: 'app', clientSecret: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const admin = await caller('admin');
    await expect(
      admin.sso.set({ provider: 'entra', directoryId: randomUUID(), clientId: 'app', clientSecret: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
