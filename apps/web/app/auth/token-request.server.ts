import type { OutboundClient } from '@butterfly/outbound';
import { OAuth2Tokens } from 'arctic';

export interface TTokenClient {
  clientId: string;
  clientSecret: string;
  outbound: Pick<OutboundClient, 'request'>;
}

/**
 * An OAuth 2.0 token-endpoint request (RFC 6749 4.1.3, 6; RFC 7009 2.1) sent through the outbound
 * client with redirects refused: a code, refresh token or client secret goes to the endpoint the
 * discovery document names and nowhere else. arctic builds the same request but sends it with the
 * global fetch, which follows redirects and resolves DNS again (decision 016). Client
 * authentication as arctic does it: HTTP Basic over the raw id and secret.
 */
export async function tokenRequest(
  client: TTokenClient,
  endpoint: string,
  form: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const res = await client.outbound.request(endpoint, {
    method: 'POST',
    redirect: 'error',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams(form).toString(),
    maxBytes: 256 * 1024,
  });
  let body: unknown;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

/** A token endpoint's refusal: its message says what it answered; `errorCodes` are Entra's `error_codes`. */
export class TokenEndpointError extends Error {
  override name = 'TokenEndpointError';
  constructor(
    message: string,
    readonly errorCodes: number[],
  ) {
    super(message);
  }
}

/** The tokens of a 200 answer, or a TokenEndpointError that says what the endpoint answered. */
export async function requestTokens(
  client: TTokenClient,
  endpoint: string,
  form: Record<string, string>,
): Promise<OAuth2Tokens> {
  const { status, body } = await tokenRequest(client, endpoint, form);
  const b = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (status === 200 && b && typeof b.access_token === 'string') return new OAuth2Tokens(b);
  const error =
    typeof b?.error === 'string'
      ? `${b.error}${typeof b.error_description === 'string' ? `: ${b.error_description}` : ''}`
      : undefined;
  const codes = Array.isArray(b?.error_codes) ? b.error_codes.filter((c): c is number => Number.isInteger(c)) : [];
  throw new TokenEndpointError(
    `HTTP ${status}${error ? ` (${error.slice(0, 200)})` : status === 200 ? ' without an access token' : ''}`,
    codes.slice(0, 10),
  );
}
