import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useState } from 'react';
import { TextField } from '../form-field.tsx';
import { CredentialFields } from './credential-fields.tsx';

type Errors = Record<string, string> | undefined;

/**
 * Rename, and replace the backup credential. The stored credential is never shown: leaving the
 * credential as "keep" changes only the name, and a new one is write-only like at creation.
 */
export function EditConnectionCard({
  name,
  errors,
  rateLimitShare,
}: {
  name: string;
  errors: Errors;
  rateLimitShare?: number | null;
}) {
  const [kind, setKind] = useState<'keep' | 'ssws' | 'oauth'>('keep');
  return (
    <Card id="edit">
      <CardHeader>
        <CardTitle>Edit</CardTitle>
        <CardDescription>
          Rename the connection or replace its credential (a new SSWS token, or a service app key). The stored
          credential is never shown.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="edit" />
          <TextField label="Name" name="name" required maxLength={100} defaultValue={name} error={errors?.name} />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Credential</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="keep" checked={kind === 'keep'} onChange={() => setKind('keep')} />{' '}
              Keep the stored credential
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="ssws" checked={kind === 'ssws'} onChange={() => setKind('ssws')} />{' '}
              Replace with an SSWS API token
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                value="oauth"
                checked={kind === 'oauth'}
                onChange={() => setKind('oauth')}
              />{' '}
              Replace with an OAuth service app (client ID and private key)
            </label>
          </fieldset>
          {kind !== 'keep' && <CredentialFields kind={kind} errors={errors} replacing />}
          {rateLimitShare !== undefined && (
            <TextField
              label="Rate-limit share (%)"
              name="rateLimitShare"
              type="number"
              min={1}
              max={100}
              placeholder="50"
              defaultValue={rateLimitShare ?? ''}
              hint="The share of each Okta rate-limit bucket the service app has in Okta (Application rate limits). Backups never use more. Empty: Okta's default, 50 %."
              error={errors?.rateLimitShare}
            />
          )}
          <div>
            <Button type="submit">Save changes</Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
