import { randomUUID } from 'node:crypto';
import type { Connections, Insertable } from '@butterfly/db';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { nameTaken } from '../validation.fns.ts';
import { credentialsPurpose, toConnectionView, VIEW_COLUMNS } from './connections.fns.ts';

/** What the provider decides about its new row: everything but the id, tenant, name, credential and times. */
export type ProviderColumns = Omit<
  Insertable<Connections>,
  'id' | 'tenant_id' | 'name' | 'credentials_sealed' | 'created_at' | 'updated_at'
> &
  Required<Pick<Insertable<Connections>, 'provider' | 'org_url' | 'auth_kind'>>;

/**
 * What adding a connection does for every provider, once its input is parsed: the credential's
 * secret is sealed with the tenant's data key, bound to the new connection's id; the row and its
 * `connection.added` audit entry (name, provider, URL, credential kind and client id, plus the
 * provider's `auditData`; never the secret) go in one transaction; a taken name is NAME_TAKEN.
 */
export async function insertConnection(
  deps: Deps,
  tenantId: string,
  c: { name: string; secret: string; columns: ProviderColumns; auditData: Record<string, unknown> },
) {
  await authorize(deps, tenantId, 'connection.manage');
  const id = randomUUID();
  try {
    return await inTransaction(deps.db, async (trx) => {
      const sealed = await sealSecret({ ...deps, db: trx }, tenantId, credentialsPurpose(id), c.secret);
      const row = await trx
        .insertInto('connections')
        .values({
          ...c.columns,
          id,
          tenant_id: tenantId,
          name: c.name,
          credentials_sealed: sealed,
          created_at: deps.clock(),
          updated_at: deps.clock(),
        })
        .returning(VIEW_COLUMNS)
        .executeTakeFirstOrThrow();
      await appendAuditEvent(
        { ...deps, db: trx },
        {
          tenantId,
          action: 'connection.added',
          target: { type: 'connection', id },
          data: {
            name: c.name,
            provider: c.columns.provider,
            orgUrl: c.columns.org_url,
            authKind: c.columns.auth_kind,
            clientId: c.columns.client_id ?? null,
            ...c.auditData,
          },
        },
      );
      return toConnectionView(row);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'connections_tenant_name_key')) throw nameTaken('connection', c.name);
    throw e;
  }
}
