/** Google's one issuer for every Workspace organisation (decision 063); a test or a proxy may set another. */
export const GOOGLE_DEFAULT_ISSUER = 'https://accounts.google.com';

/**
 * Whether an issuer is Google's own (`accounts.google.com`, any scheme or path). A plain OIDC client
 * with it would let any Google account in, personal ones with a work address included: Google is
 * only configured as the `google` provider, which checks the `hd` claim.
 */
export const isGoogleIssuer = (issuer: string) =>
  URL.canParse(issuer) && new URL(issuer).hostname.toLowerCase() === 'accounts.google.com';

/**
 * The `iss` values a Google ID token of this issuer may carry: its URL and the host form without the
 * scheme (`accounts.google.com`), which Google's older tokens carry. For a configured issuer such as
 * google-sim's, its URL and the same without `http(s)://`.
 */
export function googleIssuers(issuer: string): [string, string] {
  const url = issuer.replace(/\/+$/, '');
  return [url, url.replace(/^https?:\/\//, '')];
}
