import type { Command } from 'commander';
import {
  type ConnectionView,
  addConnection,
  addEntraConnection,
  addGoogleConnection,
  findConnectionTenant,
  listConnections,
  testConnection,
} from '@butterfly/domain/connections';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit, UsageError } from '../output.ts';
import { type RemoteOptions, remoteOptions, remoteTarget, withRemote } from '../remote.ts';
import { withRuntime } from '../runtime.ts';
import { registerBreakGlass } from './break-glass.ts';
import {
  type CredentialOptions,
  credentialsFrom,
  type EntraCredentialOptions,
  entraCredentialsFrom,
  type GoogleOptions,
  serviceAccountKeyFrom,
} from './connection-credentials.ts';
import { registerConnectionFreshness } from './connection-freshness.ts';
import { registerConnectionManage } from './connection-manage.ts';

interface AddOptions extends CredentialOptions, EntraCredentialOptions, GoogleOptions {
  name: string;
  okta?: string;
  entra?: string;
  google?: string;
  loginUrl?: string;
  graphUrl?: string;
  json?: boolean;
}

const state = (c: ConnectionView) =>
  [
    c.deleted ? 'deleted (snapshots kept, read-only)' : '',
    c.paused ? 'paused' : '',
    c.status === 'needs_attention'
      ? `needs attention: ${c.statusReason ?? 'Okta refused the credential'}; replace it with \`connection edit\``
      : '',
  ]
    .filter(Boolean)
    .map((s) => `  ${s}`)
    .join('');
const lastTest = (c: ConnectionView) =>
  !c.lastTest
    ? 'never tested'
    : c.lastTest.ok
      ? 'last test ok'
      : c.lastTest.connected === false
        ? 'last test: cannot connect'
        : 'last test: scopes missing';

