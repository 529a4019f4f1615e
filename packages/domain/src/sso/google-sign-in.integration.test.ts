import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { deactivateMember } from '../members/deactivate-member.ts';
import { seedMember, seedSsoTenant, seedTenant, testDeps } from '../testing/fixtures.ts';
import { addDomain } from './add-domain.ts';
import { findTenantForEmail } from './find-tenant-for-email.ts';
import { getSsoSettings, loadSsoClient } from './get-sso-settings.ts';
import { setSsoSettings } from './set-sso-settings.ts';
import { signInWithIdp } from './sign-in-with-idp.ts';
import { verifyDomain } from './verify-domain.ts';

/** Google Workspace sign-in in the domain (decision 063): settings, the `hd` check, keys and links. */
const { db } = await useTestDatabase();
const deps = testDeps(db);

let n = 0;
/** A tenant that signs in with Google, with a verified primary domain and a verified secondary one. */
async function googleTenant() {
  const [domain, secondary] = [`gw${n}.test`, `gw${n++}-alias.test`];
  const sso = { provider: 'google' as const, clientId: 'bfy.apps.googleusercontent.com', clientSecret: 's' };
  return { ...(await seedSsoTenant(deps, sso, [domain, secondary])), secondary };
}

const googleSub = () => String(100_000_000_000_000_000_000n + BigInt(`0x${randomBytes(8).toString('hex')}`));

const refusals = (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'sso.sign_in_refused')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => r.data as Record<string, unknown>));

const membersOf = (tenantId: string) =>
  db.selectFrom('members').select(['id', 'email']).where('tenant_id', '=', tenantId).execute();

