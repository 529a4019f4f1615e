import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { CopyButton } from '~/components/copy-button.tsx';

/** The SCIM base URL (SCIM_PUBLIC_URL) an identity provider is given, with a copy button. */
export function ScimBaseUrl({ url }: { url: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>SCIM base URL</CardTitle>
        <CardDescription>Okta calls it the SCIM connector base URL; Entra ID calls it the Tenant URL.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center gap-3">
        <code
          data-testid="scim-base-url"
          className="min-w-0 wrap-anywhere rounded bg-slate-100 px-2 py-1 text-sm text-slate-900"
        >
          {url}
        </code>
        <CopyButton value={url} label="Copy base URL" />
      </CardContent>
    </Card>
  );
}
