import type { Command } from 'commander';
import { addDomain, setSsoSettings, verifyDomain } from '@butterfly/domain/sso';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, readSecretFromStdin } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSso(sso: Command) {
  sso
    .command('set')
    .description('set the OIDC client (the client secret is read from stdin and stored sealed)')
    .argument('<tenant>', 'tenant slug')
    .requiredOption('--issuer <url>', 'the IdP issuer, e.g. https://example.okta.com')
    .requiredOption('--client-id <id>', 'OIDC client id')
    .option('--domain <domain>', 'an SSO domain to add (repeatable; starts unverified)', collect, [])
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { issuer: string; clientId: string; domain: string[]; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const clientSecret = await readSecretFromStdin('client secret');
        const tenant = await getTenantBySlug(deps, slug);
        const settings = await setSsoSettings(deps, tenant.id, {
          issuer: opts.issuer,
          clientId: opts.clientId,
          clientSecret,
        });
        const added: { domain: string; txtRecord: string }[] = [];
        for (const d of opts.domain) added.push(await addDomain(deps, tenant.id, { domain: d }));
        emit({ json: !!opts.json }, { ...settings, domains: added }, () => [
          `SSO of ${tenant.slug}: issuer ${settings.issuer}, client ${settings.clientId}`,
          ...added.map((a) => `  domain ${a.domain}: publish TXT "${a.txtRecord}", then verify`),
        ]);
      }),
    );
}

export function registerDomain(domain: Command) {
  domain
    .command('verify')
    .description('mark a domain verified by hand (an operator vouches for it; the dashboard verifies by DNS)')
    .argument('<tenant>', 'tenant slug')
    .argument('<domain>', 'a domain of the tenant')
    .option('--json', 'print one JSON document')
    .action((slug: string, name: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await verifyDomain(deps, tenant.id, { domain: name, method: 'operator' });
        emit({ json: !!opts.json }, r, () => [`${r.domain} verified for ${tenant.slug}`]);
      }),
    );
}
