import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { setSsoSettings } from './set-sso-settings.ts';
import { type IssuerProbe, testSsoConnection } from './test-sso-connection.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('testSsoConnection', () => {
  it('probes the issuer typed in, else the stored one, for super_admins', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin');
    const admin = await seedMember(deps, t.id, 'admin');
    const probed: string[] = [];
    const probeIssuer: IssuerProbe = async (issuer) => {
      probed.push(issuer);
      return { ok: true, checks: [{ name: 'discovery', ok: true, detail: 'found' }] };
    };
    const asBoss = { ...deps, actor: memberActor(t.id, boss), probeIssuer };
    await expect(testSsoConnection(asBoss, t.id)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await testSsoConnection(asBoss, t.id, { issuer: 'https://typed.example.com/' })).toMatchObject({
      issuer: 'https://typed.example.com',
      ok: true,
    });
    await setSsoSettings(deps, t.id, { issuer: 'https://stored.example.com', clientId: 'c', clientSecret: 's' });
    await testSsoConnection(asBoss, t.id);
    expect(probed).toEqual(['https://typed.example.com', 'https://stored.example.com']);
    await expect(testSsoConnection(asBoss, t.id, { issuer: 'ftp://x.example.com' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(testSsoConnection({ ...asBoss, actor: memberActor(t.id, admin) }, t.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(probed).toHaveLength(2);
  });
});
