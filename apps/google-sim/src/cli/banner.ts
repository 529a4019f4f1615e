import type { GoogleSim } from '../sim.ts';

/** What a developer needs to drive the demo, printed at start. Local-only secrets. */
export function banner(sim: GoogleSim): string {
  const lines = [`google-sim listening on ${sim.url} (plays oauth2/accounts/admin/cloudidentity .googleapis.com)`];
  const d = sim.demo;
  if (d) {
    lines.push(
      `demo customer ${d.customerId} (${d.domain}), ${d.users} users; super admin ${d.admin}`,
      `  issuer          ${sim.url} (legacy form ${sim.url.replace(/^https?:\/\//, '')})`,
      `  backup SA       ${d.backup.email} (client ${d.backup.clientId})`,
      `  key file        curl -s ${sim.url}/_sim/service-accounts/${d.backup.email}/key > google-sa.json`,
      `  sign-in client  client_id=${d.signIn.clientId} client_secret=${d.signIn.secret}`,
    );
  }
  lines.push(`control: ${sim.url}/_sim/customers (see apps/google-sim/README.md)`);
  return `${lines.join('\n')}\n`;
}
