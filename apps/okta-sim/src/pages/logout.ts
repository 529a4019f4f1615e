import { escapeHtml, layout } from './html.ts';

/**
 * Okta ends the session on /logout without asking. oidc-provider insists on a confirmation POST
 * (with its anti-CSRF field, inside `form`), so the page submits itself: the one script in the
 * simulator, with a button for browsers without JavaScript.
 */
export function logoutPage(orgName: string, form: string): string {
  return layout(
    `Signing out - ${orgName}`,
    `<h1>Signing out</h1>
<p class="org">${escapeHtml(orgName)} (Okta simulator)</p>
${form}
<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.forms[0].requestSubmit(document.querySelector('button[name=logout]'))</script>`,
  );
}

export function loggedOutPage(orgName: string): string {
  return layout(`Signed out - ${orgName}`, '<h1>Signed out</h1><p>You have been signed out.</p>');
}
