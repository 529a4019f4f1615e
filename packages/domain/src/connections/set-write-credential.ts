import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { toConnectionView, VIEW_COLUMNS, writeCredentialsPurpose, ZConnectionCredentials } from './connections.fns.ts';
import { findConnectionRow } from './get-connection.ts';

export const ZSetWriteCredentialInput = z.object({
  connectionId: z.string().trim().min(1).max(100),
  /** null removes it: restore apply then writes with the backup credential. */
  credentials: ZConnectionCredentials.nullable(),
});
export type TSetWriteCredentialInput = z.input<typeof ZSetWriteCredentialInput>;

/**
 * Sets (or removes) the credential restore apply writes with, kept apart from the read-only backup
 * credential: a service app granted `okta.*.manage`, used by nothing but an approved restore.
 */
export async function setWriteCredential(deps: Deps, tenantId: string, raw: TSetWriteCredentialInput) {
  const input = parseInput(ZSetWriteCredentialInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  return inTransaction(deps.db, async (trx) => {
    const row = await findConnectionRow(trx, tenantId, input.connectionId);
    if (row.provider === 'entra' || row.provider === 'google')
      throw new DomainError(
        'VALIDATION',
        row.provider === 'entra'
          ? 'An Entra connection restores with its own app registration (decision 059): grant that app the write permissions instead of adding a write credential'
          : 'A Google connection restores with its own service account (decision 066): delegate the write scopes to its client id instead of adding a write credential',
      );
    const c = input.credentials;
    const sealed = c
      ? await sealSecret(
          { ...deps, db: trx },
          tenantId,
          writeCredentialsPurpose(row.id),
          JSON.stringify(
            c.kind === 'ssws' ? { kind: 'ssws', token: c.token } : { kind: 'oauth', privateKey: c.privateKey },
          ),
        )
      : null;
    const updated = await trx
      .updateTable('connections')
      .set({
        write_auth_kind: c?.kind ?? null,
        write_client_id: c?.kind === 'oauth' ? c.clientId : null,
        write_key_id: c?.kind === 'oauth' ? (c.keyId ?? null) : null,
        write_credentials_sealed: sealed,
        write_updated_at: c ? deps.clock() : null,
        updated_at: deps.clock(),
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .returning(VIEW_COLUMNS)
      .executeTakeFirstOrThrow();
    await appendAuditEvent(
      { ...deps, db: trx },
      {
        tenantId,
        action: c ? 'connection.write_credential_set' : 'connection.write_credential_removed',
        target: { type: 'connection', id: row.id },
        data: c ? { authKind: c.kind, clientId: c.kind === 'oauth' ? c.clientId : null } : {},
      },
    );
    return toConnectionView(updated);
  });
}
