/**
 * Okta's management rate-limit buckets, as its rate-limit page describes them for a workforce org:
 * list/create endpoints and the endpoints below an object's id are counted apart, a few families
 * (policies, authorization servers, IdPs, zones, schemas and types, IAM) share one bucket each, and
 * everything else shares the "all other endpoints" bucket. Requests of one bucket spend one
 * `X-Rate-Limit-Remaining`, so the governor paces them in one line: pacing each path template on its
 * own would let several templates of one bucket each hold requests in flight, or probe a window that
 * a sibling has already spent, and together pass the reserve.
 *
 * Keyed by `METHOD /path/template`; the first match wins.
 */
const BUCKETS: [name: string, pattern: RegExp][] = [
  ['GET /api/v1/logs', /^GET \/api\/v1\/logs$/],
  ['/api/v1/users', /^\w+ \/api\/v1\/users$/],
  ['/api/v1/users/{id}', /^\w+ \/api\/v1\/users\//],
  ['/api/v1/groups', /^\w+ \/api\/v1\/groups$/],
  ['/api/v1/groups/rules', /^\w+ \/api\/v1\/groups\/rules(\/|$)/],
  ['/api/v1/groups/{id}', /^\w+ \/api\/v1\/groups\//],
  ['/api/v1/apps', /^\w+ \/api\/v1\/apps$/],
  ['/api/v1/apps/{id}', /^\w+ \/api\/v1\/apps\//],
  ['/api/v1/policies', /^\w+ \/api\/v1\/policies(\/|$)/],
  ['/api/v1/authorizationServers', /^\w+ \/api\/v1\/authorizationServers(\/|$)/],
  ['/api/v1/idps', /^\w+ \/api\/v1\/idps(\/|$)/],
  ['/api/v1/zones', /^\w+ \/api\/v1\/zones(\/|$)/],
  ['/api/v1/meta', /^\w+ \/api\/v1\/meta\//],
  ['/api/v1/iam', /^\w+ \/api\/v1\/iam\//],
  ['/oauth2/v1/token', /^POST \/oauth2\/v1\/token$/],
];

/** The Okta bucket a request (`METHOD /path/template`) is counted in. */
export function oktaBucketOf(key: string): string {
  return BUCKETS.find(([, p]) => p.test(key))?.[0] ?? 'all other endpoints';
}
