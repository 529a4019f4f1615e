import type { Deps } from '../deps.ts';
import { open, seal } from './envelope.fns.ts';

/**
 * The one way any secret (client secrets, connection credentials) is stored: sealed with the
 * tenant's data key, bound to the tenant and to `purpose` (e.g. 'sso.client_secret').
 */
export async function sealSecret(
  deps: Pick<Deps, 'db' | 'keyring'>,
  tenantId: string,
  purpose: string,
  plaintext: string,
) {
  const { version, key } = await deps.keyring.dataKey(deps.db, tenantId);
  return seal(key, version, Buffer.from(plaintext, 'utf8'), `${tenantId}|${purpose}`);
}

export async function openSecret(deps: Pick<Deps, 'db' | 'keyring'>, tenantId: string, purpose: string, blob: Buffer) {
  const { key } = await deps.keyring.dataKey(deps.db, tenantId);
  return open(key, blob, `${tenantId}|${purpose}`).toString('utf8');
}
