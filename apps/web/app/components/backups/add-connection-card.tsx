import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId, useState } from 'react';
import { TextField } from '../form-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * A new Okta connection. Credentials are write-only: the form never shows a stored one, inputs are
 * not autofilled, and after saving only which kind is stored is shown.
 */
export function AddConnectionCard({ errors }: { errors: Errors }) {
  const [kind, setKind] = useState<'ssws' | 'oauth'>('ssws');
  const nav = useNavigation();
  const busy = nav.state === 'submitting' && nav.formData?.get('intent') === 'add';
  const pemId = useId();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a connection</CardTitle>
        <CardDescription>
          Connect the Okta org to back up. Okta recommends an API service app with a private key (scopes <code>okta.*.read</code>); an SSWS API
          token works too.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="add" />
          <TextField label="Name" name="name" required maxLength={100} hint="How people here tell this org apart, e.g. production." error={errors?.name} />
          <TextField label="Okta org URL" name="orgUrl" type="url" required placeholder="https://example.okta.com" error={errors?.orgUrl} />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Credential</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="ssws" checked={kind === 'ssws'} onChange={() => setKind('ssws')} /> SSWS API token
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="oauth" checked={kind === 'oauth'} onChange={() => setKind('oauth')} /> OAuth service app (client ID and private key)
            </label>
          </fieldset>
          {kind === 'ssws' ? (
            <TextField label="API token" name="token" type="password" autoComplete="new-password" required error={errors?.['credentials.token']} hint="Stored encrypted; never shown again." />
          ) : (
            <>
              <TextField label="Client ID" name="clientId" required error={errors?.['credentials.clientId']} />
              <TextField label="Key ID (kid)" name="keyId" hint="Optional: the key's id in Okta, when the app has several." />
              <div className="flex flex-col gap-1.5">
                <label htmlFor={pemId} className="text-sm font-medium text-slate-800">
                  Private key (PEM or JWK)
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
          )}
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? 'Adding…' : 'Add connection'}
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
