/**
 * `pnpm bench:fleet`'s fleet: N small okta-sim orgs (`POST /_sim/orgs {name, users}`: the demo's
 * content plus `users` generated users) and, in the database, N tenants with one connection each
 * (SSWS token or the org's OAuth service app) and a daily backup schedule. Created two at a time:
 * the simulator's org creation (an RSA key) and the database writes overlap.
 */
import { createLogger } from '@butterfly/config';
import type { DB, Kysely } from '@butterfly/db';
import { addConnection } from '@butterfly/domain/connections';
import { createKeyring } from '@butterfly/domain/crypto';
import { setBackupSchedule } from '@butterfly/domain/schedules';
import { createTenant } from '@butterfly/domain/tenants';

export interface FleetTenant {
  org: string;
  tenantId: string;
  connectionId: string;
}

async function control(simUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${simUrl}/_sim${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`okta-sim ${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? undefined : res.json();
}

export async function createFleet(opts: {
  db: Kysely<DB>;
  masterKey: Buffer;
  simUrl: string;
  tenants: number;
  users: number;
  auth: 'ssws' | 'oauth';
  onProgress?: (done: number) => void;
}): Promise<FleetTenant[]> {
  const deps = {
    db: opts.db,
    actor: { kind: 'operator' as const, label: 'bench' },
    log: createLogger('bench', 'warn'),
    clock: () => new Date(),
    keyring: createKeyring(opts.masterKey),
  };
  const fleet: FleetTenant[] = [];
  let next = 0;
  const one = async (i: number) => {
    const name = `t${String(i).padStart(4, '0')}`;
    const org: { url: string; apiToken: string } = await control(opts.simUrl, 'POST', '/orgs', {
      name,
      users: opts.users,
    });
    const credentials =
      opts.auth === 'oauth'
        ? await control(opts.simUrl, 'GET', `/orgs/${name}/service-app-key`).then(
            (k: { clientId: string; privateKeyPem: string }) => ({
              kind: 'oauth' as const,
              clientId: k.clientId,
              privateKey: k.privateKeyPem,
            }),
          )
        : { kind: 'ssws' as const, token: org.apiToken };
    const tenant = await createTenant(deps, { slug: `fleet-${name}`, name: `Fleet ${name}`, domains: [] });
    const connection = await addConnection(deps, tenant.id, { name, orgUrl: org.url, credentials });
    await setBackupSchedule(deps, tenant.id, { connectionId: connection.id, frequency: 'daily' });
    fleet.push({ org: name, tenantId: tenant.id, connectionId: connection.id });
    opts.onProgress?.(fleet.length);
  };
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < opts.tenants) await one(next++);
    }),
  );
  return fleet;
}

/** Every schedule due at `at`: the worker's minute tick at that moment queues the whole fleet. */
export async function allDueAt(db: Kysely<DB>, at: Date) {
  await db.updateTable('backup_schedules').set({ next_run_at: at }).execute();
}

/** 429s okta-sim answered, summed over the fleet's orgs. */
export async function fleet429s(simUrl: string, fleet: FleetTenant[]) {
  let limited = 0;
  for (const t of fleet)
    limited += ((await control(simUrl, 'GET', `/orgs/${t.org}/stats`)) as { limited: number }).limited;
  return limited;
}
