import { type MetaFunction, data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { SIGNED_OUT_PATH } from '~/auth/sign-out.server.ts';
import { ActionNotices } from '~/components/action-notices.tsx';
import { ClientCard } from '~/components/sso/client-card.tsx';
import { DomainsCard } from '~/components/sso/domains-card.tsx';
import { RedirectUrisCard } from '~/components/sso/redirect-uris-card.tsx';
import { formText } from '~/utils/form-text.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Single sign-on · Butterfly' }];

export const loader = authedLoader(async ({ context, caller, member: me }) => {
  const settings = await caller.sso.get();
  const base = context.services.appUrl;
  return {
    ...settings,
    uris: {
      signIn: `${base}/sso/${me.tenantSlug}/callback`,
      signOut: `${base}${SIGNED_OUT_PATH}`,
      login: `${base}/login`,
      // Entra has front-channel single sign-out only (decision 056).
      ...(settings.client?.provider === 'entra'
        ? { frontChannelLogout: `${base}/sso/${me.tenantSlug}/frontchannel-logout` }
        : {}),
    },
  };
});

/** One form per task on the page, told apart by `intent`; each calls one sso.* procedure. */
export const action = authedAction(async ({ caller, form, intent }) => {
  switch (intent) {
    case 'saveClient': {
      const secret = String(form.get('clientSecret') ?? '');
      const client = { clientId: formText(form, 'clientId'), clientSecret: secret || undefined };
      const authorityUrl = formText(form, 'authorityUrl');
      const issuer = formText(form, 'issuer');
      const provider = formText(form, 'provider');
      // Switching an Okta (OIDC) client to Google: the Issuer field still shows the Okta URL, which is
      // not meant as Google's issuer; only a Google client's own (or a newly typed) issuer counts.
      const before = provider === 'google' && issuer ? (await caller.sso.get()).client : null;
      const googleIssuer = before && before.provider !== 'google' && before.issuer === issuer ? '' : issuer;
      await caller.sso.set(
        provider === 'entra'
          ? {
              provider: 'entra',
              directoryId: formText(form, 'directoryId'),
              ...(authorityUrl ? { authorityUrl } : {}),
              ...client,
            }
          : provider === 'google'
            ? { provider: 'google', ...(googleIssuer ? { issuer: googleIssuer } : {}), ...client }
            : { issuer, ...client },
      );
      return { intent, ok: 'Identity provider saved.' };
    }
    case 'testConnection': {
      const issuer = formText(form, 'issuer');
      return { intent, report: await caller.sso.testConnection(issuer ? { issuer } : {}) };
    }
    case 'addDomain': {
      const added = await caller.sso.addDomain({ domain: formText(form, 'domain') });
      return { intent, ok: `${added.domain} added. Publish its TXT record, then verify it.` };
    }
    case 'verifyDomain': {
      const v = await caller.sso.verifyDomain({ domain: formText(form, 'domain') });
      return { intent, ok: `${v.domain} is verified: people with ${v.domain} addresses can now sign in.` };
    }
    case 'removeDomain': {
      const r = await caller.sso.removeDomain({ domain: formText(form, 'domain') });
      return { intent, ok: `${r.domain} removed.` };
    }
    default:
      return data({ intent, error: 'Unknown action.' }, { status: 400 });
  }
});

export default function SsoSettings() {
  const { client, domains, uris } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Single sign-on</h1>
      <ActionNotices result={result} />
      <RedirectUrisCard uris={uris} />
      <ClientCard client={client} report={result && 'report' in result ? result.report : undefined} />
      <DomainsCard domains={domains} />
    </div>
  );
}
