import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { PemField } from '../connections/pem-field.tsx';
import { TextField } from '../form-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * A new Microsoft Entra ID connection (decision 057): the directory, the app registration's client
 * id, and its client secret or certificate, both write-only. Every field is rendered (no script
 * needed): the secret is used when given, the certificate otherwise.
 */
export function AddEntraConnectionCard({ errors }: { errors: Errors }) {
  const nav = useNavigation();
  const busy = nav.state === 'submitting' && nav.formData?.get('intent') === 'add-entra';
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a Microsoft Entra ID tenant</CardTitle>
        <CardDescription>
          Register an app in the tenant with the read permissions of the connections guide (application permissions,
          admin consent), then give its ids and a client secret or a certificate.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="add-entra" />
          <TextField label="Connection name" name="name" required maxLength={100} error={errors?.name} />
          <TextField
            label="Directory (tenant) ID"
            name="directoryId"
            required
            placeholder="00000000-0000-0000-0000-000000000000"
            hint="The tenant's GUID, or one of its verified domains."
            error={errors?.directoryId}
          />
          <TextField
            label="Application (client) ID"
            name="clientId"
            required
            placeholder="00000000-0000-0000-0000-000000000000"
            error={errors?.clientId}
          />
          <TextField
            label="Client secret"
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            hint="Stored encrypted; never shown again. Leave empty to use a certificate instead."
            error={errors?.['credentials.clientSecret']}
          />
          <PemField
            label="Certificate (PEM, with its key)"
            name="certificatePem"
            rows={5}
            hint="Only when no client secret is given. Stored encrypted; never shown again."
            error={errors?.['credentials.certificatePem']}
          />
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-800">National clouds</summary>
            <div className="mt-3 flex flex-col gap-4">
              <TextField
                label="Login URL"
                name="loginUrl"
                type="url"
                placeholder="https://login.microsoftonline.com"
                error={errors?.loginUrl}
              />
              <TextField
                label="Microsoft Graph URL"
                name="graphUrl"
                type="url"
                placeholder="https://graph.microsoft.com"
                error={errors?.graphUrl}
              />
            </div>
          </details>
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? 'Adding…' : 'Add Entra ID tenant'}
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
