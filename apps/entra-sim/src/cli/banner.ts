import type { EntraSim } from '../sim.ts';

/** What a developer needs to drive the demo tenant, printed at start. Local-only secrets. */
export function banner(sim: EntraSim): string {
  const lines = [`entra-sim listening on ${sim.url} (plays login.microsoftonline.com and graph.microsoft.com)`];
  const d = sim.demo;
  if (d) {
    lines.push(
      `demo tenant ${d.tenantId} (${d.domain}, ${d.customDomain}), ${d.users} users`,
      `  issuer      ${sim.url}/${d.tenantId}/v2.0`,
      `  backup app  client_id=${d.backup.clientId} client_secret=${d.backup.secret}`,
      `  read-only   client_id=${d.readOnly.clientId} client_secret=${d.readOnly.secret}`,
      `  sign-in app client_id=${d.signIn.clientId} client_secret=${d.signIn.secret}`,
      `  try: curl -s ${sim.url}/${d.tenantId}/oauth2/v2.0/token -d grant_type=client_credentials -d client_id=${d.backup.clientId} -d client_secret=${d.backup.secret} --data-urlencode scope=https://graph.microsoft.com/.default`,
    );
  }
  lines.push(`control: ${sim.url}/_sim/tenants (see apps/entra-sim/README.md)`);
  return `${lines.join('\n')}\n`;
}
