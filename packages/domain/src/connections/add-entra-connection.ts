import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ZName, parseInput } from '../validation.fns.ts';
import {
  sealedEntraCredential,
  ZDirectoryId,
  ZEntraClientId,
  ZEntraCredentials,
  ZMicrosoftUrl,
} from './entra-connection.fns.ts';
import { insertConnection } from './insert-connection.ts';

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
  const c = input.credentials;
  return insertConnection(deps, tenantId, {
    name: input.name,
    secret: sealedEntraCredential(c),
    columns: {
      provider: 'entra',
      org_url: input.graphUrl,
      directory_id: input.directoryId,
      login_url: input.loginUrl,
      auth_kind: c.kind,
      client_id: input.clientId,
    },
    auditData: { directoryId: input.directoryId, loginUrl: input.loginUrl },
  });
}
