/**
 * Identity-provider API clients. Each implements the domain's `IdpClient` (list, read, write, test
 * access) and is wired into use-cases by the apps and jobs; the domain never imports this package.
 */
import type { IdpClientFactory } from '@butterfly/domain/idp';
import { createEntraClient } from './entra/index.ts';
import { createGoogleClient } from './google/index.ts';
import { createOktaClient, type OktaClientOptions } from './okta/index.ts';

export type { IdpClient, IdpObject, IdpObjectRef } from '@butterfly/domain/idp';
export * from './okta/index.ts';
export * from './entra/index.ts';
export * from './google/index.ts';

/** The factory apps hand to the domain: one client per connection, with the app's outbound policy and limits. */
export function idpClientFactory(options: OktaClientOptions = {}): IdpClientFactory {
  return (config) => {
    switch (config.provider) {
      case 'okta':
        return createOktaClient(config, options);
      case 'entra': {
        const { allowPrivateNetwork, allowAddresses, lookup, timeoutMs } = options;
        return createEntraClient(config, { allowPrivateNetwork, allowAddresses, lookup, timeoutMs });
      }
      case 'google': {
        const { allowPrivateNetwork, allowAddresses, lookup, timeoutMs } = options;
        return createGoogleClient(config, { allowPrivateNetwork, allowAddresses, lookup, timeoutMs });
      }
    }
  };
}
