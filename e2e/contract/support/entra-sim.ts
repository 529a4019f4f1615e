import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { DB, Kysely } from '@butterfly/db';
import { addEntraConnection } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import { createTenant } from '@butterfly/domain/tenants';

/** entra-sim's demo tenant and its backup app (apps/entra-sim/README.md). */
export const ENTRA_DIRECTORY = '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93';
export const ENTRA_BACKUP_APP = { clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b', secret: 'entra-sim-backup-secret' };

/**
 * entra-sim as its own process (the simulator shares no code with the product), on a port the
 * system picks; resolves once it says where it listens.
 */
export async function startEntraSim(): Promise<{ url: string; process: ChildProcess }> {
  const sim = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0'], {
    cwd: resolve(import.meta.dirname, '../../../apps/entra-sim'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, ko) => {
    let out = '';
    const timer = setTimeout(() => ko(new Error(`entra-sim did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (found) {
        clearTimeout(timer);
        ok(found);
      }
    };
    sim.stdout!.on('data', onData);
    sim.stderr!.on('data', onData);
    sim.on('exit', (code) => ko(new Error(`entra-sim exited (${code}): ${out}`)));
  });
  return { url, process: sim };
}

/** An app-only Graph token from entra-sim's STS (client credentials with a secret). */
export async function entraAppToken(
  simUrl: string,
  app: { clientId: string; secret: string },
  directoryId: string = ENTRA_DIRECTORY,
): Promise<string> {
  const r = await fetch(`${simUrl}/${directoryId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.secret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  if (r.status !== 200) throw new Error(`entra-sim token: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

/** A Butterfly tenant `contoso` with a connection to entra-sim's demo directory through its backup app. */
export async function demoEntraConnection(deps: Deps, simUrl: string) {
  const tenant = await createTenant(deps, { slug: 'contoso', name: 'contoso', domains: [] });
  const c = await addEntraConnection(deps, tenant.id, {
    name: 'contoso-entra',
    directoryId: ENTRA_DIRECTORY,
    clientId: ENTRA_BACKUP_APP.clientId,
    credentials: { kind: 'client_secret', clientSecret: ENTRA_BACKUP_APP.secret },
    loginUrl: simUrl,
    graphUrl: simUrl,
  });
  return { tenantId: tenant.id, connectionId: c.id };
}

/** A connection's complete snapshots, oldest first. */
export const completeSnapshots = (db: Kysely<DB>, connectionId: string) =>
  db
    .selectFrom('snapshots')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('status', '=', 'complete')
    .orderBy('seq')
    .execute();
