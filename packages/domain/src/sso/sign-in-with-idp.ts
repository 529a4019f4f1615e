import type { DB, Members, Transaction, Updateable } from '@butterfly/db';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { insertMember } from '../members/insert-member.ts';
import { ZEmail } from '../members/members.fns.ts';
import { createSession } from '../sessions/create-session.ts';
import { auditSignInRefused } from './audit-sign-in-refused.ts';
import { checkGoogleHostedDomain } from './check-google-hosted-domain.ts';
import { refuseEntraSignIn } from './refuse-entra-sign-in.ts';
import { isTenantEmail } from './find-tenant-for-email.ts';
import { emailDomain } from './sso.fns.ts';

/** Claims of an ID token the web app has already validated (signature, iss, aud, exp, nonce). */
export const ZIdpIdentity = z.object({
  subject: z.string().min(1).max(255),
  email: ZEmail,
  givenName: z.string().max(200).nullish(),
  familyName: z.string().max(200).nullish(),
  name: z.string().max(200).nullish(),
  idpSessionId: z.string().max(255).nullish(),
  /**
   * Whether the IdP vouches for the email; only a vouched-for email may link an existing member.
   * OIDC: `email_verified`. Entra: `xms_edov` (the email domain's owner is verified), never anything else.
   */
  emailVerified: z.boolean().default(false),
  /**
   * Microsoft Entra ID only: the person's immutable key, directory (`tid`) and object id (`oid`). With
   * it, the member is found by this pair and nothing else; `subject` (pairwise per app) is not used.
   */
  entra: z.object({ tid: z.guid().toLowerCase(), oid: z.guid().toLowerCase() }).nullish(),
  /**
   * Google Workspace only (decision 063): the token's `hd` (hosted domain; null for a consumer
   * account). With it, the member is found by `subject` (Google's `sub`) in `google_sub` only, and
   * `hd` must be one of the tenant's verified domains.
   */
  google: z.object({ hd: z.string().max(253).nullable() }).nullish(),
});
export type TIdpIdentity = z.input<typeof ZIdpIdentity>;

/**
 * Completes an SSO sign-in for a tenant: the email must be on one of the tenant's verified domains
 * (an IdP of tenant A cannot sign people into tenant B); the member is found by IdP subject, then by
 * email (linking the subject), else created just in time at read_only; a deactivated member is
 * refused even when the IdP let them through. Starts a fresh session.
 *
 * Linking by email hands an existing member (perhaps an admin) to whoever the IdP asserts, so it
 * needs the IdP to vouch for the email (`email_verified`) on one of the tenant's verified domains
 * (checked first), and every link is audited with the subject it replaced.
 */
