import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import { type MetaFunction, data } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { TextField } from '~/components/form-field.tsx';
import { ActionNotices } from '~/components/action-notices.tsx';
import { Notice } from '~/components/notice.tsx';
import { ScimBaseUrl } from '~/components/scim/scim-base-url.tsx';
import { ScimSetupSteps } from '~/components/scim/scim-setup-steps.tsx';
import { SecretValue } from '~/components/secret-value.tsx';
import { TokenTable } from '~/components/tokens/token-table.tsx';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'SCIM provisioning · Butterfly' }];

/** super_admin only (scim.manage): the API answers FORBIDDEN otherwise, and the error boundary says so. */
export const loader = authedLoader(async ({ context, caller }) => {
  return { tokens: await caller.scimTokens.list(), baseUrl: context.services.scimBaseUrl };
});

export const action = authedAction(async ({ caller, form, intent }) => {
  if (intent === 'create') {
    const t = await caller.scimTokens.create({ label: String(form.get('label') ?? '').trim() || undefined });
    return { intent, created: { label: t.label, token: t.token } };
  }
  if (intent === 'revoke') {
    const r = await caller.scimTokens.revoke({ tokenId: String(form.get('tokenId') ?? '') });
    return { intent, ok: `${r.label} revoked: your identity provider's next request with it is refused.` };
  }
  return data({ intent, error: 'Unknown action.' }, { status: 400 });
});

export default function ScimSettings() {
  const { tokens, baseUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const created = result && 'created' in result ? result.created : undefined;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">SCIM provisioning</h1>
      {created && (
        <Notice tone="success" role="status" title={`SCIM token “${created.label}” created`}>
          <p className="mb-3">
            Paste it in your identity provider's SCIM app as the header value <code>Bearer &lt;token&gt;</code>. It is
            shown once.
          </p>
          <SecretValue label="Your new SCIM token" value={created.token} />
        </Notice>
      )}
      <ActionNotices result={result} />
      <ScimBaseUrl url={baseUrl} />
      <Card>
        <CardHeader>
          <CardTitle>Mint a SCIM token</CardTitle>
          <CardDescription>
            Several tokens may be active at once: to rotate, mint a new one, switch your identity provider to it, then
            revoke the old one.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" className="flex flex-wrap items-end gap-4">
            <input type="hidden" name="intent" value="create" />
            <TextField label="Label" name="label" maxLength={200} placeholder="Okta production" className="min-w-64" />
            <Button type="submit" disabled={busy}>
              Mint token
            </Button>
          </Form>
        </CardContent>
      </Card>
      <section aria-labelledby="scim-tokens-heading" className="flex flex-col gap-3">
        <h2 id="scim-tokens-heading" className="text-xl font-semibold">
          Tokens
        </h2>
        <TokenTable
          caption="SCIM tokens"
          tokens={tokens.map((t) => ({
            id: t.id,
            name: t.label,
            prefix: t.prefix,
            createdAt: t.createdAt,
            lastUsedAt: t.lastUsedAt,
            status: t.active ? 'active' : 'revoked',
          }))}
        />
      </section>
      <ScimSetupSteps baseUrl={baseUrl} />
    </div>
  );
}
