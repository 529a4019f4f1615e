import { useId } from 'react';
import { TextField } from '../form-field.tsx';

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
  const pemId = useId();
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
      <div className="flex flex-col gap-1.5">
        <label htmlFor={pemId} className="text-sm font-medium text-slate-800">
          {replacing ? 'New private key (PEM or JWK)' : 'Private key (PEM or JWK)'}
        </label>
        <textarea
          id={pemId}
          name="privateKey"
          required
          rows={6}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors?.['credentials.privateKey'] ? true : undefined}
          aria-describedby={`${pemId}-hint`}
          className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        <p id={`${pemId}-hint`} className="text-sm text-slate-600">
          {errors?.['credentials.privateKey'] ?? 'Stored encrypted; never shown again.'}
        </p>
      </div>
    </>
  );
}