export function registerConnection(connection: Command) {
  registerBreakGlass(connection);
  connection
    .command('add')
    .description(
      'add an Okta connection (an OAuth service app, recommended, or an SSWS token on stdin), a Microsoft Entra ID one (--entra) or a Google Workspace one (--google)',
    )
    .argument('<tenant>', 'tenant slug')
    .requiredOption('--name <name>', 'a name for the connection, unique in the tenant')
    .option('--okta <orgUrl>', 'the Okta org URL, e.g. https://acme.okta.com')
    .option('--ssws-stdin', 'read an SSWS API token from stdin')
    .option('--client-id <id>', "the service app's (Okta) or app registration's (Entra) client id")
    .option('--private-key-file <pem>', "file with the service app's private key (PEM or JWK)")
    .option('--key-id <kid>', 'the key id registered in Okta (when the app has several keys)')
    .option('--entra <directoryId>', 'the Entra tenant (directory) id, or one of its verified domains')
    .option('--client-secret-stdin', "read the Entra app's client secret from stdin")
    .option('--certificate-file <pem>', "file with the Entra app's certificate and its private key (PEM)")
    .option('--login-url <url>', 'the identity platform (default https://login.microsoftonline.com)')
    .option('--graph-url <url>', 'Microsoft Graph (default https://graph.microsoft.com)')
    .option('--google <primaryDomain>', "the Google Workspace customer's primary domain")
    .option('--admin-email <email>', 'the Google admin the service account acts as (a super admin reads policies)')
    .option('--service-account-key-file <json>', "file with the service account's JSON key")
    .option('--token-url <url>', "Google's token endpoint (default https://oauth2.googleapis.com/token)")
    .option(
      '--api-url <url>',
      'the Admin SDK (default https://admin.googleapis.com; another URL is a simulator for every Google API)',
    )
    .option('--json', 'print one JSON document')
    .action((slug: string, opts: AddOptions) =>
      withRuntime(async ({ deps }) => {
        if ([opts.okta, opts.entra, opts.google].filter((v) => v !== undefined).length !== 1)
          throw new UsageError('give either --okta <orgUrl>, --entra <directoryId> or --google <primaryDomain>');
        const google = opts.adminEmail || opts.serviceAccountKeyFile || opts.tokenUrl || opts.apiUrl;
        if (google && opts.google === undefined)
          throw new UsageError('--admin-email, --service-account-key-file, --token-url and --api-url are for Google');
        const tenant = await getTenantBySlug(deps, slug);
        let c: ConnectionView;
        if (opts.google !== undefined) {
          if (opts.sswsStdin || opts.privateKeyFile || opts.keyId || opts.clientId)
            throw new UsageError('--ssws-stdin, --client-id, --private-key-file and --key-id are not for Google');
          if (opts.clientSecretStdin || opts.certificateFile || opts.loginUrl || opts.graphUrl)
            throw new UsageError(
              '--client-secret-stdin, --certificate-file, --login-url and --graph-url are for Entra',
            );
          if (!opts.adminEmail) throw new UsageError('--google needs --admin-email');
          c = await addGoogleConnection(deps, tenant.id, {
            name: opts.name,
            primaryDomain: opts.google,
            adminEmail: opts.adminEmail,
            serviceAccountKey: serviceAccountKeyFrom(opts),
            ...(opts.tokenUrl ? { tokenUrl: opts.tokenUrl } : {}),
            ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
          });
        } else if (opts.entra !== undefined) {
          if (opts.sswsStdin || opts.privateKeyFile || opts.keyId)
            throw new UsageError('--ssws-stdin, --private-key-file and --key-id are for Okta connections');
          if (!opts.clientId) throw new UsageError('--entra needs --client-id');
          c = await addEntraConnection(deps, tenant.id, {
            name: opts.name,
            directoryId: opts.entra,
            clientId: opts.clientId,
            credentials: await entraCredentialsFrom(opts),
            ...(opts.loginUrl ? { loginUrl: opts.loginUrl } : {}),
            ...(opts.graphUrl ? { graphUrl: opts.graphUrl } : {}),
          });
        } else {
          if (opts.clientSecretStdin || opts.certificateFile || opts.loginUrl || opts.graphUrl)
            throw new UsageError(
              '--client-secret-stdin, --certificate-file, --login-url and --graph-url are for Entra',
            );
          const credentials = await credentialsFrom(opts);
          c = await addConnection(deps, tenant.id, { name: opts.name, orgUrl: opts.okta!, credentials });
        }
        emit(
          { json: !!opts.json },
          c,
          () => [
            c.provider === 'entra'
              ? `added connection ${c.name} to ${tenant.slug}: Entra tenant ${c.directoryId} via ${c.orgUrl} (${c.authKind})`
              : c.provider === 'google'
                ? `added connection ${c.name} to ${tenant.slug}: Google Workspace ${c.directoryId} as ${c.adminEmail} via ${c.orgUrl} (service account client id ${c.clientId})`
                : `added connection ${c.name} to ${tenant.slug}: ${c.orgUrl} (${c.authKind})`,
            'check it with `connection test <id>`',
          ],
          c.id,
        );
      }),
    );

  remoteOptions(
    connection
      .command('list')
      .description("a tenant's connections (never their credentials)")
      .argument('<tenant>', 'tenant slug')
      .option('--include-deleted', 'also those deleted with their snapshots kept')
      .option('--json', 'print one JSON document'),
  ).action((slug: string, opts: { includeDeleted?: boolean; json?: boolean } & RemoteOptions) => {
    const print = (list: ConnectionView[]) =>
      emit({ json: !!opts.json }, list, () =>
        list.length
          ? list.map((c) => `${c.id}  ${c.name}  ${c.orgUrl}  ${c.authKind}  ${lastTest(c)}${state(c)}`)
          : [`${slug} has no connections`],
      );
    const remote = remoteTarget(opts);
    if (remote)
      return withRemote(remote, slug, async (client) =>
        print(await client.connections.list.query({ includeDeleted: !!opts.includeDeleted })),
      );
    return withRuntime(async ({ deps }) => {
      const tenant = await getTenantBySlug(deps, slug);
      print(await listConnections(deps, tenant.id, { includeDeleted: !!opts.includeDeleted }));
    });
  });

  connection
    .command('test')
    .description(
      'check what the credential can read and what a backup would leave out; exit 1 if it cannot connect. An org on a private or loopback address is reached only when BUTTERFLY_ALLOW_PRIVATE_URLS allows it, as for backups',
    )
    .argument('<id>', 'connection id')
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const tenantId = await findConnectionTenant(deps, id);
        // The connectors load only for this subcommand, not for `connection list`.
        const { idpClients } = await import('../idp-clients.ts');
        const { connection: c, report } = await testConnection({ ...deps, idpClientFor: idpClients() }, tenantId, {
          connectionId: id,
        });
        emit({ json: !!opts.json }, report, () => {
          if (report.connected === false) return [`cannot connect to ${c.orgUrl}`];
          return [
            `connected to ${c.orgUrl} (${c.authKind})`,
            ...(report.missing.length
              ? report.missing.map((m) => `missing ${m.scope}: leaves out ${m.leavesOut.join(', ')}`)
              : ['every scope a backup reads is granted']),
            ...(report.optionalMissing ?? []).map(
              (m) => `optional ${m.scope} not granted: backups leave out ${m.leavesOut.join(', ')}`,
            ),
            ...(report.unavailable ?? []).map((u) => `not in this org: ${u.type}`),
            ...(report.detail ? [report.detail] : []),
          ];
        });
        if (report.connected === false) {
          // ADDRESS_REFUSED (the outbound policy, as `backup run` says it) or CONNECT (anything else).
          process.stderr.write(`error ${report.code ?? 'CONNECT'}: ${report.detail ?? 'cannot connect'}\n`);
          process.exitCode = 1;
        }
      }),
    );
  registerConnectionManage(connection);
  registerConnectionFreshness(connection);
}
