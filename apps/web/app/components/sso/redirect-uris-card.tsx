import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';

/** What to paste into the IdP's app integration (docs/guide/sso.md walks through it). */
export function RedirectUrisCard({
  uris,
}: {
  uris: { signIn: string; signOut: string; login: string; frontChannelLogout?: string };
}) {
  const rows: [string, string][] = [
    ['Sign-in redirect URI', uris.signIn],
    ['Sign-out redirect URI', uris.signOut],
    ['Initiate login URI (optional)', uris.login],
  ];
  if (uris.frontChannelLogout) rows.push(['Front-channel logout URL', uris.frontChannelLogout]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>In your identity provider</CardTitle>
        <CardDescription>
          Create an OIDC web application (authorization code, client secret) with these URIs.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="font-medium text-slate-600">{label}</dt>
              <dd>
                <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono">{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
