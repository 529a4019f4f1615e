import { webEnv } from '@butterfly/config';
import { OutboundRefusedError, idpClientFactory } from '@butterfly/connectors';
import type { IdpClientFactory } from '@butterfly/domain/idp';

/**
 * The one IdP client factory of the CLI: `connection test`, `backup run --wait` and `restore` reach
 * an org under the same outbound policy, the one the worker and the dashboard use:
 * BUTTERFLY_ALLOW_PRIVATE_URLS (on by default only for a localhost APP_URL). So a test that connects
 * means the backup connects too, and a backup the policy refuses is a test it refuses, with the same
 * code (ADDRESS_REFUSED).
 */
export function idpClients(): IdpClientFactory {
  return idpClientFactory({ allowPrivateNetwork: webEnv().BUTTERFLY_ALLOW_PRIVATE_URLS });
}

/** The outbound policy's code when it is why an IdP call failed, for `error <CODE>: …`. */
export function outboundRefusal(e: unknown): OutboundRefusedError['code'] | undefined {
  return e instanceof OutboundRefusedError ? e.code : undefined;
}
