import { addGoogleConnection } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import { createTenant } from '@butterfly/domain/tenants';
import { createGoogleSim, DEMO, type GoogleSim, type TGoogleSimOptions } from '@butterfly/google-sim';
import { afterAll, beforeAll } from 'vitest';
import type { product } from './product.ts';

/** google-sim's demo customer, its admin and its backup service account (apps/google-sim/README.md). */
export { DEMO as GOOGLE_DEMO };

/**
 * google-sim in this process on a port the system picks, with the demo customer.
 * (Tests may import a simulator; the product never does.)
 */
export function startGoogleSim(options: TGoogleSimOptions = {}): Promise<GoogleSim> {
  return createGoogleSim({ port: 0, ...options });
}

/** The JSON key file of a google-sim service account, as Google's console downloads it (`token_uri` is the sim's). */
export async function googleKeyFile(simUrl: string, email: string = DEMO.backup.email): Promise<string> {
  const r = await fetch(`${simUrl}/_sim/service-accounts/${encodeURIComponent(email)}/key`);
  if (r.status !== 200) throw new Error(`google-sim key file: ${r.status} ${await r.text()}`);
  return r.text();
}

/** One control-API call (`/_sim`): its status and JSON body. */
export async function googleControl(simUrl: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${simUrl}/_sim${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * A Butterfly tenant `butterfly` with a connection to google-sim's demo customer through its backup
 * service account, acting as the demo's super admin; every Google host is the simulator's one URL.
 */
export async function demoGoogleConnection(deps: Deps, simUrl: string, keyFile: string) {
  const tenant = await createTenant(deps, { slug: 'butterfly', name: 'butterfly', domains: [] });
  const c = await addGoogleConnection(deps, tenant.id, {
    name: 'butterfly-google',
    primaryDomain: DEMO.domain,
    adminEmail: DEMO.admin,
    serviceAccountKey: keyFile,
    apiUrl: simUrl,
    tokenUrl: `${simUrl}/token`,
  });
  return { tenantId: tenant.id, connectionId: c.id };
}

/**
 * A contract test file's Google world: google-sim in this process, the jobs' schema, and the demo
 * customer's connection (as `connection add --google` adds it), made before the file's own hooks
 * and tests and closed after them with the product. Its fields are set once the first hook ran.
 */
export function googleDemoWorld(app: ReturnType<typeof product>) {
  const world = {} as { sim: GoogleSim; keyFile: string; demo: { tenantId: string; connectionId: string } };
  beforeAll(async () => {
    world.sim = await startGoogleSim();
    await app.migrateJobs();
    world.keyFile = await googleKeyFile(world.sim.url);
    world.demo = await demoGoogleConnection(app.deps, world.sim.url, world.keyFile);
  }, 60_000);
  afterAll(async () => {
    await world.sim?.close();
    await app.close();
  });
  return world;
}

/**
 * The demo seed's deliberate SCuBA GWS failures (apps/google-sim/README.md, "Deliberate SCuBA
 * GWS.COMMONCONTROLS failures"): the rules a scan of the demo customer must fail, and only these.
 */
export const SEEDED_SCUBA_GWS_FAILURES = [
  'GWS.COMMONCONTROLS.1.1v1',
  'GWS.COMMONCONTROLS.1.2v1',
  'GWS.COMMONCONTROLS.1.3v1',
  'GWS.COMMONCONTROLS.1.4v1',
  'GWS.COMMONCONTROLS.1.5v1',
  'GWS.COMMONCONTROLS.4.1v1',
  'GWS.COMMONCONTROLS.5.2v1',
  'GWS.COMMONCONTROLS.5.3v1',
  'GWS.COMMONCONTROLS.5.4v1',
  'GWS.COMMONCONTROLS.6.1v1',
  'GWS.COMMONCONTROLS.6.2v1',
  'GWS.COMMONCONTROLS.7.1v1',
  'GWS.COMMONCONTROLS.8.1v1',
  'GWS.COMMONCONTROLS.10.1v1',
  'GWS.COMMONCONTROLS.10.3v1',
  'GWS.COMMONCONTROLS.10.4v1',
  'GWS.COMMONCONTROLS.11.1v1',
  'GWS.COMMONCONTROLS.12.1v1',
  'GWS.COMMONCONTROLS.13.1v1',
  'GWS.COMMONCONTROLS.15.1v1',
  'GWS.GMAIL.1.1v1',
] as const;

/** The checks the README says pass on the demo (5.1, 5.5, 5.6, 8.2) and 10.5 (less secure apps off, a SYSTEM default). */
export const SEEDED_SCUBA_GWS_PASSES = [
  'GWS.COMMONCONTROLS.5.1v1',
  'GWS.COMMONCONTROLS.5.5v1',
  'GWS.COMMONCONTROLS.5.6v1',
  'GWS.COMMONCONTROLS.8.2v1',
  'GWS.COMMONCONTROLS.10.5v1',
] as const;
