import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The demo tenant of entra-sim's seed and its backup app (apps/entra-sim/README.md). */
export const ENTRA_DIRECTORY = '5f1c2b7e-8d4a-4c3e-9b6f-2a7d1e0c4b93';
export const ENTRA_BACKUP_APP = { clientId: '3b7e9f21-6c4d-4a8e-b5f0-1d2c3e4f5a6b', secret: 'entra-sim-backup-secret' };

export interface EntraSimHandle {
  url: string;
  stop(): void;
  /** One Graph call as the backup app (v1.0), its status and JSON body. */
  graph(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/**
 * entra-sim as its own process (the simulator shares no code with the product), on a port the
 * system picks, which its banner names.
 */
export async function startEntraSim(): Promise<EntraSimHandle> {
  const sim: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--port', '0'], {
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
    stop: () => sim.kill('SIGTERM'),
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
