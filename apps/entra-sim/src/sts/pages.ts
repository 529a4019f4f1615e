import { escapeHtml } from '../http/respond.ts';
import type { TObj } from '../model/types.ts';

const shell = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  '<style>body{font-family:Segoe UI,system-ui,sans-serif;max-width:32rem;margin:3rem auto}li{margin:.3rem 0}</style>' +
  `</head><body>${body}</body></html>`;

/** The simulator's "Pick an account": one button per user, no password (it is a local stand-in). */
export function signInPage(tenantName: string, params: URLSearchParams, users: TObj[], total: number): string {
  const hidden = [...params]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const items = users
    .map(
      (u) =>
        `<li><button name="user_id" value="${escapeHtml(u.id)}">${escapeHtml(String(u.displayName))} &lt;${escapeHtml(String(u.userPrincipalName))}&gt;</button></li>`,
    )
    .join('');
  return shell(
    'Sign in to your account',
    `<h1>Pick an account</h1><p>entra-sim tenant ${escapeHtml(tenantName)}: ${users.length} of ${total} matching users shown (add <code>login_hint</code> or <code>q</code> to narrow).</p>` +
      `<form method="post" action="authorize">${hidden}<ul>${items}</ul></form>`,
  );
}

/** response_mode=form_post: the browser posts the code to the redirect URI at once. */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return shell(
    'Working...',
    `<form method="post" action="${escapeHtml(action)}" id="f">${inputs}<noscript><button>Continue</button></noscript></form><script>document.getElementById('f').submit()</script>`,
  );
}

export function stsErrorPage(description: string): string {
  return shell(
    'Sign in error',
    `<h1>Sorry, but we're having trouble signing you in.</h1><p>${escapeHtml(description)}</p>`,
  );
}

export function signedOutPage(): string {
  return shell(
    'Signed out',
    "<h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p>",
  );
}
