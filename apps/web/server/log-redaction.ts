/**
 * The one place that decides what of a URL may reach a log line. Secrets travel in URLs in a few
 * well-known places: the recovery link's path, OAuth/OIDC codes, states and tokens in query strings,
 * and a `returnTo` that carries a whole authorization request. Every logger that prints a request's
 * path (request log, CSRF refusals, Remix's error handler) goes through `redactUrl`.
 */

const REDACTED = '[redacted]';
const MAX_LENGTH = 300;

/** Path segments that are themselves secrets: `/recover/<token>` (and its `.data` twin). */
const SECRET_PATHS: readonly RegExp[] = [/^(\/recover\/)[^/?]+/];

/** Query parameters whose value is never logged (compared lower-cased, after percent-decoding). */
const SECRET_PARAMS = new Set([
  'code',
  'state',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'id_token_hint',
  'logout_token',
  'client_secret',
  'client_assertion',
  'code_verifier',
  'assertion',
  'password',
  'secret',
  'session_state',
  'returnto',
  'login_hint',
]);

const decode = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** `path?query` as it may be logged: secret path segments and secret parameters' values replaced. */
export function redactUrl(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  let path = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, `$1${REDACTED}`);
  if (q === -1) return path.slice(0, MAX_LENGTH);
  // Rebuilt by hand, not with URLSearchParams, so what is logged keeps the request's own spelling.
  const query = pathAndQuery
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return eq !== -1 && SECRET_PARAMS.has(decode(name).toLowerCase()) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`.slice(0, MAX_LENGTH);
}
