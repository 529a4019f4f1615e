import type { TIssuerProbeReport } from '@butterfly/domain/sso';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { TextField } from '../form-field.tsx';
import { ConnectionReport } from './connection-report.tsx';

type Client = { issuer: string; clientId: string; hasClientSecret: boolean; updatedAt: string } | null;

/** Issuer, client id and the write-only client secret, with "test connection". */
export function ClientCard({ client, report }: { client: Client; report?: TIssuerProbeReport & { issuer: string } }) {
  const nav = useNavigation();
  const busy = (intent: string) => nav.state === 'submitting' && nav.formData?.get('intent') === intent;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Identity provider</CardTitle>
        <CardDescription>
          For Okta, the issuer is your org URL (its org authorization server), like https://example.okta.com.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Form method="post" className="flex flex-col gap-4">
          <TextField
            label="Issuer"
            name="issuer"
            type="url"
            required
            defaultValue={client?.issuer}
            placeholder="https://example.okta.com"
          />
          <TextField label="Client ID" name="clientId" required defaultValue={client?.clientId} autoComplete="off" />
          <TextField
            label="Client secret"
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            hint={
              client?.hasClientSecret
                ? 'A secret is stored and never shown. Leave this empty to keep it.'
                : 'Required the first time.'
            }
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="intent" value="saveClient" disabled={busy('saveClient')}>
              Save
            </Button>
            <Button
              type="submit"
              name="intent"
              value="testConnection"
              variant="outline"
              disabled={busy('testConnection')}
            >
              {busy('testConnection') ? 'Testing…' : 'Test connection'}
            </Button>
          </div>
        </Form>
        {report && <ConnectionReport report={report} />}
      </CardContent>
    </Card>
  );
}
