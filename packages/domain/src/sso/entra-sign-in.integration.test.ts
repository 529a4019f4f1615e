import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { createSession } from '../sessions/create-session.ts';
import { resolveSession } from '../sessions/resolve-session.ts';
import { frontchannelLogout } from '../logout/frontchannel-logout.ts';
import { seedMember, seedSsoTenant, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getSsoSettings, loadSsoClient } from './get-sso-settings.ts';
import { setSsoSettings } from './set-sso-settings.ts';
import { signInWithIdp } from './sign-in-with-idp.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

let n = 0;
async function entraTenant() {
  const tid = randomUUID();
  const sso = { provider: 'entra' as const, directoryId: tid, clientId: 'app-id', clientSecret: 's3cret' };
  return { ...(await seedSsoTenant(deps, sso, [`entra${n++}.test`])), tid };
}

const refusals = (tenantId: string) =>
  db
    .selectFrom('audit_events')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('action', '=', 'sso.sign_in_refused')
    .execute()
    .then((rows) => rows.map((r) => (r.data as { reason: string }).reason));

describe('Entra ID SSO settings', () => {
  it('derives the issuer from the directory and the default authority, and shows kind and directory', async () => {
    const tid = randomUUID().toUpperCase();
    const t = await seedTenant(deps);
    const out = await setSsoSettings(deps, t.id, {
      provider: 'entra',
      directoryId: tid,
      clientId: 'c',
      clientSecret: 'x',
    });
    const lower = tid.toLowerCase();
    expect(out).toEqual({
      provider: 'entra',
      issuer: `https://login.microsoftonline.com/${lower}/v2.0`,
      directoryId: lower,
      clientId: 'c',
      hasClientSecret: true,
    });
    expect((await getSsoSettings(deps, t.id)).client).toMatchObject({
      provider: 'entra',
      directoryId: lower,
      authorityUrl: 'https://login.microsoftonline.com',
    });
    await setSsoSettings(deps, t.id, {
      provider: 'entra',
      directoryId: tid,
      authorityUrl: 'https://login.microsoftonline.us/',
      clientId: 'c',
    });
    expect(await loadSsoClient(deps, t.id)).toMatchObject({
      provider: 'entra',
      issuer: `https://login.microsoftonline.us/${lower}/v2.0`,
      directoryId: lower,
      clientSecret: 'x',
    });
    // Back to a plain OIDC issuer: the directory goes with it.
    await setSsoSettings(deps, t.id, { issuer: 'https://acme.okta.example', clientId: 'c' });
    expect(await loadSsoClient(deps, t.id)).toMatchObject({ provider: 'oidc', directoryId: null });
  });

  it.each([
    ['common', 'directoryId'],
    ['organizations', 'directoryId'],
    ['contoso.onmicrosoft.com', 'directoryId'],
    ['9188040d-6c67-4c5b-b112-36a304b66dad', 'directoryId'],
    ['{tenantid}', 'directoryId'],
  ])('refuses %s as a directory with VALIDATION on %s, storing nothing', async (directoryId, field) => {
    const t = await seedTenant(deps);
    const err = await setSsoSettings(deps, t.id, {
      provider: 'entra',
      directoryId,
      clientId: 'c',
      clientSecret: 'x',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(Object.keys((err as { fields: object }).fields)).toEqual([field]);
    expect(await loadSsoClient(deps, t.id)).toBeNull();
  });

  it('refuses an authority with a path (a tenant segment belongs in --entra)', async () => {
    const t = await seedTenant(deps);
    await expect(
      setSsoSettings(deps, t.id, {
        provider: 'entra',
        directoryId: randomUUID(),
        authorityUrl: 'https://login.microsoftonline.com/common',
        clientId: 'c',
        clientSecret: 'x',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', fields: { authorityUrl: expect.any(String) } });
  });
});

describe('Entra ID sign-in (domain)', () => {
  it('creates the member just in time at read_only keyed on (tid, oid), not on the subject', async () => {
    const t = await entraTenant();
    const oid = randomUUID();
    const first = await signInWithIdp(deps, t.id, {
      subject: 'pairwise-1',
      email: `ann@${t.domain}`,
      entra: { tid: t.tid, oid },
    });
    expect(first.member).toMatchObject({ email: `ann@${t.domain}`, role: 'read_only' });
    const row = await db
      .selectFrom('members')
      .select(['entra_tid', 'entra_oid', 'idp_subject', 'role_source'])
      .where('id', '=', first.member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ entra_tid: t.tid, entra_oid: oid, idp_subject: null, role_source: 'jit' });
    // Another subject (a new app registration) is still the same person: the pair decides.
    const again = await signInWithIdp(deps, t.id, {
      subject: 'pairwise-2',
      email: `ann@${t.domain}`,
      entra: { tid: t.tid, oid },
    });
    expect(again.member.id).toBe(first.member.id);
  });

  it('refuses a token of another directory with SSO_WRONG_DIRECTORY and audits it', async () => {
    const t = await entraTenant();
    const other = randomUUID();
    await expect(
      signInWithIdp(deps, t.id, { subject: 's', email: `eve@${t.domain}`, entra: { tid: other, oid: randomUUID() } }),
    ).rejects.toMatchObject({ code: 'SSO_WRONG_DIRECTORY' });
    expect(await refusals(t.id)).toEqual(['entra_wrong_directory']);
    expect(await db.selectFrom('members').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    // An Entra identity at a tenant configured for another provider is refused the same way.
    const okta = await seedTenant(deps, undefined, ['okta-only.test']);
    await setSsoSettings(deps, okta.id, { issuer: 'https://acme.okta.example', clientId: 'c', clientSecret: 'x' });
    await expect(
      signInWithIdp(deps, okta.id, {
        subject: 's',
        email: 'a@okta-only.test',
        entra: { tid: t.tid, oid: randomUUID() },
      }),
    ).rejects.toMatchObject({ code: 'SSO_WRONG_DIRECTORY' });
  });

  it('links an existing member by email only with xms_edov and a verified domain, then pins (tid, oid)', async () => {
    const t = await entraTenant();
    const scim = await seedMember(deps, t.id, 'admin', `boss@${t.domain}`);
    const oid = randomUUID();
    const as = (o: { emailVerified?: boolean; oid?: string; email?: string }) =>
      signInWithIdp(deps, t.id, {
        subject: 's',
        email: o.email ?? `boss@${t.domain}`,
        emailVerified: o.emailVerified,
        entra: { tid: t.tid, oid: o.oid ?? oid },
      });
    // Without xms_edov the email proves nothing: refused, no link, no session.
    await expect(as({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An email outside the tenant's verified domains never links, vouched for or not.
    await expect(as({ emailVerified: true, email: 'boss@elsewhere.test' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await db.selectFrom('sessions').select('id').where('tenant_id', '=', t.id).execute()).toEqual([]);
    const linked = await as({ emailVerified: true });
    expect(linked.member).toMatchObject({ id: scim.id, role: 'admin' });
    const row = await db
      .selectFrom('members')
      .select(['entra_tid', 'entra_oid'])
      .where('id', '=', scim.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ entra_tid: t.tid, entra_oid: oid });
    // Once pinned, another Entra user with the same (vouched-for) email cannot take the member over.
    await expect(as({ emailVerified: true, oid: randomUUID() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusals(t.id)).toEqual([
      'email_not_verified',
      'email_outside_tenant_domains',
      'member_pinned_to_other_entra_user',
    ]);
    const links = await db
      .selectFrom('audit_events')
      .select('data')
      .where('tenant_id', '=', t.id)
      .where('action', '=', 'member.idp_linked')
      .execute();
    expect(links.map((l) => l.data)).toEqual([
      { by: 'entra_verified_email_domain', email: `boss@${t.domain}`, tid: t.tid, oid },
    ]);
  });

  it('keeps the pinned member when the email changes, even to another member’s email', async () => {
    const t = await entraTenant();
    const oid = randomUUID();
    const ann = await signInWithIdp(deps, t.id, { subject: 's', email: `ann@${t.domain}`, entra: { tid: t.tid, oid } });
    const other = await seedMember(deps, t.id, 'super_admin', `root@${t.domain}`);
    const renamed = await signInWithIdp(deps, t.id, {
      subject: 's',
      email: `root@${t.domain}`,
      emailVerified: true,
      entra: { tid: t.tid, oid },
    });
    expect(renamed.member.id).toBe(ann.member.id);
    expect(renamed.member.id).not.toBe(other.id);
    expect(renamed.member.role).toBe('read_only');
    const root = await db
      .selectFrom('members')
      .select(['entra_oid'])
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(root.entra_oid).toBeNull();
  });
});

describe('Entra front-channel logout (domain)', () => {
  it('ends the sessions of that Entra session only, audits it, and ignores unknown sids silently', async () => {
    const t = await entraTenant();
    const m = await seedMember(deps, t.id, 'auditor');
    const session = (sid: string) =>
      db
        .transaction()
        .execute((trx) =>
          createSession({ ...deps, db: trx }, { tenantId: t.id, memberId: m.id, authMethod: 'sso', idpSessionId: sid }),
        );
    const [a, b] = [await session('sid-a'), await session('sid-b')];
    // Another tenant's front-channel URL with the same sid ends nothing here.
    const other = await entraTenant();
    expect(await frontchannelLogout(deps, other.id, { sid: 'sid-a' })).toEqual({ sessionsEnded: 0 });
    expect(await resolveSession(deps, a.raw)).not.toBeNull();
    expect(await frontchannelLogout(deps, t.id, { sid: 'sid-a' })).toEqual({ sessionsEnded: 1 });
    expect(await resolveSession(deps, a.raw)).toBeNull();
    expect(await resolveSession(deps, b.raw)).not.toBeNull();
    expect(await frontchannelLogout(deps, t.id, { sid: 'sid-a' })).toEqual({ sessionsEnded: 0 });
    const audited = await db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('action', '=', 'sso.frontchannel_logout')
      .where('tenant_id', 'in', [t.id, other.id])
      .execute();
    expect(audited).toEqual([{ action: 'sso.frontchannel_logout', data: { scope: 'idp_session', sessionsEnded: 1 } }]);
  });
});
