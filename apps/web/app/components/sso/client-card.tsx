import type { TIssuerProbeReport } from '@butterfly/domain/sso';
import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { Form, useNavigation } from '@remix-run/react';
import { useId } from 'react';
import { SelectField, TextField } from '../form-field.tsx';
import { ConnectionReport } from './connection-report.tsx';

type Client = {
  provider: 'oidc' | 'entra' | 'google';
  issuer: string;
  directoryId: string | null;
  authorityUrl: string | null;
  clientId: string;
  hasClientSecret: boolean;
  updatedAt: string;
} | null;

/**
 * Which provider, then its issuer (any OIDC provider; Google's is optional, Google's own by default)
 * or its directory (Microsoft Entra ID, whose issuer Butterfly derives), client id and the write-only
 * client secret, with "test connection".
 * Both sets of fields are always there (the page works without JavaScript); the provider picks one.
 */
export function ClientCard({ client, report }: { client: Client; report?: TIssuerProbeReport & { issuer: string } }) {
  const nav = useNavigation();
  const providerId = useId();
  const entra = client?.provider === 'entra';
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
          <div className="flex flex-col gap-1.5">
            <label htmlFor={providerId} className="text-sm font-medium text-slate-800">
              Provider
            </label>
            <SelectField id={providerId} name="provider" defaultValue={client?.provider ?? 'oidc'}>
              <option value="oidc">OpenID Connect (Okta and others)</option>
              <option value="entra">Microsoft Entra ID</option>
              <option value="google">Google Workspace</option>
            </SelectField>
          </div>
          <TextField
            label="Issuer"
            name="issuer"
            type="url"
            defaultValue={entra ? undefined : client?.issuer}
            placeholder="https://example.okta.com"
            hint="OpenID Connect; for Google Workspace leave it empty (https://accounts.google.com)."
          />
          <TextField
            label="Directory (tenant) ID"
            name="directoryId"
            defaultValue={client?.directoryId ?? undefined}
            placeholder="72f988bf-86f1-41af-91ab-2d7cd011db47"
            autoComplete="off"
            hint="Microsoft Entra ID only: the GUID on the app registration's Overview."
          />
          <TextField
            label="Authority"
            name="authorityUrl"
            type="url"
            defaultValue={entra && client?.authorityUrl ? client.authorityUrl : undefined}
            placeholder="https://login.microsoftonline.com"
            hint="Microsoft Entra ID only, for national clouds; empty means https://login.microsoftonline.com."
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
