import type { Command } from 'commander';
import { DomainError } from '@butterfly/domain/core';
import {
  ENTRA_DEFAULT_AUTHORITY,
  GOOGLE_DEFAULT_ISSUER,
  addDomain,
  setSsoSettings,
  verifyDomain,
} from '@butterfly/domain/sso';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, readSecretFromStdin } from '../output.ts';
import { withRuntime } from '../runtime.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSso(sso: Command) {
  sso
    .command('set')
    .description(
      'set the OIDC client: any OIDC provider by --issuer, Microsoft Entra ID by --entra <directory-id>, or Google Workspace by --google (the client secret is read from stdin and stored sealed)',
    )
    .argument('<tenant>', 'tenant slug')
    .option(
      '--issuer <url>',
      `the IdP issuer, e.g. https://example.okta.com (with --google: default ${GOOGLE_DEFAULT_ISSUER})`,
    )
    .option('--entra <directory-id>', 'Microsoft Entra ID: the Directory (tenant) ID, a GUID')
    .option('--authority-url <url>', `with --entra: the authority (default ${ENTRA_DEFAULT_AUTHORITY})`)
    .option('--google', "Google Workspace: the tenant's verified domains decide who may sign in (the hd claim)")
    .requiredOption(
      '--client-id <id>',
      'OIDC client id (Entra: the Application (client) ID; Google: the OAuth client ID, ….apps.googleusercontent.com)',
    )
    .option('--domain <domain>', 'an SSO domain to add (repeatable; starts unverified)', collect, [])
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: TSetOptions) =>
      withRuntime(async ({ deps }) => {
        const provider = providerInput(opts);
        const clientSecret = await readSecretFromStdin('client secret');
        const tenant = await getTenantBySlug(deps, slug);
        const settings = await setSsoSettings(deps, tenant.id, { ...provider, clientId: opts.clientId, clientSecret });
        const added: { domain: string; txtRecord: string }[] = [];
        for (const d of opts.domain) added.push(await addDomain(deps, tenant.id, { domain: d }));
        emit({ json: !!opts.json }, { ...settings, domains: added }, () => [
          settings.provider === 'entra'
            ? `SSO of ${tenant.slug}: Microsoft Entra ID directory ${settings.directoryId} (issuer ${settings.issuer}), client ${settings.clientId}`
            : settings.provider === 'google'
              ? `SSO of ${tenant.slug}: Google Workspace (issuer ${settings.issuer}), client ${settings.clientId}; sign-in needs the hd claim on a verified domain`
              : `SSO of ${tenant.slug}: issuer ${settings.issuer}, client ${settings.clientId}`,
          ...added.map((a) => `  domain ${a.domain}: publish TXT "${a.txtRecord}", then verify`),
        ]);
      }),
    );
}

interface TSetOptions {
  issuer?: string;
  entra?: string;
  authorityUrl?: string;
  google?: boolean;
  clientId: string;
  domain: string[];
  json?: boolean;
}

/**
 * Exactly one of --issuer, --entra and --google (--google may name its issuer with --issuer);
 * --authority-url only with --entra. Checked before stdin is read.
 */
function providerInput(opts: TSetOptions) {
  if (opts.google) {
    if (opts.entra || opts.authorityUrl)
      throw new DomainError('VALIDATION', '--google goes with neither --entra nor --authority-url', {
        fields: { google: 'goes with neither --entra nor --authority-url' },
      });
    return { provider: 'google' as const, ...(opts.issuer ? { issuer: opts.issuer } : {}) };
  }
  if (!!opts.issuer === !!opts.entra)
    throw new DomainError('VALIDATION', 'give exactly one of --issuer <url>, --entra <directory-id> and --google', {
      fields: {
        issuer: 'exactly one of --issuer, --entra and --google',
        entra: 'exactly one of --issuer, --entra and --google',
      },
    });
  if (opts.issuer) {
    if (opts.authorityUrl)
      throw new DomainError('VALIDATION', '--authority-url goes with --entra only', {
        fields: { authorityUrl: 'goes with --entra only' },
      });
    return { provider: 'oidc' as const, issuer: opts.issuer };
  }
  return {
    provider: 'entra' as const,
    directoryId: opts.entra!,
    ...(opts.authorityUrl ? { authorityUrl: opts.authorityUrl } : {}),
  };
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
