/** Google's one issuer for every Workspace organisation (decision 063); a test or a proxy may set another. */
export const GOOGLE_DEFAULT_ISSUER = 'https://accounts.google.com';

/**
 * The `iss` values a Google ID token of this issuer may carry: its URL and the host form without the
 * scheme (`accounts.google.com`), which Google's older tokens carry. For a configured issuer such as
 * google-sim's, its URL and the same without `http(s)://`.
 */
export function googleIssuers(issuer: string): [string, string] {
  const url = issuer.replace(/\/+$/, '');
  return [url, url.replace(/^https?:\/\//, '')];
}
