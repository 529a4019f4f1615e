import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { ServiceAccountKeyField } from '../connections/service-account-key-field.tsx';
import { TextField } from '../form-field.tsx';

type Errors = Record<string, string> | undefined;

/**
 * A new Google Workspace connection (decision 062): the primary domain, the super admin the service
 * account acts as, and the service account's JSON key (write-only). Works without script.
 */
export function AddGoogleConnectionCard({ errors }: { errors: Errors }) {
  const nav = useNavigation();
  const busy = nav.state === 'submitting' && nav.formData?.get('intent') === 'add-google';
  return (
    <Card>
      <CardHeader>
        <CardTitle>Add a Google Workspace customer</CardTitle>
        <CardDescription>
          Create a service account with a JSON key, authorize its client ID for the read scopes of the Google guide
          under domain-wide delegation, then give the super admin it acts as.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" encType="multipart/form-data" className="flex flex-col gap-4" autoComplete="off">
          <input type="hidden" name="intent" value="add-google" />
          <TextField label="Connection name" name="name" required maxLength={100} error={errors?.name} />
          <TextField
            label="Primary domain"
            name="primaryDomain"
            required
            placeholder="example.com"
            error={errors?.primaryDomain}
          />
          <TextField
            label="Admin email"
            name="adminEmail"
            type="email"
            required
            placeholder="butterfly-admin@example.com"
            hint="A super admin of your Google organisation: the Policy API answers super admins only."
            error={errors?.adminEmail}
          />
          <ServiceAccountKeyField label="Service account key file" error={errors?.serviceAccountKey} />
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-800">Other endpoints</summary>
            <div className="mt-3 flex flex-col gap-4">
              <TextField
                label="Token URL"
                name="tokenUrl"
                type="url"
                placeholder="https://oauth2.googleapis.com/token"
                error={errors?.tokenUrl}
              />
              <TextField
                label="Admin API URL"
                name="apiUrl"
                type="url"
                placeholder="https://admin.googleapis.com"
                error={errors?.apiUrl}
              />
            </div>
          </details>
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? 'Adding…' : 'Add Google Workspace customer'}
            </Button>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
