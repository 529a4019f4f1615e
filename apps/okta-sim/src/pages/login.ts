import { escapeHtml, layout } from './html.ts';

export interface TLoginPage {
  orgName: string;
  action: string;
  login?: string;
  error?: string;
}

/**
 * The org's sign-in form. `login` comes from the client's `login_hint` (or the last attempt), as
 * Okta prefills its username field; the password field then takes focus.
 */
export function loginPage({ orgName, action, login, error }: TLoginPage): string {
  const alert = error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '';
  return layout(
    `Sign In - ${orgName}`,
    `<h1>Sign In</h1>
<p class="org">${escapeHtml(orgName)} (Okta simulator)</p>
${alert}
<form method="post" action="${escapeHtml(action)}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(login)}"${login ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${login ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>`,
  );
}
