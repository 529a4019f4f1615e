import { openSecret } from '../crypto/secrets.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { GoogleServiceAccountCredentials, IdpConnectionConfig, IdpCredentials } from '../idp/types.ts';
import { credentialsPurpose, writeCredentialsPurpose } from './connections.fns.ts';

/**
 * The connection with its credential opened, for the code that talks to the IdP (connection test,
 * backup jobs). Never returned to a client. Not a member action: callers authorize.
 */
export async function loadConnectionConfig(
  deps: Pick<Deps, 'db' | 'keyring'>,
  tenantId: string,
  connectionId: string,
  opts: { purpose?: 'backup' | 'restore' } = {},
): Promise<IdpConnectionConfig> {
  const row = await deps.db
    .selectFrom('connections')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', connectionId)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'No such connection');
  if (row.deleted_at || !row.credentials_sealed)
    throw new DomainError(
      'CONNECTION_DELETED',
      `The connection ${row.name} was deleted; its snapshots are kept read-only`,
    );
  if (row.provider === 'entra') {
    // Decisions 057/059: one app registration reads and, once granted the write permissions, restores.
    const secret = JSON.parse(await openSecret(deps, tenantId, credentialsPurpose(row.id), row.credentials_sealed)) as
      | { kind: 'client_secret'; clientSecret: string }
      | { kind: 'certificate'; certificatePem: string };
    return {
      provider: 'entra',
      directoryId: row.directory_id!,
      clientId: row.client_id!,
      credentials: secret,
      loginUrl: row.login_url!,
      graphUrl: row.org_url,
      ...(row.rate_limit_share !== null ? { rateLimitShare: row.rate_limit_share } : {}),
      ...(opts.purpose ? { purpose: opts.purpose } : {}),
    };
  }
  if (row.provider === 'google') {
    // Decisions 062, 066: one service account; a restore's token asks for the write scopes.
    const key = JSON.parse(
      await openSecret(deps, tenantId, credentialsPurpose(row.id), row.credentials_sealed),
    ) as GoogleServiceAccountCredentials;
    return {
      provider: 'google',
      primaryDomain: row.directory_id!,
      adminEmail: row.admin_email!,
      credentials: key,
      tokenUrl: row.login_url!,
      apiUrl: row.org_url,
      ...(row.rate_limit_share !== null ? { rateLimitShare: row.rate_limit_share } : {}),
      ...(opts.purpose ? { purpose: opts.purpose } : {}),
    };
  }
  // Restore apply writes with the connection's write credential when it has one (never a backup).
  const write = opts.purpose === 'restore' && row.write_credentials_sealed && row.write_auth_kind;
  const sealed = write ? row.write_credentials_sealed! : row.credentials_sealed;
  const secret = JSON.parse(
    await openSecret(deps, tenantId, write ? writeCredentialsPurpose(row.id) : credentialsPurpose(row.id), sealed),
  ) as { kind: 'ssws'; token: string } | { kind: 'oauth'; privateKey: string };
  const [clientId, keyId] = write ? [row.write_client_id, row.write_key_id] : [row.client_id, row.key_id];
  const credentials: IdpCredentials =
    secret.kind === 'ssws'
      ? { kind: 'ssws', token: secret.token }
      : { kind: 'oauth', clientId: clientId!, privateKey: secret.privateKey, ...(keyId ? { keyId } : {}) };
  return {
    provider: 'okta',
    orgUrl: row.org_url,
    credentials,
    // The share of the connection's own app: a separate write credential is another app, at Okta's default.
    ...(!write && row.rate_limit_share !== null ? { rateLimitShare: row.rate_limit_share } : {}),
    ...(opts.purpose ? { purpose: opts.purpose } : {}),
  };
}
