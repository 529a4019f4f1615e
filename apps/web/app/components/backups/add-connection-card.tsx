import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { CredentialFields } from '../connections/credential-fields.tsx';
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
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a connection</CardTitle>
        <CardDescription>
          Connect the Okta org to back up. Okta recommends an API service app with a private key (scopes{' '}
          <code>okta.*.read</code>); an SSWS API token works too.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="add" />
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            hint="How people here tell this org apart, e.g. production."
            error={errors?.name}
          />
          <TextField
            label="Okta org URL"
            name="orgUrl"
            type="url"
            required
            placeholder="https://example.okta.com"
            error={errors?.orgUrl}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Credential</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="ssws" checked={kind === 'ssws'} onChange={() => setKind('ssws')} />{' '}
              SSWS API token
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                value="oauth"
                checked={kind === 'oauth'}
                onChange={() => setKind('oauth')}
              />{' '}
              OAuth service app (client ID and private key)
            </label>
          </fieldset>
          <CredentialFields kind={kind} errors={errors} />
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
