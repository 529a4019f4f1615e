import { SIM_TENANT, spawnEntraSim } from '@butterfly/connectors/testing';

/** The demo tenant of entra-sim's seed and its backup app (apps/entra-sim/README.md). */
export const ENTRA_DIRECTORY = SIM_TENANT;
export const ENTRA_BACKUP_APP = { clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b', secret: 'entra-sim-backup-secret' };

export interface EntraSimHandle {
  url: string;
  stop(): void;
  /** One Graph call as the backup app (v1.0), its status and JSON body. */
  graph(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** entra-sim as its own process (spawnEntraSim), with a Graph caller holding the backup app's token. */
export async function startEntraSim(): Promise<EntraSimHandle> {
  const { url, stop } = await spawnEntraSim();
  let token: string | undefined;
  const bearer = async () => {
    token ??= await fetch(`${url}/${ENTRA_DIRECTORY}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ENTRA_BACKUP_APP.clientId,
        client_secret: ENTRA_BACKUP_APP.secret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    return token;
  };
  return {
    url,
    stop,
    async graph(method, path, body) {
      const res = await fetch(`${url}/v1.0${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await bearer()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
