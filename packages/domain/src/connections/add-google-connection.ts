import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { ZName, parseInput } from '../validation.fns.ts';
import {
  DEFAULT_GOOGLE_API_URL,
  DEFAULT_GOOGLE_TOKEN_URL,
  parseServiceAccountKey,
  ZAdminEmail,
  ZGoogleApiUrl,
  ZGoogleTokenUrl,
  ZPrimaryDomain,
} from './google-connection.fns.ts';
import { insertConnection } from './insert-connection.ts';

export const ZAddGoogleConnectionInput = z.object({
  name: ZName,
  primaryDomain: ZPrimaryDomain,
  adminEmail: ZAdminEmail,
  /** The service account's JSON key file, as text (checked by parseServiceAccountKey). */
  serviceAccountKey: z.string(),
  tokenUrl: ZGoogleTokenUrl.default(DEFAULT_GOOGLE_TOKEN_URL),
  apiUrl: ZGoogleApiUrl.default(DEFAULT_GOOGLE_API_URL),
});
export type TAddGoogleConnectionInput = z.input<typeof ZAddGoogleConnectionInput>;

/**
 * Adds a Google Workspace connection (decision 062): a service account with domain-wide delegation,
 * acting as `adminEmail`. Its key is sealed with the tenant's data key, bound to the new
 * connection's id; the audit entry holds the service account's email and client id, never the key.
 */
export async function addGoogleConnection(deps: Deps, tenantId: string, raw: TAddGoogleConnectionInput) {
  const input = parseInput(ZAddGoogleConnectionInput, raw);
  const key = parseServiceAccountKey(input.serviceAccountKey);
  return insertConnection(deps, tenantId, {
    name: input.name,
    secret: JSON.stringify(key),
    columns: {
      provider: 'google',
      org_url: input.apiUrl,
      directory_id: input.primaryDomain,
      login_url: input.tokenUrl,
      admin_email: input.adminEmail,
      auth_kind: 'service_account',
      client_id: key.clientId,
      key_id: key.privateKeyId,
    },
    auditData: {
      primaryDomain: input.primaryDomain,
      adminEmail: input.adminEmail,
      serviceAccount: key.clientEmail,
      tokenUrl: input.tokenUrl,
    },
  });
}
