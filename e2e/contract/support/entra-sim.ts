import type { DB, Kysely } from '@butterfly/db';
import { addEntraConnection } from '@butterfly/domain/connections';
import type { Deps } from '@butterfly/domain/core';
import { createTenant } from '@butterfly/domain/tenants';
import { createEntraSim, DEMO, type EntraSim, type TEntraSimOptions } from '@butterfly/entra-sim';

/** entra-sim's demo tenant and its apps (apps/entra-sim/README.md). */
export { DEMO as ENTRA_DEMO };
export const ENTRA_DIRECTORY = DEMO.tenantId;
export const ENTRA_BACKUP_APP = DEMO.backup;

/**
 * entra-sim in this process on a port the system picks, with the demo tenant; quiet unless it fails.
 * (Tests may import a simulator; the product never does.)
 */
export function startEntraSim(options: TEntraSimOptions = {}): Promise<EntraSim> {
  return createEntraSim({ port: 0, ...options });
}

/** An app-only Graph token from entra-sim's STS (client credentials with a secret). */
export async function entraAppToken(
  simUrl: string,
  app: { clientId: string; secret: string } = ENTRA_BACKUP_APP,
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

/** One Graph call (v1.0) as an app of the demo tenant (default: the backup app): its status and JSON body. */
export type EntraGraph = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** A Graph caller for `app` that gets its token once, on the first call. */
export function entraGraph(simUrl: string, app: { clientId: string; secret: string } = ENTRA_BACKUP_APP): EntraGraph {
  let token: Promise<string> | undefined;
  return async (method, path, body) => {
    token ??= entraAppToken(simUrl, app);
    const res = await fetch(`${simUrl}/v1.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
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

/**
 * The demo seed's deliberate SCuBA MS.AAD failures (apps/entra-sim/README.md), plus 3.6–3.8, which
 * fail because the demo has no such policies.
 */
export const SEEDED_SCUBA_FAILURES = [
  'MS.AAD.1.1v1',
  'MS.AAD.2.1v1',
  'MS.AAD.2.3v1',
  'MS.AAD.3.1v1',
  'MS.AAD.3.4v1',
  'MS.AAD.3.5v2',
  'MS.AAD.3.6v1',
  'MS.AAD.3.7v1',
  'MS.AAD.3.8v1',
  'MS.AAD.3.9v1',
  'MS.AAD.5.1v1',
  'MS.AAD.5.2v1',
  'MS.AAD.5.3v1',
  'MS.AAD.5.5v1',
  'MS.AAD.5.6v1',
  'MS.AAD.6.1v1',
  'MS.AAD.7.1v1',
  'MS.AAD.7.3v1',
  'MS.AAD.7.4v1',
  'MS.AAD.7.6v1',
  'MS.AAD.7.7v1',
  'MS.AAD.7.8v1',
  'MS.AAD.8.1v1',
  'MS.AAD.8.2v1',
] as const;
