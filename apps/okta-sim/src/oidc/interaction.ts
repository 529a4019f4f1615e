import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type InteractionResults } from 'oidc-provider';
import { readForm } from '../http/body.ts';
import { sendHtml } from '../http/respond.ts';
import { errorPage } from '../pages/error.ts';
import { loginPage } from '../pages/login.ts';
import type { OrgAuthServer } from './auth-server.ts';
import { interactionPath } from './configuration.ts';

type Interaction = Awaited<ReturnType<OrgAuthServer['provider']['interactionDetails']>>;

/**
 * `/<org>/interaction/<uid>`: where oidc-provider sends the browser when it needs the user.
 * `login` shows the sign-in form (GET) and checks it (POST). `consent` is granted at once: every
 * client is an app integration an admin registered, and Okta does not ask users to consent to
 * those.
 */
export async function handleInteraction(auth: OrgAuthServer, req: IncomingMessage, res: ServerResponse, uid: string) {
  let interaction: Interaction;
  try {
    interaction = await auth.provider.interactionDetails(req, res);
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound)) throw error;
    return sendHtml(
      res,
      400,
      errorPage('invalid_request', 'This sign-in attempt has expired. Start again from the app.'),
    );
  }
  if (interaction.uid !== uid) return sendHtml(res, 400, errorPage('invalid_request', 'Unknown sign-in attempt.'));

  switch (interaction.prompt.name) {
    case 'login':
      return req.method === 'POST' ? submitLogin(auth, req, res, interaction) : showLogin(auth, res, interaction);
    case 'consent':
      return grantConsent(auth, req, res, interaction);
    default:
      return sendHtml(res, 400, errorPage('invalid_request', `Unsupported prompt ${interaction.prompt.name}.`));
  }
}

function showLogin(auth: OrgAuthServer, res: ServerResponse, interaction: Interaction, failed?: { login: string }) {
  const hint = interaction.params.login_hint;
  sendHtml(
    res,
    failed ? 400 : 200,
    loginPage({
      orgName: auth.org.name,
      action: interactionPath(new URL(auth.org.url).pathname, interaction.uid),
      login: failed?.login ?? (typeof hint === 'string' ? hint : undefined),
      error: failed && 'Unable to sign in',
    }),
  );
}

async function submitLogin(auth: OrgAuthServer, req: IncomingMessage, res: ServerResponse, interaction: Interaction) {
  const form = await readForm(req);
  const login = form.get('email') ?? '';
  const user = await auth.org.authenticate(login, form.get('password') ?? '');
  if (!user) return showLogin(auth, res, interaction, { login });
  const result: InteractionResults = { login: { accountId: user.id, amr: ['pwd'] } };
  await auth.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/** Grants exactly what oidc-provider reports missing (the documented consent pattern). */
async function grantConsent(auth: OrgAuthServer, req: IncomingMessage, res: ServerResponse, interaction: Interaction) {
  const { Grant } = auth.provider;
  const { details } = interaction.prompt;
  const existing = interaction.grantId ? await Grant.find(interaction.grantId) : undefined;
  const grant =
    existing ??
    new Grant({ accountId: interaction.session!.accountId, clientId: String(interaction.params.client_id) });
  const missingScope = details.missingOIDCScope as string[] | undefined;
  const missingClaims = details.missingOIDCClaims as string[] | undefined;
  const missingResourceScopes = details.missingResourceScopes as Record<string, string[]> | undefined;
  if (missingScope) grant.addOIDCScope(missingScope.join(' '));
  if (missingClaims) grant.addOIDCClaims(missingClaims);
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  const result: InteractionResults = existing ? { consent: {} } : { consent: { grantId } };
  await auth.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}
