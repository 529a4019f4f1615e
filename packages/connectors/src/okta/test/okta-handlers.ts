import type { KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { HttpResponse, http, type HttpHandler } from 'msw';
import fixtures from './fixtures.json' with { type: 'json' };

/**
 * msw handlers standing in for one Okta org, built on the response examples of Okta's OpenAPI file
 * (fixtures.json; `pnpm fixtures` refreshes it). Written from the OpenAPI file and backup.md only:
 * nothing here comes from the connector (its catalog, its paths) or from the okta-sim app, so a
 * wrong path or scope in the catalog fails a test instead of agreeing with itself.
 */
export const ORG = 'https://acme.okta.test';
export { fixtures };

type Json = Record<string, unknown>;
const json = (v: unknown) => structuredClone(v) as Json[];

export interface FakeOrgOptions {
  ssws?: string;
  oauth?: { clientId: string; publicKey: KeyObject; granted: string[]; tokenType?: string; expiresIn?: number };
  /** How many users /api/v1/users serves (copies of the documented user with distinct ids). */
  users?: number;
  /** How many of those are DEPROVISIONED (the last ones). */
  deprovisioned?: number;
  /** Bucket limit sent in X-Rate-Limit-* headers (per endpoint, per minute). */
  rateLimit?: number;
}

export interface SeenRequest {
  method: string;
  url: string;
  authorization: string | null;
}

/** Scope Okta's OpenAPI file names for each endpoint served here. */
const SCOPE_OF: [RegExp, string][] = [
  [/^\/api\/v1\/users/, 'okta.users.read'],
  [/^\/api\/v1\/groups/, 'okta.groups.read'],
  [/^\/api\/v1\/apps/, 'okta.apps.read'],
  [/^\/api\/v1\/policies/, 'okta.policies.read'],
  [/^\/api\/v1\/trustedOrigins/, 'okta.trustedOrigins.read'],
  [/^\/api\/v1\/eventHooks/, 'okta.eventHooks.read'],
  [/^\/api\/v1\/iam\//, 'okta.roles.read'],
  [/^\/api\/v1\/org/, 'okta.orgs.read'],
  [/^\/api\/v1\/behaviors/, 'okta.behaviors.read'],
];

export function fakeOktaOrg(opts: FakeOrgOptions = {}) {
  const seen: SeenRequest[] = [];
  const assertions: string[] = [];
  const tokens = new Map<string, string[]>();
  const windowReset = () => Math.floor(Date.now() / 60_000) * 60 + 60;
  const counts = new Map<string, number>();

  const rateHeaders = (key: string) => {
    const limit = opts.rateLimit ?? 1000;
    const used = (counts.get(key) ?? 0) + 1;
    counts.set(key, used);
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - used)),
      'x-rate-limit-reset': String(windowReset()),
    };
  };

  /** Okta's authentication and scope checks, then the resolver. */
  const guarded =
    (resolve: (req: Request, params: Record<string, string>) => Response | Promise<Response>) =>
    async ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const url = new URL(request.url);
      const authorization = request.headers.get('authorization');
      seen.push({ method: request.method, url: request.url, authorization });
      const headers = rateHeaders(url.pathname.replace(/\/[0-9a-zA-Z]{20}(?=\/|$)/g, '/{id}'));
      const scope = SCOPE_OF.find(([re]) => re.test(url.pathname))?.[1];
      if (opts.ssws && authorization === `SSWS ${opts.ssws}`)
        return withHeaders(await resolve(request, params as Record<string, string>), headers);
      const granted = authorization?.startsWith('Bearer ') ? tokens.get(authorization.slice(7)) : undefined;
      if (!granted) return HttpResponse.json(error('E0000011', 'Invalid token provided'), { status: 401, headers });
      if (scope && !granted.includes(scope)) {
        return HttpResponse.json(fixtures.ErrorAccessDenied, {
          status: 403,
          headers: {
            ...headers,
            'www-authenticate':
              'Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes."',
          },
        });
      }
      return withHeaders(await resolve(request, params as Record<string, string>), headers);
    };

  const total = opts.users ?? 1;
  const users = Array.from({ length: total }, (_, i) => ({
    ...json(fixtures.ListUsersResponse)[0],
    id: `00u${String(i).padStart(17, '0')}`,
    ...(i >= total - (opts.deprovisioned ?? 0) ? { status: 'DEPROVISIONED' } : {}),
  }));

  const handlers: HttpHandler[] = [
    http.post(`${ORG}/oauth2/v1/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      seen.push({ method: 'POST', url: request.url, authorization: null });
      const o = opts.oauth;
      if (!o) return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      try {
        assertions.push(form.get('client_assertion') ?? '');
        await jwtVerify(form.get('client_assertion') ?? '', o.publicKey, {
          issuer: o.clientId,
          subject: o.clientId,
          audience: `${ORG}/oauth2/v1/token`,
        });
      } catch (e) {
        return HttpResponse.json({ error: 'invalid_client', error_description: (e as Error).message }, { status: 401 });
      }
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      ) {
        return HttpResponse.json({ error: 'invalid_request' }, { status: 400 });
      }
      const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (!scopes.length || scopes.some((s) => !o.granted.includes(s))) {
        return HttpResponse.json(
          {
            error: 'invalid_scope',
            error_description: 'One or more scopes are not configured for the authorization server resource.',
          },
          { status: 400 },
        );
      }
      const token = `at-${tokens.size + 1}`;
      tokens.set(token, scopes);
      return HttpResponse.json({
        token_type: o.tokenType ?? 'Bearer',
        expires_in: o.expiresIn ?? 3600,
        access_token: token,
        scope: scopes.join(' '),
      });
    }),
    http.get(
      `${ORG}/api/v1/users`,
      guarded((req) => {
        // The plain list omits DEPROVISIONED users; a filter on status returns them (and only them).
        const filter = new URL(req.url).searchParams.get('filter');
        const status = filter ? /status eq "(\w+)"/.exec(filter)?.[1] : undefined;
        return paged(
          req,
          status ? users.filter((u) => u.status === status) : users.filter((u) => u.status !== 'DEPROVISIONED'),
          200,
        );
      }),
    ),
    http.get(
      `${ORG}/api/v1/groups`,
      guarded(() => HttpResponse.json(fixtures['list-groups-examples'])),
    ),
    http.get(
      `${ORG}/api/v1/groups/:groupId/users`,
      guarded(() => HttpResponse.json(fixtures.ListUsersResponse)),
    ),
    http.get(
      `${ORG}/api/v1/groups/:groupId/owners`,
      guarded(() => HttpResponse.json(fixtures.ListsOwnersMultipleResponse)),
    ),
    http.get(
      `${ORG}/api/v1/groups/rules`,
      guarded(() => HttpResponse.json(fixtures['list-group-rules-example'])),
    ),
    http.get(
      `${ORG}/api/v1/apps`,
      guarded(() => HttpResponse.json(fixtures.GetApplicationsByGroupResponseEx)),
    ),
    http.get(
      `${ORG}/api/v1/apps/:appId/users`,
      guarded(() => HttpResponse.json(fixtures.AppUserListEx)),
    ),
    http.get(
      `${ORG}/api/v1/policies`,
      guarded((req) => HttpResponse.json(policies(new URL(req.url).searchParams.get('type')))),
    ),
    http.get(
      `${ORG}/api/v1/policies/:policyId/rules`,
      guarded(() => HttpResponse.json(fixtures['list-all-sign-on-policy-rule-response'])),
    ),
    http.get(
      `${ORG}/api/v1/trustedOrigins`,
      guarded(() => HttpResponse.json(fixtures.TrustedOriginsResponse)),
    ),
    http.get(
      `${ORG}/api/v1/eventHooks`,
      guarded(() => HttpResponse.json(fixtures.RetrieveAllEventHooks)),
    ),
    http.get(
      `${ORG}/api/v1/iam/roles`,
      guarded((req) => wrappedPage(req, 'roles', fixtures.RolesResponse.roles)),
    ),
    http.get(
      `${ORG}/api/v1/org`,
      guarded(() => HttpResponse.json(fixtures.OrgSettingResponse)),
    ),
    http.get(
      `${ORG}/api/v1/behaviors`,
      guarded(() =>
        HttpResponse.json(error('E0000015', 'You do not have permission to access the feature you are requesting'), {
          status: 401,
        }),
      ),
    ),
  ];

  return {
    handlers,
    seen,
    assertions,
    users,
    get: (path: string) => seen.filter((r) => r.method === 'GET' && new URL(r.url).pathname === path),
  };
}

/** Okta's cursor paging: `after` is opaque to the client; the next link carries it and the limit. */
function paged(req: Request, items: unknown[], max: number) {
  const url = new URL(req.url);
  const limit = Math.min(Number(url.searchParams.get('limit') ?? max), max);
  const start = url.searchParams.has('after') ? Number(url.searchParams.get('after')!.slice(3)) + 1 : 0;
  const page = items.slice(start, start + limit);
  const headers: Record<string, string> = {};
  if (start + limit < items.length) {
    // Deliberately odd but valid: extra parameters the client must carry verbatim.
    headers.link = `<${url.origin}${url.pathname}?limit=${limit}>; rel="self", <${url.origin}${url.pathname}?after=cur${start + limit - 1}&limit=${limit}&opaque=%2Fx>; rel="next"`;
  }
  return HttpResponse.json(page, { headers });
}

/** IAM lists wrap their items and page with `_links.next` in the body. */
function wrappedPage(req: Request, field: string, items: unknown[]) {
  const url = new URL(req.url);
  const first = !url.searchParams.has('after');
  const page = first ? items.slice(0, 1) : items.slice(1);
  return HttpResponse.json({
    [field]: page,
    _links: first ? { next: { href: `${url.origin}${url.pathname}?after=page2` } } : {},
  });
}

function policies(type: string | null) {
  const byType: Record<string, unknown> = {
    OKTA_SIGN_ON: fixtures['list-okta-sign-on-policy-response'],
    PASSWORD: fixtures['list-password-policy-response'],
    ACCESS_POLICY: fixtures['list-access-policy-response'],
  };
  return type && byType[type] ? byType[type] : [];
}

const error = (errorCode: string, errorSummary: string) => ({
  errorCode,
  errorSummary,
  errorLink: errorCode,
  errorId: 'sampleErr',
  errorCauses: [],
});

function withHeaders(res: Response, headers: Record<string, string>) {
  for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
  return res;
}
