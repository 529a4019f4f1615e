import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { ZName, nameTaken, parseInput } from '../validation.fns.ts';
import {
  assertNotDeleted,
  credentialsPurpose,
  sealedCredential,
  toConnectionView,
  VIEW_COLUMNS,
  ZConnectionCredentials,
  ZRateLimitShare,
} from './connections.fns.ts';
import { sealedEntraCredential, ZEntraCredentials } from './entra-connection.fns.ts';
import { findConnectionRow } from './get-connection.ts';
import { parseServiceAccountKey, ZGoogleCredentials } from './google-connection.fns.ts';

export const ZUpdateConnectionInput = z.object({
  connectionId: z.string().trim().min(1).max(100),
  /** Same rules as when adding: at most 100 characters, unique in the tenant (NAME_TAKEN). */
  name: ZName.optional(),
  /**
   * Replaces the backup credential, of a kind the connection's provider takes (Okta: `ssws` or
   * `oauth`; Entra: `client_secret` or `certificate`, for the same app; Google: `service_account`, a
   * new JSON key); sealed like at creation and never shown back.
   */
  credentials: z
    .discriminatedUnion('kind', [...ZConnectionCredentials.options, ...ZEntraCredentials.options, ZGoogleCredentials])
    .optional(),
  /**
   * Percent (1–100) of each Okta rate-limit bucket an OAuth service-app connection may use; null
   * goes back to Okta's default share (50 %). Set it to the share the app has in Okta (decision 047).
   */
  rateLimitShare: ZRateLimitShare.nullable().optional(),
});
export type TUpdateConnectionInput = z.input<typeof ZUpdateConnectionInput>;

/**
 * Renames a connection, replaces its credential and/or sets its rate-limit share. A new credential voids the last test (it was
 * of the old one); a "needs attention" status stays until a backup or a test succeeds with the new one.
 * The audit entry names what changed, never the secret.
 */
export async function updateConnection(deps: Deps, tenantId: string, raw: TUpdateConnectionInput) {
  const input = parseInput(ZUpdateConnectionInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  if (input.name === undefined && !input.credentials && input.rateLimitShare === undefined)
    throw new DomainError('VALIDATION', 'Nothing to change: give a new name, a new credential or a rate-limit share');
  try {
    return await inTransaction(deps.db, async (trx) => {
      const row = await findConnectionRow(trx, tenantId, input.connectionId);
      assertNotDeleted(row);
      const c = input.credentials;
      const entraKind = c?.kind === 'client_secret' || c?.kind === 'certificate';
      const googleKind = c?.kind === 'service_account';
      const provider = entraKind ? 'entra' : googleKind ? 'google' : 'okta';
      if (c && provider !== row.provider)
        throw new DomainError(
          'VALIDATION',
          row.provider === 'entra'
            ? "An Entra connection's credential is its app's client secret or certificate"
            : row.provider === 'google'
              ? "A Google connection's credential is its service account's JSON key"
              : "An Okta connection's credential is an SSWS token or a service app's key",
        );
      // A Google key is checked like at creation (SERVICE_ACCOUNT_KEY_INVALID) and names its service account.
      const googleKey = c?.kind === 'service_account' ? parseServiceAccountKey(c.serviceAccountKey) : undefined;
      const renamed = input.name !== undefined && input.name !== row.name;
      const reshared = input.rateLimitShare !== undefined && input.rateLimitShare !== row.rate_limit_share;
      // The same name and share, no credential (a form saved unchanged): nothing to write or audit.
      if (!renamed && !c && !reshared) return toConnectionView(row);
      const now = deps.clock();
      const updated = await trx
        .updateTable('connections')
        .set({
          ...(renamed ? { name: input.name } : {}),
          ...(reshared ? { rate_limit_share: input.rateLimitShare } : {}),
          ...(c
            ? {
                auth_kind: c.kind,
                // An Entra app keeps its client id: only its secret or certificate is new.
                client_id: c.kind === 'oauth' ? c.clientId : entraKind ? row.client_id : (googleKey?.clientId ?? null),
                key_id: c.kind === 'oauth' ? (c.keyId ?? null) : (googleKey?.privateKeyId ?? null),
                credentials_sealed: await sealSecret(
                  { ...deps, db: trx },
                  tenantId,
                  credentialsPurpose(row.id),
                  googleKey
                    ? JSON.stringify(googleKey)
                    : c.kind === 'client_secret' || c.kind === 'certificate'
                      ? sealedEntraCredential(c)
                      : sealedCredential(c as Parameters<typeof sealedCredential>[0]),
                ),
                last_test: null,
                last_tested_at: null,
              }
            : {}),
          updated_at: now,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', row.id)
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'connection.updated',
          target: { type: 'connection', id: row.id },
          data: {
            ...(renamed ? { name: { from: row.name, to: updated.name } } : {}),
            ...(reshared ? { rateLimitShare: { from: row.rate_limit_share, to: updated.rate_limit_share } } : {}),
            ...(c
              ? {
                  credentialsReplaced: true,
                  authKind: c.kind,
                  clientId: updated.client_id,
                  keyId: updated.key_id,
                  ...(googleKey ? { serviceAccount: googleKey.clientEmail } : {}),
                }
              : {}),
          },
        },
      );
      return toConnectionView(updated);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'connections_tenant_name_key')) throw nameTaken('connection', input.name ?? '');
    throw e;
  }
}