export async function signInWithIdp(
  deps: Deps,
  tenantId: string,
  raw: TIdpIdentity,
  client: { ip?: string | null; userAgent?: string | null } = {},
) {
  const id = ZIdpIdentity.parse(raw);
  if (id.entra) await checkEntraDirectory(deps, tenantId, id.entra.tid);
  const hd = id.google ? await checkGoogleHostedDomain(deps, tenantId, { hd: id.google.hd, email: id.email }) : null;
  if (!(await isTenantEmail(deps, tenantId, id.email))) {
    await auditSignInRefused(deps, tenantId, { reason: 'email_outside_tenant_domains', email: id.email });
    throw new DomainError('FORBIDDEN', `${id.email} is not on one of this organisation's sign-in domains`);
  }
  const attempt = () =>
    inTransaction(deps.db, async (trx) => {
      const { entra } = id;
      const google = !!id.google;
      const byKey = trx.selectFrom('members').selectAll().where('tenant_id', '=', tenantId);
      let member = await (entra
        ? byKey.where('entra_tid', '=', entra.tid).where('entra_oid', '=', entra.oid)
        : google
          ? byKey.where('google_sub', '=', id.subject)
          : byKey.where('idp_subject', '=', id.subject)
      )
        .forUpdate()
        .executeTakeFirst();
      const linked = !!member;
      member ??= await trx
        .selectFrom('members')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb(eb.fn('lower', ['email']), '=', id.email))
        .forUpdate()
        .executeTakeFirst();
      const tx = { ...deps, db: trx };
      // A deactivated member is refused before anything about them changes (no link either).
      if (member && !member.active) return { kind: 'refused', memberId: member.id } as const;
      const needsLink = !!member && (entra || google ? !linked : member.idp_subject !== id.subject);
      // An Entra or Google key, once pinned, is never replaced through an email: that is the nOAuth
      // takeover (a second account that carries a copy of the email).
      if (member && needsLink && ((entra && member.entra_oid !== null) || (google && member.google_sub !== null)))
        return { kind: 'pinned_elsewhere', memberId: member.id } as const;
      if (member && needsLink && !id.emailVerified) return { kind: 'unverified_email', memberId: member.id } as const;
      // Google: the email links only on the account's own hosted domain (a Workspace account's
      // address on a domain its organisation does not host proves nothing about that address).
      if (member && needsLink && google && emailDomain(id.email) !== hd)
        return { kind: 'email_not_on_hd', memberId: member.id } as const;
      if (!member) {
        member = await insertMember(tx, tenantId, {
          source: 'jit',
          email: id.email,
          givenName: id.givenName,
          familyName: id.familyName,
          displayName: id.name,
          idpSubject: entra || google ? null : id.subject,
          entra,
          googleSub: google ? id.subject : null,
          role: 'read_only',
        });
      } else if (needsLink && entra) {
        await linkMember(
          tx,
          tenantId,
          member.id,
          { entra_tid: entra.tid, entra_oid: entra.oid },
          { by: 'entra_verified_email_domain', email: id.email, tid: entra.tid, oid: entra.oid },
        );
      } else if (needsLink && google) {
        await linkMember(
          tx,
          tenantId,
          member.id,
          { google_sub: id.subject },
          { by: 'google_verified_email_hosted_domain', email: id.email, sub: id.subject, hd },
        );
      } else if (needsLink) {
        await linkMember(
          tx,
          tenantId,
          member.id,
          { idp_subject: id.subject },
          { by: 'verified_email', email: id.email, subject: id.subject, previousSubject: member.idp_subject },
        );
      }
      const session = await createSession(tx, {
        tenantId,
        memberId: member.id,
        authMethod: 'sso',
        idpSessionId: id.idpSessionId,
        ...client,
      });
      return { kind: 'signed_in', member: { id: member.id, email: member.email, role: member.role }, session } as const;
    });
  let result: Awaited<ReturnType<typeof attempt>>;
  try {
    result = await attempt();
  } catch (e) {
    // Two first sign-ins of the same person at once: the loser finds the winner's row on retry.
    if (!isUniqueViolation(e)) throw e;
    result = await attempt();
  }
  if (result.kind === 'unverified_email') {
    await auditSignInRefused(
      deps,
      tenantId,
      {
        reason: 'email_not_verified',
        ...(id.entra ? { tid: id.entra.tid, oid: id.entra.oid } : { subject: id.subject }),
        ...(id.google ? { hd } : {}),
      },
      result.memberId,
    );
    throw new DomainError(
      'FORBIDDEN',
      `Your identity provider does not say ${id.email} is verified, so it cannot sign in to the existing Butterfly member with that email`,
    );
  }
  if (result.kind === 'pinned_elsewhere') {
    await auditSignInRefused(
      deps,
      tenantId,
      id.google
        ? { reason: 'member_pinned_to_other_google_account', sub: id.subject, hd }
        : { reason: 'member_pinned_to_other_entra_user', tid: id.entra?.tid, oid: id.entra?.oid },
      result.memberId,
    );
    throw new DomainError(
      'FORBIDDEN',
      `The Butterfly member ${id.email} belongs to another ${id.google ? 'Google account' : 'Microsoft Entra ID user'}, so this account cannot sign in as them`,
    );
  }
  if (result.kind === 'email_not_on_hd') {
    await auditSignInRefused(
      deps,
      tenantId,
      { reason: 'google_email_not_on_hosted_domain', sub: id.subject, hd },
      result.memberId,
    );
    throw new DomainError(
      'FORBIDDEN',
      `${id.email} is not on the Google account's own domain (${hd}), so it cannot sign in to the existing Butterfly member with that email`,
    );
  }
  if (result.kind === 'refused') {
    await auditSignInRefused(deps, tenantId, { reason: 'member_inactive' }, result.memberId);
    throw new DomainError('MEMBER_INACTIVE', 'Your Butterfly access has been deactivated by your organisation');
  }
  return result;
}

/** Pins the IdP's key (Entra's tid/oid, Google's sub or the OIDC subject) on a member found by email, audited with how. */
async function linkMember(
  tx: Deps & { db: Transaction<DB> },
  tenantId: string,
  memberId: string,
  key: Pick<Updateable<Members>, 'entra_tid' | 'entra_oid' | 'google_sub' | 'idp_subject'>,
  data: Record<string, unknown>,
) {
  await tx.db
    .updateTable('members')
    .set({ ...key, updated_at: tx.clock() })
    .where('id', '=', memberId)
    .execute();
  await appendAuditEvent(tx, {
    tenantId,
    action: 'member.idp_linked',
    target: { type: 'member', id: memberId },
    data,
  });
}

/** The domain's own check of an Entra token's directory (the web app checked `tid` and `iss` before). */
async function checkEntraDirectory(deps: Deps, tenantId: string, tid: string) {
  const sso = await deps.db
    .selectFrom('tenant_sso')
    .select(['provider', 'directory_id'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (sso?.provider === 'entra' && sso.directory_id === tid) return;
  await refuseEntraSignIn(deps, tenantId, { tid });
}
