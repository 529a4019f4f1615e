import { createEntraSim, DEMO, type EntraSim, type TEntraSimOptions } from '@butterfly/entra-sim';

export { DEMO as ENTRA_DEMO };

/** entra-sim in this process on a free port, with the demo tenant, quiet unless it fails. */
export function startEntraSim(options: TEntraSimOptions = {}): Promise<EntraSim> {
  return createEntraSim({ port: 0, ...options });
}

/** A Graph token for one of the demo tenant's apps, by client credentials against the simulator's STS. */
export async function entraToken(
  simUrl: string,
  app: { clientId: string; secret: string } = DEMO.backup,
  tenantId = DEMO.tenantId,
): Promise<string> {
  const res = await fetch(`${simUrl}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: app.clientId,
      client_secret: app.secret,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  if (!res.ok) throw new Error(`entra-sim token: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

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
