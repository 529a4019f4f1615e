import { openSecret } from '../crypto/secrets.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { IdpConnectionConfig, IdpCredentials } from '../idp/types.ts';
import { credentialsPurpose } from './connections.fns.ts';

/**
 * The connection with its credential opened, for the code that talks to the IdP (connection test,
 * backup jobs). Never returned to a client. Not a member action: callers authorize.
 */
export async function loadConnectionConfig(deps: Pick<Deps, 'db' | 'keyring'>, tenantId: string, connectionId: string): Promise<IdpConnectionConfig> {
  const row = await deps.db.selectFrom('connections').selectAll().where('tenant_id', '=', tenantId).where('id', '=', connectionId).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such connection');
  const secret = JSON.parse(await openSecret(deps, tenantId, credentialsPurpose(row.id), row.credentials_sealed)) as
    | { kind: 'ssws'; token: string }
    | { kind: 'oauth'; privateKey: string };
  const credentials: IdpCredentials =
    secret.kind === 'ssws'
      ? { kind: 'ssws', token: secret.token }
      : { kind: 'oauth', clientId: row.client_id!, privateKey: secret.privateKey, ...(row.key_id ? { keyId: row.key_id } : {}) };
  return { provider: 'okta', orgUrl: row.org_url, credentials };
}
