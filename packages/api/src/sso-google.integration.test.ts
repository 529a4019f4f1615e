import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { memberCaller } from './testing/member-caller.ts';

/** `sso.set` / `sso.get` with a Google Workspace client, as the dashboard's SSO page calls them (decision 063). */
const { db } = await useTestDatabase();
const caller = (role: 'super_admin' | 'admin') => memberCaller(db, role, 'sso-google');

describe('sso.set with Google Workspace', () => {
  it("stores the kind with Google's issuer by default and shows it back, never the secret", async () => {
    const c = await caller('super_admin');
    expect(
      await c.sso.set({ provider: 'google', clientId: '1-x.apps.googleusercontent.com', clientSecret: 'GOCSPX-shh' }),
    ).toEqual({
      provider: 'google',
      issuer: 'https://accounts.google.com',
      directoryId: null,
      clientId: '1-x.apps.googleusercontent.com',
      hasClientSecret: true,
    });
    const got = await c.sso.get();
    expect(got.client).toMatchObject({
      provider: 'google',
      issuer: 'https://accounts.google.com',
      directoryId: null,
      authorityUrl: null,
    });
    expect(JSON.stringify(got)).not.toContain('GOCSPX-shh');
    // Another issuer (google-sim), keeping the stored secret.
    expect(await c.sso.set({ provider: 'google', issuer: 'http://127.0.0.1:25014', clientId: 'c' })).toMatchObject({
      provider: 'google',
      issuer: 'http://127.0.0.1:25014',
    });
  });

  it('refuses an issuer in host form (BAD_REQUEST), and non-super-admins (FORBIDDEN)', async () => {
    const c = await caller('super_admin');
    await expect(
      c.sso.set({ provider: 'google', issuer: 'accounts.google.com', clientId: 'c', clientSecret: 'x' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await c.sso.get()).client).toBeNull();
    const admin = await caller('admin');
    await expect(admin.sso.set({ provider: 'google', clientId: 'c', clientSecret: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
