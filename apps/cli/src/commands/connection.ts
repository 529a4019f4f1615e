import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { idpClientFactory } from '@butterfly/connectors';
import { type ConnectionView, addConnection, findConnectionTenant, getTenantBySlug, listConnections, testConnection } from '@butterfly/domain';
import { emit, readSecretFromStdin, UsageError } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { registerBreakGlass } from './break-glass.ts';

interface AddOptions {
  name: string;
  okta: string;
  sswsStdin?: boolean;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
  json?: boolean;
}

/** Credentials never come from argv (visible in `ps` and shell history): a token on stdin, a key from a file. */
export async function credentialsFrom(opts: AddOptions) {
  const oauth = opts.clientId !== undefined || opts.privateKeyFile !== undefined;
  if (opts.sswsStdin === oauth) throw new UsageError('give either --ssws-stdin, or --client-id with --private-key-file');
  if (opts.sswsStdin) return { kind: 'ssws' as const, token: await readSecretFromStdin('SSWS API token') };
  if (!opts.clientId || !opts.privateKeyFile) throw new UsageError('--client-id and --private-key-file go together');
  let privateKey: string;
  try {
    privateKey = readFileSync(opts.privateKeyFile, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${opts.privateKeyFile}: ${(e as Error).message}`);
  }
  return { kind: 'oauth' as const, clientId: opts.clientId, privateKey, keyId: opts.keyId };
}

const lastTest = (c: ConnectionView) => (!c.lastTest ? 'never tested' : c.lastTest.ok ? 'last test ok' : c.lastTest.connected === false ? 'last test: cannot connect' : 'last test: scopes missing');

export function registerConnection(program: Command) {
  const connection = program.command('connection').description('identity-provider connections a tenant backs up (Okta)');
  registerBreakGlass(connection);
  connection
    .command('add')
    .description('add an Okta connection: an OAuth service app (recommended) or an SSWS token read from stdin')
    .argument('<tenant>', 'tenant slug')
    .requiredOption('--name <name>', 'a name for the connection, unique in the tenant')
    .requiredOption('--okta <orgUrl>', 'the Okta org URL, e.g. https://acme.okta.com')
    .option('--ssws-stdin', 'read an SSWS API token from stdin')
    .option('--client-id <id>', "the API service app's client id (OAuth 2.0, private_key_jwt)")
    .option('--private-key-file <pem>', "file with the service app's private key (PEM or JWK)")
    .option('--key-id <kid>', 'the key id registered in Okta (when the app has several keys)')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: AddOptions) =>
      withRuntime(async ({ deps }) => {
        const credentials = await credentialsFrom(opts);
        const tenant = await getTenantBySlug(deps, slug);
        const c = await addConnection(deps, tenant.id, { name: opts.name, orgUrl: opts.okta, credentials });
        emit({ json: !!opts.json }, c, () => [`added connection ${c.name} to ${tenant.slug}: ${c.orgUrl} (${c.authKind})`, 'check it with `connection test <id>`'], c.id);
      }),
    );

  connection
    .command('list')
    .description("a tenant's connections (never their credentials)")
    .argument('<tenant>', 'tenant slug')
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const list = await listConnections(deps, tenant.id);
        emit({ json: !!opts.json }, list, () =>
          list.length ? list.map((c) => `${c.id}  ${c.name}  ${c.orgUrl}  ${c.authKind}  ${lastTest(c)}`) : [`${tenant.slug} has no connections`],
        );
      }),
    );

  connection
    .command('test')
    .description('check what the credential can read and what a backup would leave out; exit 1 if it cannot connect')
    .argument('<id>', 'connection id')
    .option('--allow-private-network', 'allow an org URL on a private or loopback address (the local Okta simulator)')
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { allowPrivateNetwork?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findConnectionTenant(deps, id);
        const idpClientFor = idpClientFactory({ allowPrivateNetwork: !!opts.allowPrivateNetwork });
        const { connection: c, report } = await testConnection({ ...deps, idpClientFor }, tenantId, { connectionId: id });
        emit({ json: !!opts.json }, report, () => {
          if (report.connected === false) return [`cannot connect to ${c.orgUrl}`];
          return [
            `connected to ${c.orgUrl} (${c.authKind})`,
            ...(report.missing.length ? report.missing.map((m) => `missing ${m.scope}: leaves out ${m.leavesOut.join(', ')}`) : ['every scope a backup reads is granted']),
            ...(report.unavailable ?? []).map((u) => `not in this org: ${u.type}`),
            ...(report.detail ? [report.detail] : []),
          ];
        });
        if (report.connected === false) {
          process.stderr.write(`error CONNECT: ${report.detail ?? 'cannot connect'}\n`);
          process.exitCode = 1;
        }
      }),
    );
}
