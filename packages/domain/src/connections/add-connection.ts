import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ZName, parseInput } from '../validation.fns.ts';
import { sealedCredential, ZConnectionCredentials, ZOrgUrl } from './connections.fns.ts';
import { insertConnection } from './insert-connection.ts';

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
  const c = input.credentials;
  const keyId = c.kind === 'oauth' ? (c.keyId ?? null) : null;
  return insertConnection(deps, tenantId, {
    name: input.name,
    secret: sealedCredential(c),
    columns: {
      provider: input.provider,
      org_url: input.orgUrl,
      auth_kind: c.kind,
      client_id: c.kind === 'oauth' ? c.clientId : null,
      key_id: keyId,
    },
    auditData: { keyId },
  });
}
