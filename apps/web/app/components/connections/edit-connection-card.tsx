import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { useState } from 'react';
import { TextField } from '../form-field.tsx';
import { CredentialFields } from './credential-fields.tsx';
import { PemField } from './pem-field.tsx';
import { ServiceAccountKeyField } from './service-account-key-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * Rename, and replace the backup credential. The stored credential is never shown: leaving the
 * credential as "keep" changes only the name, and a new one is write-only like at creation.
 */
type Kind = 'keep' | 'ssws' | 'oauth' | 'client_secret' | 'certificate' | 'service_account';
type Provider = 'okta' | 'entra' | 'google';

/** The credentials a provider's connection takes, as the radio choices offer them. */
const CHOICES: Record<Provider, [Kind, string][]> = {
  okta: [
    ['ssws', 'Replace with an SSWS API token'],
    ['oauth', 'Replace with an OAuth service app (client ID and private key)'],
  ],
  entra: [
    ['client_secret', 'Replace with a new client secret of the app'],
    ['certificate', 'Replace with a certificate of the app (PEM with its private key)'],
  ],
  google: [['service_account', 'Replace with a new key of the service account (JSON key file)']],
};

const DESCRIPTIONS: Record<Provider, string> = {
  okta: 'Rename the connection or replace its credential (a new SSWS token, or a service app key). ',
  entra: "Rename the connection or replace its app's client secret or certificate (same app). ",
  google:
    "Rename the connection or replace its service account's key (rotate the key in Google Cloud, then delete the old one). ",
};

export function EditConnectionCard({
  name,
  errors,
  rateLimitShare,
  provider = 'okta',
}: {
  name: string;
  errors: Errors;
  rateLimitShare?: number | null;
  provider?: Provider;
}) {
  const [kind, setKind] = useState<Kind>('keep');
  return (
    <Card id="edit">
      <CardHeader>
        <CardTitle>Edit</CardTitle>
        <CardDescription>
          {DESCRIPTIONS[provider]}
          The stored credential is never shown.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form
          method="post"
          className="flex flex-col gap-4"
          autoComplete="off"
          encType={provider === 'google' ? 'multipart/form-data' : undefined}
        >
          <input type="hidden" name="intent" value="edit" />
          <TextField label="Name" name="name" required maxLength={100} defaultValue={name} error={errors?.name} />
          <fieldset className="flex flex-col gap-2">
            <legend className="text-sm font-medium text-slate-800">Credential</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="kind" value="keep" checked={kind === 'keep'} onChange={() => setKind('keep')} />{' '}
              Keep the stored credential
            </label>
            {CHOICES[provider].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                />{' '}
                {label}
              </label>
            ))}
          </fieldset>
          {(kind === 'ssws' || kind === 'oauth') && <CredentialFields kind={kind} errors={errors} replacing />}
          {kind === 'client_secret' && (
            <TextField
              label="New client secret"
              name="clientSecret"
              type="password"
              autoComplete="new-password"
              required
              hint="Stored encrypted; never shown again."
              error={errors?.['credentials.clientSecret']}
            />
          )}
          {kind === 'certificate' && (
            <PemField
              label="New certificate (PEM, with its key)"
              name="certificatePem"
              required
              rows={5}
              hint="Stored encrypted; never shown again."
              error={errors?.['credentials.certificatePem']}
            />
          )}
          {kind === 'service_account' && (
            <ServiceAccountKeyField label="New service account key file" error={errors?.serviceAccountKey} />
          )}
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
