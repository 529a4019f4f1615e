import { redirect } from '@remix-run/node';
import type { api } from '~/api.server.ts';
import { serviceAccountKeyOf } from '~/utils/service-account-key.ts';
import { formText } from './form-text.ts';

type Caller = Awaited<ReturnType<typeof api>>;

export const MANAGE_INTENTS = ['edit', 'pause', 'resume', 'delete'] as const;
export type ManageIntent = (typeof MANAGE_INTENTS)[number];
export const isManageIntent = (intent: string): intent is ManageIntent =>
  (MANAGE_INTENTS as readonly string[]).includes(intent);

/**
 * The connection page's edit, pause, resume and delete forms, through the same procedures as the API
 * (permission, tenant and input checks happen there). Errors are the caller's to turn into a problem.
 */
export async function manageConnection(caller: Caller, connectionId: string, intent: ManageIntent, form: FormData) {
  if (intent === 'edit') {
    const kind = formText(form, 'kind');
    const credentials =
      kind === 'oauth'
        ? {
            kind: 'oauth' as const,
            clientId: formText(form, 'clientId'),
            privateKey: String(form.get('privateKey') ?? ''),
            ...(formText(form, 'keyId') ? { keyId: formText(form, 'keyId') } : {}),
          }
        : kind === 'ssws'
          ? { kind: 'ssws' as const, token: formText(form, 'token') }
          : kind === 'client_secret'
            ? { kind: 'client_secret' as const, clientSecret: String(form.get('clientSecret') ?? '') }
            : kind === 'certificate'
              ? { kind: 'certificate' as const, certificatePem: String(form.get('certificatePem') ?? '') }
              : kind === 'service_account'
                ? { kind: 'service_account' as const, serviceAccountKey: await serviceAccountKeyOf(form) }
                : undefined;
    // Only OAuth connections show the share; empty is Okta's default (null). A bad number is the domain's VALIDATION.
    const share = form.has('rateLimitShare') ? formText(form, 'rateLimitShare') : undefined;
    const rateLimitShare = share === undefined ? undefined : share === '' ? null : Number(share);
    const c = await caller.connections.update({
      connectionId,
      name: formText(form, 'name'),
      ...(credentials ? { credentials } : {}),
      ...(rateLimitShare !== undefined ? { rateLimitShare } : {}),
    });
    const shareNote =
      rateLimitShare !== undefined ? ` It uses at most ${c.rateLimitCeiling} % of each Okta rate-limit bucket.` : '';
    return {
      intent,
      ok: credentials
        ? `Saved. ${c.name} has a new credential: test the connection to check it.${shareNote}`
        : `Saved: the connection is named ${c.name}.${shareNote}`,
    };
  }
  if (intent === 'pause') {
    const reason = formText(form, 'reason');
    await caller.connections.pause({ connectionId, ...(reason ? { reason } : {}) });
    return { intent, ok: 'Backups are paused.' };
  }
  if (intent === 'resume') {
    await caller.connections.resume({ connectionId });
    return { intent, ok: 'Backups are resumed.' };
  }
  // Never a default for what happens to the snapshots: no choice sent is a validation error.
  const choice = formText(form, 'snapshots');
  const keepSnapshots = choice === 'keep' ? true : choice === 'delete' ? false : (undefined as unknown as boolean);
  await caller.connections.remove({ connectionId, confirmName: formText(form, 'confirmName'), keepSnapshots });
  return redirect(keepSnapshots ? `/connections/${connectionId}` : '/connections');
}
