import { describe, expect, it } from 'vitest';
import { rateLimitPlan } from './rate-limit-plan.ts';

const plan = (method: string, url: string) => {
  const u = new URL(url, 'http://x');
  return rateLimitPlan({ method, path: u.pathname, query: u.searchParams, ip: '203.0.113.9' }).map(
    (s) => `${s.limit}=${s.key}`,
  );
};

describe('rateLimitPlan', () => {
  it.each([
    ['POST', '/login', ['login_ip=203.0.113.9']],
    ['GET', '/login', []],
    [
      'GET',
      '/sso/acme/start?login_hint=%20Ann@Acme.TEST',
      ['sso_start_ip=203.0.113.9', 'sso_start_account=ann@acme.test'],
    ],
    ['GET', '/sso/acme/start', ['sso_start_ip=203.0.113.9']],
    ['GET', '/sso/acme/callback?code=x', []],
    ['POST', '/oauth/token', ['oauth_ip=203.0.113.9']],
    ['POST', '/oauth/revoke', ['oauth_ip=203.0.113.9']],
    ['OPTIONS', '/oauth/token', []],
    ['POST', '/recover/bfyrl_abc', ['recover_ip=203.0.113.9', 'recover_link=bfyrl_abc']],
    ['GET', '/recover/bfyrl_abc', []],
    ['POST', '/api/trpc/me.get', []],
  ] as const)('%s %s', (method, url, expected) => {
    expect(plan(method, url)).toEqual(expected);
  });
});
