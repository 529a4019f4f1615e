import { addGoogleConnection } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import { createTenant } from '@butterfly/domain/tenants';
import { createGoogleSim, DEMO, type GoogleSim, type TGoogleSimOptions } from '@butterfly/google-sim';

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
