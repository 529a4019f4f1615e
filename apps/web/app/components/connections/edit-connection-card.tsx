import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useId, useState } from 'react';
import { TextField } from '../form-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * Rename, and replace the backup credential. The stored credential is never shown: leaving the
 * credential as "keep" changes only the name, and a new one is write-only like at creation.
 */
export function EditConnectionCard({ name, errors }: { name: string; errors: Errors }) {
  const [kind, setKind] = useState<'keep' | 'ssws' | 'oauth'>('keep');
  const pemId = useId();
  return (
    <Card id="edit">
      <CardHeader>
        <CardTitle>Edit</CardTitle>
        <CardDescription>Rename the connection or replace its credential (a new SSWS token, or a service app key). The stored credential is never shown.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="edit" />
          <TextField label="Name" name="name" required maxLength={100} defaultValue={name} error={errors?.name} />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Credential</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="keep" checked={kind === 'keep'} onChange={() => setKind('keep')} /> Keep the stored credential
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="ssws" checked={kind === 'ssws'} onChange={() => setKind('ssws')} /> Replace with an SSWS API token
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="oauth" checked={kind === 'oauth'} onChange={() => setKind('oauth')} /> Replace with an OAuth service app (client ID and private key)
            </label>
          </fieldset>
          {kind === 'ssws' && <TextField label="New API token" name="token" type="password" autoComplete="new-password" required error={errors?.['credentials.token']} hint="Stored encrypted; never shown again." />}
          {kind === 'oauth' && (
            <>
              <TextField label="Client ID" name="clientId" required error={errors?.['credentials.clientId']} />
              <TextField label="Key ID (kid)" name="keyId" hint="Optional: the key's id in Okta, when the app has several." />
              <div className="flex flex-col gap-1.5">
                <label htmlFor={pemId} className="text-sm font-medium text-slate-800">
                  New private key (PEM or JWK)
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
            <Button type="submit">Save changes</Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
