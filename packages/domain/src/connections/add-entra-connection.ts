import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { sealSecret } from '../crypto/secrets.ts';
import { inTransaction, isUniqueViolation } from '../db.fns.ts';
import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { ZName, nameTaken, parseInput } from '../validation.fns.ts';
import { credentialsPurpose, toConnectionView, VIEW_COLUMNS } from './connections.fns.ts';
import { ZDirectoryId, ZEntraClientId, ZEntraCredentials, ZMicrosoftUrl } from './entra-connection.fns.ts';

export const ZAddEntraConnectionInput = z.object({
  name: ZName,
  directoryId: ZDirectoryId,
  clientId: ZEntraClientId,
  credentials: ZEntraCredentials,
  loginUrl: ZMicrosoftUrl.default('https://login.microsoftonline.com'),
  graphUrl: ZMicrosoftUrl.default('https://graph.microsoft.com'),
});
export type TAddEntraConnectionInput = z.input<typeof ZAddEntraConnectionInput>;

/**
 * Adds a Microsoft Entra ID connection (decision 057): the app's client secret or certificate is
 * sealed with the tenant's data key, bound to the new connection's id; the audit entry never holds it.
 */
export async function addEntraConnection(deps: Deps, tenantId: string, raw: TAddEntraConnectionInput) {
  const input = parseInput(ZAddEntraConnectionInput, raw);
  await authorize(deps, tenantId, 'connection.manage');
  const id = randomUUID();
  const c = input.credentials;
  const secret = JSON.stringify(
    c.kind === 'client_secret'
      ? { kind: 'client_secret', clientSecret: c.clientSecret }
      : { kind: 'certificate', certificatePem: c.certificatePem },
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
          provider: 'entra',
          org_url: input.graphUrl,
          directory_id: input.directoryId,
          login_url: input.loginUrl,
          auth_kind: c.kind,
          client_id: input.clientId,
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
            provider: 'entra',
            orgUrl: input.graphUrl,
            directoryId: input.directoryId,
            loginUrl: input.loginUrl,
            authKind: c.kind,
            clientId: input.clientId,
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
