import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Notice } from '~/components/notice.tsx';
import { SecretValue } from '~/components/secret-value.tsx';

export const meta: MetaFunction = () => [
  { title: 'Connect the Butterfly extension · Butterfly' },
  { name: 'referrer', content: 'no-referrer' },
];

const text = (v: string | null, max: number) => (v && v.length <= max ? v : null);

/**
 * GET /oauth/handoff?code=…&state=…: the redirect URI for clients that cannot receive one of their
 * own (an extension without `chrome.identity`). It shows the code for the extension (its content
 * script reads `#oauth-code`) or the person to paste; the code is single-use, lives a minute and is
 * useless without the extension's PKCE verifier. Never cached, never sent on as a Referer.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  return data(
    {
      code: text(q.get('code'), 200),
      state: text(q.get('state'), 500),
      error: text(q.get('error'), 100),
      description: text(q.get('error_description'), 300),
    },
    { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export default function Handoff() {
  const { code, state, error, description } = useLoaderData<typeof loader>();
  return (
    <Card className="mx-auto w-full max-w-lg">
      <CardHeader>
        <CardTitle asLevel="h1" size="lg">
          {code ? 'Finish connecting the Butterfly extension' : 'The extension was not connected'}
        </CardTitle>
        <CardDescription>
          {code
            ? 'The extension picks this code up by itself. If it asks for it, copy it within a minute; it works once.'
            : 'Start again from the Butterfly extension.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {code && (
          <div id="oauth-code" data-code={code} data-state={state ?? ''}>
            <SecretValue label="Authorization code" value={code} />
          </div>
        )}
        {error && (
          <Notice tone="danger" role="alert">
            {error}: {description ?? 'no description'}
          </Notice>
        )}
      </CardContent>
    </Card>
  );
}
