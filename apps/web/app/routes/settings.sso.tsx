import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { api } from '~/api.server.ts';
import { requireMember } from '~/auth/session.server.ts';
import { SIGNED_OUT_PATH } from '~/auth/sign-out.server.ts';
import { ActionNotices } from '~/components/action-notices.tsx';
import { ClientCard } from '~/components/sso/client-card.tsx';
import { DomainsCard } from '~/components/sso/domains-card.tsx';
import { RedirectUrisCard } from '~/components/sso/redirect-uris-card.tsx';
import { actionProblem } from '~/utils/action-problem.server.ts';
import { apiRouteError } from '~/utils/api-error.server.ts';
import { formText } from '~/utils/form-text.ts';

export const meta: MetaFunction = () => [{ title: 'Single sign-on · Butterfly' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const me = await requireMember(request, context);
  try {
    const settings = await (await api(request, context)).sso.get();
    const base = context.services.appUrl;
    return { ...settings, uris: { signIn: `${base}/sso/${me.tenantSlug}/callback`, signOut: `${base}${SIGNED_OUT_PATH}`, login: `${base}/login` } };
  } catch (e) {
    throw apiRouteError(e);
  }
}

/** One form per task on the page, told apart by `intent`; each calls one sso.* procedure. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireMember(request, context);
  const form = await request.formData();
  const intent = formText(form, 'intent');
  const caller = await api(request, context);
  try {
    switch (intent) {
      case 'saveClient': {
        const secret = String(form.get('clientSecret') ?? '');
        await caller.sso.set({ issuer: formText(form, 'issuer'), clientId: formText(form, 'clientId'), clientSecret: secret || undefined });
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
  } catch (e) {
    return actionProblem(e, { intent });
  }
}


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
