/** @butterfly/domain/crypto: the crypto area's use-cases and types, for the apps, API and jobs. */
export { createKeyring, type Keyring } from './keyring.ts';
export { openSecret, sealSecret } from './secrets.ts';
