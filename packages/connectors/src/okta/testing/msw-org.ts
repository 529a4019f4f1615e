import { useMswServer } from '../../testing/msw-server.ts';
import { createOktaClient, type OktaClientOptions } from '../client.ts';

/** The org every msw test of the connector answers for. */
export const ORG = 'https://acme.okta.test';

/** An msw server for this test file, standing in for ORG. */
export const useMswOrg = useMswServer;

/** An SSWS client of ORG that does not wait between retries. */
export const sswsClient = (token = 't0ken-t0ken', opts: OktaClientOptions = {}) =>
  createOktaClient(
    { provider: 'okta', orgUrl: ORG, credentials: { kind: 'ssws', token } },
    { allowPrivateNetwork: true, backoffBaseMs: 1, jitterMs: 0, ...opts },
  );

/** Okta's rate-limit headers: a bucket of `limit` with `remaining` left, resetting in a minute. */
export const rateHeaders = (limit: number, remaining: number) => ({
  'x-rate-limit-limit': String(limit),
  'x-rate-limit-remaining': String(remaining),
  'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 60),
});
