import { createHash, createSecretKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeProtectedHeader, jwtVerify, SignJWT, decodeJwt } from 'jose';
import { HttpResponse, http } from 'msw';

/**
 * msw handlers standing in for one Entra tenant: the identity platform's v2.0 token endpoint and
 * Microsoft Graph, shaped on Graph's documented payloads (`@odata.context`, opaque `$skiptoken`
 * nextLinks, `$batch` sub-responses, `{"error":{"code","message","innerError"}}`, AADSTS token
 * errors). Written from Microsoft's docs and shared/spec/entra.md only — the paths and the
 * permission of each path here are not read from the connector's catalog, so a wrong path or
 * permission there fails a test instead of agreeing with itself.
 */
export const LOGIN = 'https://login.entra.test';
export const GRAPH = 'https://graph.entra.test';
export const TENANT = '6f1c4a5e-2b7d-4c1e-9a3f-0d8e7b6c5a41';
export const CLIENT_ID = '3c9d2e1f-8a7b-4c6d-9e0f-1a2b3c4d5e6f';
export const SECRET = 'Qx~8Q~test-secret-value.not-real';
export const CERT_PEM = readFileSync(new URL('./test-app-cert.pem', import.meta.url), 'utf8');
const cert = new X509Certificate(CERT_PEM.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0]);
const THUMB_S256 = createHash('sha256').update(cert.raw).digest('base64url');
const TOKEN_KEY = createSecretKey(Buffer.from('graph-test-token-signing-key-32bytes!!'));

/** The application permission Graph checks for each path (Graph's API reference, least privileged). */
const PERMISSION_OF: [RegExp, string][] = [
  [/^\/identity\/conditionalAccess\//, 'Policy.Read.All'],
  [/^\/policies\/permissionGrantPolicies/, 'Policy.Read.PermissionGrant'],
  [/^\/policies\/roleManagementPolic/, 'RoleManagementPolicy.Read.Directory'],
  [/^\/policies\//, 'Policy.Read.All'],
  [/^\/(applications|servicePrincipals)/, 'Application.Read.All'],
  [/^\/oauth2PermissionGrants/, 'Directory.Read.All'],
  [/^\/roleManagement\/directory\/roleEligibilitySchedule/, 'RoleEligibilitySchedule.Read.Directory'],
  [/^\/roleManagement\/directory\/roleAssignmentSchedule/, 'RoleAssignmentSchedule.Read.Directory'],
  [/^\/(roleManagement|directoryRoles)/, 'RoleManagement.Read.Directory'],
  [/^\/groups/, 'Group.Read.All'],
  [/^\/users/, 'User.Read.All'],
  [/^\/(directory\/)?administrativeUnits/, 'AdministrativeUnit.Read.All'],
  [/^\/domains/, 'Domain.Read.All'],
  [/^\/(organization|subscribedSkus)/, 'Organization.Read.All'],
  [/^\/settings/, 'Directory.Read.All'],
];
export const ALL_ROLES = [...new Set(PERMISSION_OF.map(([, p]) => p))];

type Json = Record<string, unknown>;
export interface SubAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface TenantOptions {
  roles?: string[];
  /** The app exists but was never consented in this tenant (no service principal). */
  unconsented?: boolean;
  pageSize?: number;
  /** `path` (no version, no query) → items; every path not here nor in `singletons` answers 404. */
  collections?: Record<string, Json[]>;
  singletons?: Record<string, Json>;
  now?: () => number;
  expiresIn?: number;
}

export interface Seen {
  method: string;
  url: string;
  /** Sub-request URLs when this was a `$batch`. */
  batch?: string[];
  at: number;
}

const errorBody = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: {
      date: '2026-12-07T12:00:00',
      'request-id': 'b7a8c1d2-0000-4000-8000-000000000001',
      'client-request-id': 'b7a8c1d2-0000-4000-8000-000000000001',
    },
  },
});
const aadsts = (n: number, error: string, text: string) => ({
  error,
  error_description: `AADSTS${n}: ${text}\r\nTrace ID: 0b7c\r\nCorrelation ID: 9f1e\r\nTimestamp: 2026-12-07 12:00:00Z`,
  error_codes: [n],
  timestamp: '2026-12-07 12:00:00Z',
  trace_id: '0b7c',
  correlation_id: '9f1e',
});

