import type { Authenticator } from '../authenticator.ts';

/**
 * An SSWS API token: it acts with the full permissions of the admin who created it and never
 * expires while used, which is why OAuth with private_key_jwt is the recommended mode.
 */
export function sswsAuthenticator(token: string): Authenticator {
  const header = `SSWS ${token}`;
  return { kind: 'ssws', authorization: async () => header, invalidate: () => false };
}
