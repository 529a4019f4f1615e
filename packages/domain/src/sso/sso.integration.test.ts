import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { resolveSession } from '../sessions/resolve-session.ts';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addDomain } from './add-domain.ts';
import { findTenantForEmail } from './find-tenant-for-email.ts';
import { getSsoSettings, loadSsoClient } from './get-sso-settings.ts';
import { setSsoSettings } from './set-sso-settings.ts';
import { signInWithIdp } from './sign-in-with-idp.ts';
import { verifyDomain } from './verify-domain.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

async function ssoTenant(domain: string) {
  const t = await seedTenant(deps, undefined, [domain]);
  await setSsoSettings(deps, t.id, {
    issuer: 'http://127.0.0.1:4000/acme/',
    clientId: 'butterfly',
    clientSecret: 'client-secret-value',
  });
  return t;
}

describe('SSO settings and domain detection', () => {
  it('seals the client secret and never shows it back', async () => {
    const t = await ssoTenant('sealed.test');
    const raw = await db.selectFrom('tenant_sso').selectAll().where('tenant_id', '=', t.id).executeTakeFirstOrThrow();
    expect(raw.issuer).toBe('http://127.0.0.1:4000/acme');
    expect(raw.client_secret_sealed.toString('latin1')).not.toContain('client-secret-value');
    expect(JSON.stringify(await getSsoSettings(deps, t.id))).not.toContain('client-secret-value');
    expect(await loadSsoClient(deps, t.id)).toMatchObject({ clientSecret: 'client-secret-value' });
  });

  it('detects a tenant only by a verified domain, case- and IDN-insensitively', async () => {
    const t = await ssoTenant('detect.test');
    await expect(findTenantForEmail(deps, 'ann@detect.test')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await verifyDomain(deps, t.id, { domain: 'detect.test', method: 'operator' });
    expect(await findTenantForEmail(deps, 'Ann@DETECT.test')).toMatchObject({ tenantId: t.id });
    await expect(findTenantForEmail(deps, 'ann@unknown.test')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('verifies a domain by its DNS TXT record, and not without it', async () => {
    const t = await ssoTenant('dns.test');
    const admin = await seedMember(deps, t.id, 'super_admin');
    const asAdmin = { ...deps, actor: memberActor(t.id, admin) };
    const { txtRecord } = await addDomain(asAdmin, t.id, { domain: 'sub.dns.test' });
    const records: Record<string, string[][]> = {};
    const resolveTxt = async (name: string) => records[name] ?? [];
    await expect(
      verifyDomain({ ...asAdmin, resolveTxt }, t.id, { domain: 'sub.dns.test', method: 'dns' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    records['sub.dns.test'] = [['v=spf1 -all'], [txtRecord.slice(0, 20), txtRecord.slice(20)]];
    expect(
      await verifyDomain({ ...asAdmin, resolveTxt }, t.id, { domain: 'sub.dns.test', method: 'dns' }),
    ).toMatchObject({ domain: 'sub.dns.test' });
    await expect(verifyDomain(asAdmin, t.id, { domain: 'dns.test', method: 'operator' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('sign-in with the IdP', () => {
  it('creates the member just in time at read_only, then finds them by subject', async () => {
    const t = await ssoTenant('jit.test');
    await verifyDomain(deps, t.id, { domain: 'jit.test', method: 'operator' });
    const first = await signInWithIdp(deps, t.id, { subject: '00u1', email: 'Ann@jit.test', givenName: 'Ann' });
    expect(first.member).toMatchObject({ email: 'ann@jit.test', role: 'read_only' });
    const principal = await resolveSession(deps, first.session.raw);
    expect(principal).toMatchObject({ tenantId: t.id, email: 'ann@jit.test', role: 'read_only', authMethod: 'sso' });
    const second = await signInWithIdp(deps, t.id, { subject: '00u1', email: 'ann@jit.test' });
    expect(second.member.id).toBe(first.member.id);
    expect(second.session.raw).not.toBe(first.session.raw);
    const rows = await db
      .selectFrom('members')
      .select(['role_source', 'idp_subject'])
      .where('tenant_id', '=', t.id)
      .execute();
    expect(rows).toEqual([{ role_source: 'jit', idp_subject: '00u1' }]);
  });

  it('refuses an email outside the tenant’s verified domains, and deactivated members', async () => {
    const t = await ssoTenant('refuse.test');
    await verifyDomain(deps, t.id, { domain: 'refuse.test', method: 'operator' });
    await expect(signInWithIdp(deps, t.id, { subject: 'x', email: 'eve@other.test' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const m = await seedMember(deps, t.id, 'auditor', 'gone@refuse.test');
    await db.updateTable('members').set({ active: false }).where('id', '=', m.id).execute();
    await expect(signInWithIdp(deps, t.id, { subject: 'g', email: 'gone@refuse.test' })).rejects.toMatchObject({
      code: 'MEMBER_INACTIVE',
    });
    expect(await db.selectFrom('sessions').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
  });

  it('handles two simultaneous first sign-ins of one person', async () => {
    const t = await ssoTenant('race.test');
    await verifyDomain(deps, t.id, { domain: 'race.test', method: 'operator' });
    const both = await Promise.all(
      [1, 2].map(() => signInWithIdp(deps, t.id, { subject: 'r1', email: 'r@race.test' })),
    );
    expect(both[0]!.member.id).toBe(both[1]!.member.id);
  });
});
