import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { ZName, nameTaken, parseInput } from '../validation.fns.ts';
import {
  credentialsPurpose,
  toConnectionView,
  VIEW_COLUMNS,
  ZConnectionCredentials,
  ZOrgUrl,
} from './connections.fns.ts';

export const ZAddConnectionInput = z.object({
  name: ZName,
  provider: z.literal('okta').default('okta'),
  orgUrl: ZOrgUrl,
  credentials: ZConnectionCredentials,
});
export type TAddConnectionInput = z.input<typeof ZAddConnectionInput>;

/**
 * Adds an Okta connection. The credential (SSWS token or the service app's private key) is sealed
 * with the tenant's data key, bound to the new connection's id; the audit entry never holds it.
 */
export async function addConnection(deps: Deps, tenantId: string, raw: TAddConnectionInput) {
  const input = parseInput(ZAddConnectionInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const id = randomUUID();
  const c = input.credentials;
  const secret = JSON.stringify(
    c.kind === 'ssws' ? { kind: 'ssws', token: c.token } : { kind: 'oauth', privateKey: c.privateKey },
  );
  try {
    return await inTransaction(deps.db, async (trx) => {
      const sealed = await sealSecret({ ...deps, db: trx }, tenantId, credentialsPurpose(id), secret);
      const row = await trx
        .insertInto('connections')
        .values({
          id,
          tenant_id: tenantId,
          name: input.name,
          provider: input.provider,
          org_url: input.orgUrl,
          auth_kind: c.kind,
          client_id: c.kind === 'oauth' ? c.clientId : null,
          key_id: c.kind === 'oauth' ? (c.keyId ?? null) : null,
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
            name: input.name,
            provider: input.provider,
            orgUrl: input.orgUrl,
            authKind: c.kind,
            clientId: row.client_id,
            keyId: row.key_id,
          },
        },
      );
      return toConnectionView(row);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'connections_tenant_name_key')) throw nameTaken('connection', input.name);
    throw e;
  }
}
