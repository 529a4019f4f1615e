import type { OktaSim } from '../sim.ts';

/** What a person starting the demo needs: where the orgs are, how to sign in, how to call the API. */
export function banner(sim: OktaSim, seed?: string): string {
  const lines = [
    `Okta simulator on ${sim.url}${seed === undefined ? '' : ` (seed ${seed})`}`,
    `  control API: ${sim.url}/_sim`,
  ];
  for (const org of sim.orgs.listOrgs()) {
    lines.push('', `org ${org.name}: ${org.url}`, `  issuer:    ${org.issuer}`, `  discovery: ${org.discovery}`);
    for (const u of sim.demo?.users ?? [])
      if (u.org === org.name) lines.push(`  user:      ${u.email}  password: ${u.password}`);
    for (const s of sim.demo?.staff ?? [])
      if (s.org === org.name) lines.push(`  admins:    ${s.logins.join(' ')}  password: ${s.password}`);
    const generated = sim.demo?.generated;
    if (generated?.org === org.name) {
      lines.push(`  users:     user1..user${generated.count}@${org.name}.test  password: ${generated.password}`);
    }
    for (const c of sim.clients) {
      if (c.org !== org.name) continue;
      lines.push(
        `  client:    ${c.client_id}  secret: ${c.client_secret}`,
        `             redirect_uris: ${c.redirect_uris.join(' ')}`,
      );
    }
    lines.push(
      `  API token: Authorization: SSWS ${org.apiToken}`,
      `  service app (private_key_jwt): client_id ${org.serviceApp.clientId}  kid ${org.serviceApp.kid}`,
      `             key: curl ${sim.url}/_sim/orgs/${org.name}/service-app-key > ${org.name}-key.pem`,
      `             try: curl -H 'Authorization: SSWS ${org.apiToken}' ${org.url}/api/v1/users?limit=5`,
    );
  }
  if (!sim.orgs.listOrgs().length)
    lines.push('', 'No orgs yet: POST /_sim/orgs {"name":"acme"} (or start with --seed 1).');
  return `${lines.join('\n')}\n`;
}