describe('Google SSO settings', () => {
  it("defaults the issuer to Google's, keeps a configured one, and shows the kind back", async () => {
    const t = await seedTenant(deps);
    expect(await setSsoSettings(deps, t.id, { provider: 'google', clientId: 'c', clientSecret: 'x' })).toEqual({
      provider: 'google',
      issuer: 'https://accounts.google.com',
      directoryId: null,
      clientId: 'c',
      hasClientSecret: true,
    });
    expect((await getSsoSettings(deps, t.id)).client).toMatchObject({ provider: 'google', directoryId: null });
    await setSsoSettings(deps, t.id, { provider: 'google', issuer: 'http://127.0.0.1:25014/', clientId: 'c' });
    expect(await loadSsoClient(deps, t.id)).toMatchObject({
      provider: 'google',
      issuer: 'http://127.0.0.1:25014',
      clientSecret: 'x',
    });
  });

  it('refuses an issuer that is not an http(s) URL with VALIDATION on issuer, storing nothing', async () => {
    const t = await seedTenant(deps);
    await expect(
      setSsoSettings(deps, t.id, {
        provider: 'google',
        issuer: 'accounts.google.com',
        clientId: 'c',
        clientSecret: 'x',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { issuer: expect.any(String) } });
    expect(await loadSsoClient(deps, t.id)).toBeNull();
  });

  it("detects a Google tenant by any of its verified domains (the login page's routing)", async () => {
    const t = await googleTenant();
    expect(await findTenantForEmail(deps, `Ann@${t.secondary.toUpperCase()}`)).toMatchObject({ tenantId: t.id });
    await addDomain(deps, t.id, { domain: `unverified${n}.test` });
    await expect(findTenantForEmail(deps, `ann@unverified${n}.test`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('Google sign-in (domain)', () => {
  it('creates the member just in time at read_only keyed on sub, and finds them by sub after an email change', async () => {
    const t = await googleTenant();
    const sub = googleSub();
    const first = await signInWithIdp(deps, t.id, { subject: sub, email: `ann@${t.domain}`, google: { hd: t.domain } });
    expect(first.member).toMatchObject({ email: `ann@${t.domain}`, role: 'read_only' });
    const row = await db
      .selectFrom('members')
      .select(['google_sub', 'idp_subject', 'role_source'])
      .where('id', '=', first.member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ google_sub: sub, idp_subject: null, role_source: 'jit' });
    // Renamed in Google Workspace (and onto the secondary domain): the same member.
    const again = await signInWithIdp(deps, t.id, {
      subject: sub,
      email: `ann.b@${t.secondary}`,
      google: { hd: t.secondary },
    });
    expect(again.member.id).toBe(first.member.id);
    expect(await membersOf(t.id)).toHaveLength(1);
  });

  it('refuses a consumer account (no hd) with SSO_HD_MISSING, even with an email on a verified domain, and audits it', async () => {
    const t = await googleTenant();
    await expect(
      signInWithIdp(deps, t.id, {
        subject: googleSub(),
        email: `ceo@${t.domain}`,
        emailVerified: true,
        google: { hd: null },
      }),
    ).rejects.toMatchObject({ code: 'SSO_HD_MISSING' });
    expect(await refusals(t.id)).toEqual([{ reason: 'google_hd_missing', email: `ceo@${t.domain}` }]);
    expect(await membersOf(t.id)).toEqual([]);
    expect(await db.selectFrom('sessions').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
  });

  it("refuses an hd of another customer, or one of the tenant's unverified domains, with SSO_WRONG_DOMAIN", async () => {
    const t = await googleTenant();
    const other = await googleTenant();
    await addDomain(deps, t.id, { domain: `pending${n}.test` });
    for (const hd of [other.domain, `pending${n}.test`, 'not a domain']) {
      await expect(
        signInWithIdp(deps, t.id, { subject: googleSub(), email: `eve@${t.domain}`, google: { hd } }),
      ).rejects.toMatchObject({ code: 'SSO_WRONG_DOMAIN' });
    }
    expect((await refusals(t.id)).map((r) => [r.reason, r.hd])).toEqual([
      ['google_wrong_domain', other.domain],
      ['google_wrong_domain', `pending${n}.test`],
      ['google_wrong_domain', 'not a domain'],
    ]);
    expect(await membersOf(t.id)).toEqual([]);
    // The hd is compared as a domain: case does not matter.
    const ok = await signInWithIdp(deps, t.id, {
      subject: googleSub(),
      email: `eve@${t.domain}`,
      google: { hd: t.domain.toUpperCase() },
    });
    expect(ok.member.role).toBe('read_only');
  });

  it('refuses a Google identity at a tenant that does not sign in with Google', async () => {
    const okta = await seedTenant(deps, undefined, [`okta${n}.test`]);
    await setSsoSettings(deps, okta.id, { issuer: 'https://acme.okta.example', clientId: 'c', clientSecret: 'x' });
    await verifyDomain(deps, okta.id, { domain: `okta${n}.test`, method: 'operator' });
    await expect(
      signInWithIdp(deps, okta.id, { subject: googleSub(), email: `a@okta${n}.test`, google: { hd: `okta${n}.test` } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await refusals(okta.id)).map((r) => r.reason)).toEqual(['provider_not_google']);
  });

  it('links an existing member by email only with email_verified and the email on the hd, then pins the sub', async () => {
    const t = await googleTenant();
    const boss = await seedMember(deps, t.id, 'admin', `boss@${t.domain}`);
    const sub = googleSub();
    const as = (o: { emailVerified?: boolean; sub?: string; hd?: string }) =>
      signInWithIdp(deps, t.id, {
        subject: o.sub ?? sub,
        email: `boss@${t.domain}`,
        emailVerified: o.emailVerified,
        google: { hd: o.hd ?? t.domain },
      });
    // Not vouched for: no link.
    await expect(as({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Vouched for, but the account's hosted domain is the tenant's other domain, not the email's.
    await expect(as({ emailVerified: true, hd: t.secondary })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.selectFrom('sessions').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    const linked = await as({ emailVerified: true });
    expect(linked.member).toMatchObject({ id: boss.id, role: 'admin' });
    const row = await db
      .selectFrom('members')
      .select(['google_sub', 'idp_subject'])
      .where('id', '=', boss.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ google_sub: sub, idp_subject: null });
    // Pinned: another Google account with the same vouched-for email cannot take the member over.
    await expect(as({ emailVerified: true, sub: googleSub() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await refusals(t.id)).map((r) => r.reason)).toEqual([
      'email_not_verified',
      'google_email_not_on_hosted_domain',
      'member_pinned_to_other_google_account',
    ]);
    const links = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.id)
      .where('action', '=', 'member.idp_linked')
      .execute();
    expect(links.map((l) => l.data)).toEqual([
      { by: 'google_verified_email_hosted_domain', email: `boss@${t.domain}`, sub, hd: t.domain },
    ]);
  });

  it('refuses a deactivated member even when Google lets them through', async () => {
    const t = await googleTenant();
    const sub = googleSub();
    const first = await signInWithIdp(deps, t.id, {
      subject: sub,
      email: `gone@${t.domain}`,
      google: { hd: t.domain },
    });
    await deactivateMember(deps, t.id, { memberId: first.member.id });
    await expect(
      signInWithIdp(deps, t.id, { subject: sub, email: `gone@${t.domain}`, google: { hd: t.domain } }),
    ).rejects.toMatchObject({ code: 'MEMBER_INACTIVE' });
  });
});

describe('Google as a plain OIDC issuer', () => {
  it("is refused: without the hd check any Google account would sign in, so Google's issuer needs provider google", async () => {
    const t = await seedTenant(deps);
    for (const issuer of ['https://accounts.google.com', 'https://ACCOUNTS.google.com/']) {
      await expect(setSsoSettings(deps, t.id, { issuer, clientId: 'c', clientSecret: 'x' })).rejects.toMatchObject({
        code: 'VALIDATION',
        fields: { issuer: expect.stringContaining('Google Workspace provider') },
      });
    }
    expect(await loadSsoClient(deps, t.id)).toBeNull();
  });
});
