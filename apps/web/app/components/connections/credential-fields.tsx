import { TextField } from '../form-field.tsx';
import { PemField } from './pem-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * The write-only fields of an Okta credential, shared by adding a connection and replacing its
 * credential: an SSWS token, or a service app's client id, key id and private key. `replacing`
 * labels them as the new credential.
 */
export function CredentialFields({
  kind,
  errors,
  replacing = false,
}: {
  kind: 'ssws' | 'oauth';
  errors: Errors;
  replacing?: boolean;
}) {
  if (kind === 'ssws') {
    return (
      <TextField
        label={replacing ? 'New API token' : 'API token'}
        name="token"
        type="password"
        autoComplete="new-password"
        required
        error={errors?.['credentials.token']}
        hint="Stored encrypted; never shown again."
      />
    );
  }
  return (
    <>
      <TextField label="Client ID" name="clientId" required error={errors?.['credentials.clientId']} />
      <TextField label="Key ID (kid)" name="keyId" hint="Optional: the key's id in Okta, when the app has several." />
      <PemField
        label={replacing ? 'New private key (PEM or JWK)' : 'Private key (PEM or JWK)'}
        name="privateKey"
        required
        hint="Stored encrypted; never shown again."
        error={errors?.['credentials.privateKey']}
      />
    </>
  );
}