/** Graph's cost of one request (resource units): 2 for users, 1 otherwise; `$select` −1, never below 1. */
export function graphCost(path: string, query: URLSearchParams): number {
  let c = /^\/users(\/[^/]+)?$/.test(path) ? 2 : 1;
  if (query.has('$select')) c -= 1;
  if (query.has('$expand')) c += 1;
  return Math.max(1, c);
}

export function fakeTenant(opts: TenantOptions = {}) {
  const now = opts.now ?? (() => Date.now());
  const seen: Seen[] = [];
  const tokenRequests: URLSearchParams[] = [];
  const assertionHeaders: Json[] = [];
  /** RU charged per request, with the time Graph received it. */
  const charges: { at: number; ru: number; path: string }[] = [];
  /** Answers to give instead, in order, for a path (no version, with query): 429s, 404s. */
  const injected = new Map<string, SubAnswer[]>();
  const extraHeaders: Record<string, string> = {};
  const pageSize = opts.pageSize ?? 100;
  const roles = opts.roles ?? ALL_ROLES;

  const tokenUrl = `${LOGIN}/${TENANT}/oauth2/v2.0/token`;

  const token = http.post(tokenUrl, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    tokenRequests.push(form);
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== `${GRAPH}/.default`)
      return HttpResponse.json(aadsts(70011, 'invalid_scope', 'The provided value for scope is not valid.'), {
        status: 400,
      });
    if (form.get('client_id') !== CLIENT_ID)
      return HttpResponse.json(
        aadsts(
          700016,
          'unauthorized_client',
          `Application with identifier '${form.get('client_id')}' was not found in the directory.`,
        ),
        { status: 400 },
      );
    if (opts.unconsented)
      return HttpResponse.json(
        aadsts(7000229, 'invalid_client', 'The client application is missing service principal in the tenant.'),
        { status: 400 },
      );
    const assertion = form.get('client_assertion');
    if (assertion) {
      try {
        assertionHeaders.push(decodeProtectedHeader(assertion) as Json);
        if (decodeProtectedHeader(assertion)['x5t#S256'] !== THUMB_S256) throw new Error('unknown key');
        await jwtVerify(assertion, cert.publicKey, {
          algorithms: ['RS256'],
          issuer: CLIENT_ID,
          subject: CLIENT_ID,
          audience: tokenUrl,
          currentDate: new Date(now()),
        });
      } catch {
        return HttpResponse.json(aadsts(700027, 'invalid_client', 'Client assertion failed signature validation.'), {
          status: 401,
        });
      }
    } else if (form.get('client_secret') !== SECRET) {
      return HttpResponse.json(aadsts(7000215, 'invalid_client', 'Invalid client secret provided.'), { status: 401 });
    }
    const iat = Math.floor(now() / 1000);
    const access = await new SignJWT({ roles, tid: TENANT, appid: CLIENT_ID })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setAudience(GRAPH)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (opts.expiresIn ?? 3599))
      .sign(TOKEN_KEY);
    return HttpResponse.json({
      token_type: 'Bearer',
      expires_in: opts.expiresIn ?? 3599,
      ext_expires_in: 3599,
      access_token: access,
    });
  });

  /** One GET below a version root, as Graph answers it (used for plain requests and for `$batch` items). */
  async function answer(version: string, rel: string, authorization: string | null): Promise<SubAnswer> {
    const u = new URL(rel, 'https://x.invalid');
    const path = u.pathname;
    const base = { 'content-type': 'application/json;odata.metadata=minimal' };
    let claims: Json;
    try {
      claims = (
        await jwtVerify((authorization ?? '').replace(/^Bearer /, ''), TOKEN_KEY, { currentDate: new Date(now()) })
      ).payload as Json;
    } catch {
      return {
        status: 401,
        headers: base,
        body: errorBody('InvalidAuthenticationToken', 'Access token validation failure.'),
      };
    }
    const queue = injected.get(`${path}${u.search}`) ?? injected.get(path);
    const forced = queue?.shift();
    if (forced) return forced;
    const ru = graphCost(path, u.searchParams);
    charges.push({ at: now(), ru, path: `${path}${u.search}` });
    const headers = { ...base, 'x-ms-resource-unit': String(ru), ...extraHeaders };
    const needed = PERMISSION_OF.find(([re]) => re.test(path))?.[1];
    if (needed && !(claims.roles as string[]).includes(needed))
      return {
        status: 403,
        headers,
        body: errorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      };
    const ctx = `${GRAPH}/${version}/$metadata#${path.slice(1)}`;
    const single = opts.singletons?.[path];
    if (single) return { status: 200, headers, body: { '@odata.context': `${ctx}/$entity`, ...single } };
    const list = opts.collections?.[path.replace(/\/delta$/, '')];
    if (!list)
      return {
        status: 404,
        headers,
        body: errorBody('Request_ResourceNotFound', `Resource '${path}' does not exist.`),
      };
    // The skip token is this handler's own opaque encoding: a client that parsed it would break.
    const skip = u.searchParams.get('$skiptoken');
    const from = skip ? Number(Buffer.from(skip, 'base64url').toString().split(':')[1]) : 0;
    const page = list.slice(from, from + pageSize).map((x) => ({ ...x }));
    const body: Json = { '@odata.context': ctx, value: page };
    if (from + pageSize < list.length) {
      const next = new URLSearchParams(u.searchParams);
      next.set('$skiptoken', Buffer.from(`RFNwdAIAAQAAAB:${from + pageSize}:+/=`).toString('base64url'));
      body['@odata.nextLink'] = `${GRAPH}/${version}${path}?${next}`;
    } else if (path.endsWith('/delta')) {
      body['@odata.deltaLink'] =
        `${GRAPH}/${version}${path}?$deltatoken=${Buffer.from(`d:${list.length}`).toString('base64url')}`;
    }
    return { status: 200, headers, body };
  }

  const toResponse = (a: SubAnswer) =>
    a.body === undefined
      ? new HttpResponse(null, { status: a.status, headers: a.headers })
      : HttpResponse.json(a.body, { status: a.status, headers: a.headers });

  const batch = http.post(/^https:\/\/graph\.entra\.test\/(v1\.0|beta)\/\$batch$/, async ({ request }) => {
    const { requests } = (await request.json()) as { requests: { id: string; method: string; url: string }[] };
    const version = new URL(request.url).pathname.split('/')[1]!;
    seen.push({ method: 'POST', url: request.url, batch: requests.map((r) => r.url), at: now() });
    if (requests.length > 20)
      return HttpResponse.json(errorBody('BadRequest', 'The batch request exceeds the maximum of 20 requests.'), {
        status: 400,
      });
    const authorization = request.headers.get('authorization');
    const responses = [];
    for (const r of requests) {
      const a = await answer(version, r.url.startsWith('/') ? r.url : `/${r.url}`, authorization);
      responses.push({ id: r.id, status: a.status, headers: a.headers ?? {}, body: a.body });
    }
    return HttpResponse.json({ responses }, { headers: { 'content-type': 'application/json' } });
  });

  const get = http.get(`${GRAPH}/:version/*`, async ({ request, params }) => {
    const url = new URL(request.url);
    seen.push({ method: 'GET', url: request.url, at: now() });
    const version = String(params.version);
    const rel = `${url.pathname.slice(version.length + 1)}${url.search}`;
    return toResponse(await answer(version, rel, request.headers.get('authorization')));
  });

  return {
    handlers: [token, batch, get],
    seen,
    tokenRequests,
    assertionHeaders,
    charges,
    /** Answer the next requests to `path` (no version; with its query, or without to match any) with these. */
    inject(path: string, ...answers: SubAnswer[]) {
      injected.set(path, [...(injected.get(path) ?? []), ...answers]);
    },
    setHeader(name: string, value: string) {
      extraHeaders[name] = value;
    },
    /** GETs (not batch items) whose path starts with this. */
    gets: (prefix: string) => seen.filter((s) => s.method === 'GET' && new URL(s.url).pathname.includes(prefix)),
    batches: () => seen.filter((s) => s.batch),
    decodeToken: (header: string) => decodeJwt(header.replace(/^Bearer /, '')),
  };
}
