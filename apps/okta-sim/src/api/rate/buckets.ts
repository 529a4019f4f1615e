/**
 * Rate-limit buckets: requests per minute for the whole org, per endpoint family, modelled on the
 * Management API limits Okta documents for a workforce org. The first bucket whose method and
 * path pattern match takes the request; paths are below the org URL.
 * Scaled by `rateScale` (at least 1 request per minute).
 */
export interface TBucket {
  name: string;
  methods?: string[];
  pattern: RegExp;
  perMinute: number;
}

export const BUCKETS: TBucket[] = [
  { name: 'GET /api/v1/logs', pattern: /^\/api\/v1\/logs$/, perMinute: 120 },
  { name: '/api/v1/users', pattern: /^\/api\/v1\/users$/, perMinute: 600 },
  { name: '/api/v1/users/{id}', pattern: /^\/api\/v1\/users\//, perMinute: 2000 },
  { name: '/api/v1/groups', pattern: /^\/api\/v1\/groups$/, perMinute: 500 },
  { name: '/api/v1/groups/rules', pattern: /^\/api\/v1\/groups\/rules/, perMinute: 500 },
  { name: '/api/v1/groups/{id}', pattern: /^\/api\/v1\/groups\//, perMinute: 1000 },
  { name: '/api/v1/apps', pattern: /^\/api\/v1\/apps$/, perMinute: 100 },
  { name: '/api/v1/apps/{id}', pattern: /^\/api\/v1\/apps\//, perMinute: 500 },
  { name: '/api/v1/policies', pattern: /^\/api\/v1\/policies/, perMinute: 100 },
  { name: '/api/v1/authorizationServers', pattern: /^\/api\/v1\/authorizationServers/, perMinute: 100 },
  { name: '/api/v1/idps', pattern: /^\/api\/v1\/idps/, perMinute: 100 },
  { name: '/api/v1/zones', pattern: /^\/api\/v1\/zones/, perMinute: 100 },
  { name: '/api/v1/meta', pattern: /^\/api\/v1\/meta\//, perMinute: 100 },
  { name: '/api/v1/iam', pattern: /^\/api\/v1\/iam\//, perMinute: 100 },
  { name: '/oauth2/v1/token', pattern: /^\/oauth2\/v1\/token$/, perMinute: 2000 },
  { name: '/api/v1 (all other endpoints)', pattern: /^\//, perMinute: 1200 },
];

/** Concurrent requests one org may have in flight before Okta answers 429. */
export const CONCURRENCY = 75;

export function bucketFor(method: string, below: string): TBucket {
  return BUCKETS.find((b) => (!b.methods || b.methods.includes(method)) && b.pattern.test(below))!;
}
