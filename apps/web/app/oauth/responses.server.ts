/** Token-endpoint answers carry secrets: never cached (RFC 6749 5.1). */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

export const oauthJson = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });

/** RFC 6749 5.2: `invalid_client` is 401 (with a challenge), everything else 400. */
export function oauthError(error: string, description: string) {
  const status = error === 'invalid_client' ? 401 : 400;
  return oauthJson(
    status,
    { error, error_description: description },
    status === 401 ? { 'WWW-Authenticate': 'Bearer realm="butterfly"' } : {},
  );
}

/** The form body of a token or revocation request: `application/x-www-form-urlencoded`, small. */
export async function readOAuthForm(request: Request): Promise<URLSearchParams | null> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded'))
    return null;
  const text = await request.text();
  if (text.length > 10_000) return null;
  const form = new URLSearchParams(text);
  // RFC 6749 3.2: a parameter sent twice is a malformed request.
  const names = [...form.keys()];
  return names.length === new Set(names).size ? form : null;
}
