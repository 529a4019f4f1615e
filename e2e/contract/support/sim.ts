import { createOktaSim, type OktaSim, type TOktaSimOptions } from '@butterfly/okta-sim';

/** What a test needs of one simulated org: where it is and the credentials it hands out. */
export interface SimOrgHandle {
  name: string;
  url: string;
  apiToken: string;
  clientId: string;
  privateKeyPem: string;
  control: (method: string, path: string, body?: unknown) => Promise<any>;
  /** A Management API call with the org's SSWS token (the raw view the connector is compared with). */
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; headers: Headers; body: any }>;
  stats: () => Promise<SimStats>;
}

export interface SimStats {
  maxConcurrency: number;
  concurrencyLimit: number;
  limited: number;
  buckets: Record<string, { requests: number; limited: number; peakWindow: number; limit: number }>;
  /** Per OAuth app (client id): its share of each bucket (percent) and its busiest window in each. */
  apps: Record<
    string,
    {
      share: number;
      requests: number;
      limited: number;
      overShare: number;
      buckets: Record<string, { requests: number; limited: number; peakWindow: number; limit: number; cap: number }>;
    }
  >;
}

/** okta-sim in this process on a free port, quiet unless it fails. */
export async function startSim(options: TOktaSimOptions = {}): Promise<OktaSim> {
  return createOktaSim({
    port: 0,
    seed: 1,
    logger: { info: () => {}, error: (o, m) => process.stderr.write(`okta-sim: ${m} ${JSON.stringify(o)}\n`) },
    ...options,
  });
}

type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };
const wallClock: Clock = { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/**
 * The org through its HTTP control API (`/_sim`), as any client of the simulator would use it. Its
 * `api` waits out a 429 until the bucket's reset (on `clock`, the simulator's time), so the oracle
 * can read an org whose limits bite.
 */
export async function orgHandle(sim: OktaSim, name = 'acme', clock: Clock = wallClock): Promise<SimOrgHandle> {
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}/_sim/orgs/${name}${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`/_sim/orgs/${name}${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
  const org = await control('GET', '');
  const key = await control('GET', '/service-app-key');
  const api = async (method: string, path: string, body?: unknown) => {
    const url = /^https?:/.test(path) ? path : `${org.url}${path}`;
    for (;;) {
      const res = await fetch(url, {
        method,
        headers: {
          authorization: `SSWS ${org.apiToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status === 429) {
        await clock.sleep(Math.max(0, Number(res.headers.get('x-rate-limit-reset')) * 1000 - clock.now()) + 50);
        continue;
      }
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    }
  };
  return {
    name,
    url: org.url,
    apiToken: org.apiToken,
    clientId: org.serviceApp.clientId,
    privateKeyPem: key.privateKeyPem,
    control,
    api,
    stats: () => control('GET', '/stats'),
  };
}
