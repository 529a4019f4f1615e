import { type MetaFunction, data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { Notice } from '~/components/notice.tsx';
import { SecretValue } from '~/components/secret-value.tsx';
import { NewTokenForm } from '~/components/tokens/new-token-form.tsx';
import { TokenTable } from '~/components/tokens/token-table.tsx';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'My API tokens · Butterfly' }];

// Most to least power, as in the permission matrix; kept here so no domain code reaches the browser.
const ROLES = ['super_admin', 'admin', 'backup_operator', 'auditor', 'read_only'];

export const loader = authedLoader(async ({ caller, member: me }) => {
  const tokens = await caller.tokens.list();
  return { tokens, roles: ROLES.slice(ROLES.indexOf(me.role)) };
});

type TRole = 'super_admin' | 'admin' | 'backup_operator' | 'auditor' | 'read_only';

export const action = authedAction(async ({ caller, form, intent }) => {
  if (intent === 'create') {
    const days = String(form.get('expiresInDays') ?? '');
    const created = await caller.tokens.create({
      name: String(form.get('name') ?? ''),
      role: String(form.get('role') ?? '') as TRole,
      ...(days ? { expiresInDays: Number(days) } : {}),
    });
    return { intent, created: { name: created.name, token: created.token } };
  }
  if (intent === 'revoke') {
    const r = await caller.tokens.revoke({ tokenId: String(form.get('tokenId') ?? '') });
    return { intent, ok: `${r.name} revoked: requests with it are refused from now on.` };
  }
  return data({ intent, error: 'Unknown action.' }, { status: 400 });
});

export default function ApiTokens() {
  const { tokens, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && 'created' in result ? result.created : undefined;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">My API tokens</h1>
      {created && (
        <Notice tone="success" role="status" title={`Token “${created.name}” created`}>
          <p className="mb-3">Copy it now: Butterfly keeps only a hash and will not show it again.</p>
          <SecretValue label="Your new API token" value={created.token} />
        </Notice>
      )}
      {/* A token that could not be created is the form's to explain. */}
      <ActionNotices result={result?.intent === 'revoke' ? result : undefined} />
      <NewTokenForm
        roles={roles}
        error={result && 'error' in result && result.intent === 'create' ? result.error : undefined}
      />
      <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
        <h2 id="tokens-heading" className="text-xl font-semibold">
          Your tokens
        </h2>
        <TokenTable
          caption="Your API tokens"
          detailHeading="Role"
          tokens={tokens.map((t) => ({ ...t, detail: t.role ?? '', status: t.expired ? 'expired' : 'active' }))}
        />
      </section>
    </div>
  );
}
