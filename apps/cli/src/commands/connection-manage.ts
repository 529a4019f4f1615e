import type { Command } from 'commander';
import {
  findConnectionTenant,
  getConnection,
  pauseConnection,
  removeConnection,
  resumeConnection,
  updateConnection,
} from '@butterfly/domain/connections';
import { listSnapshots } from '@butterfly/domain/snapshots';
import { emit, UsageError } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { deleteConfirmationName } from './connection-confirm.ts';
import { credentialsFrom, entraCredentialsFrom, serviceAccountKeyFrom } from './connection-credentials.ts';

interface EditOptions {
  name?: string;
  sswsStdin?: boolean;
  clientId?: string;
  privateKeyFile?: string;
  keyId?: string;
  clientSecretStdin?: boolean;
  certificateFile?: string;
  serviceAccountKeyFile?: string;
  rateLimitShare?: string;
  json?: boolean;
}

/** `--rate-limit-share 80` (percent of each Okta bucket) or `default` (Okta's 50 % for an app). */
function parseShare(raw: string): number | null {
  if (raw === 'default') return null;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
    throw new UsageError('--rate-limit-share takes a percent from 1 to 100, or "default"');
  return Number(raw);
}

/** `connection edit | pause | resume | delete <id>`: the operator's side of the dashboard's connection page. */
export function registerConnectionManage(connection: Command) {
  connection
    .command('edit')
    .description(
      "rename a connection, replace its credential (Okta: an SSWS token on stdin or a service app key from a file; Entra: the app's client secret on stdin or its certificate from a file; Google: the service account's new JSON key file) and/or set its rate-limit share",
    )
    .argument('<id>', 'connection id')
    .option('--name <name>', 'a new name, unique in the tenant')
    .option('--ssws-stdin', 'read a new SSWS API token from stdin')
    .option('--client-id <id>', "the API service app's client id (OAuth 2.0, private_key_jwt)")
    .option('--private-key-file <pem>', "file with the service app's private key (PEM or JWK)")
    .option('--key-id <kid>', 'the key id registered in Okta (when the app has several keys)')
    .option('--client-secret-stdin', "Entra: read the app's new client secret from stdin")
    .option('--certificate-file <pem>', "Entra: file with the app's certificate and its private key (PEM)")
    .option('--service-account-key-file <json>', "Google: file with the service account's new JSON key")
    .option(
      '--rate-limit-share <percent>',
      "OAuth service apps: the percent of each Okta rate-limit bucket the app has in Okta (1-100; 'default' = Okta's 50 %); backups never use more",
    )
    .option('--json', 'print one JSON document')
    .action((id: string, opts: EditOptions) =>
      withRuntime(async ({ deps }) => {
        const okta = opts.sswsStdin || opts.clientId !== undefined || opts.privateKeyFile !== undefined;
        const entra = opts.clientSecretStdin || opts.certificateFile !== undefined;
        const google = opts.serviceAccountKeyFile !== undefined;
        if ([okta, entra, google].filter(Boolean).length > 1)
          throw new UsageError(
            "give one provider's credential: Okta (--ssws-stdin, --client-id, --private-key-file), Entra (--client-secret-stdin, --certificate-file) or Google (--service-account-key-file)",
          );
        const replacing = okta || entra || google;
        if (!replacing && opts.name === undefined && opts.rateLimitShare === undefined)
          throw new UsageError('give --name, a new credential, --rate-limit-share, or several');
        const share = opts.rateLimitShare === undefined ? undefined : parseShare(opts.rateLimitShare);
        // The provider decides which kinds it takes: a mismatch is the domain's VALIDATION error.
        const credentials = google
          ? { kind: 'service_account' as const, serviceAccountKey: serviceAccountKeyFrom(opts) }
          : entra
            ? await entraCredentialsFrom(opts)
            : okta
              ? await credentialsFrom(opts)
              : undefined;
        const tenantId = await findConnectionTenant(deps, id);
        const c = await updateConnection(deps, tenantId, {
          connectionId: id,
          ...(opts.name !== undefined ? { name: opts.name } : {}),
          ...(credentials ? { credentials } : {}),
          ...(share !== undefined ? { rateLimitShare: share } : {}),
        });
        emit({ json: !!opts.json }, c, () => [
          `updated ${c.name}: ${c.orgUrl} (${c.authKind})`,
          ...(credentials ? ['new credential stored; check it with `connection test <id>`'] : []),
          ...(share !== undefined
            ? [
                c.authKind === 'oauth'
                  ? `rate limits: at most ${c.rateLimitCeiling} % of each Okta bucket${c.rateLimitShare === null ? " (Okta's default share for an app)" : ''}`
                  : `rate limits: an SSWS token keeps 20 % of each bucket for you (at most ${c.rateLimitCeiling} %); the share applies to OAuth service apps`,
              ]
            : []),
        ]);
      }),
    );

  connection
    .command('pause')
    .description('pause backups of a connection: schedules skip it and "back up now" is refused until it is resumed')
    .argument('<id>', 'connection id')
    .option('--reason <text>', 'why, for the others who see it paused')
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { reason?: string; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const c = await pauseConnection(deps, await findConnectionTenant(deps, id), {
          connectionId: id,
          reason: opts.reason,
        });
        emit({ json: !!opts.json }, c, () => [`paused ${c.name}${c.paused?.reason ? ` (${c.paused.reason})` : ''}`]);
      }),
    );

  connection
    .command('resume')
    .description('resume backups of a paused connection')
    .argument('<id>', 'connection id')
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        const c = await resumeConnection(deps, await findConnectionTenant(deps, id), { connectionId: id });
        emit({ json: !!opts.json }, c, () => [`resumed ${c.name}: its schedule backs it up again`]);
      }),
    );

  connection
    .command('delete')
    .description(
      "delete a connection, keeping its snapshots read-only or deleting them too; asks for the connection's name unless --yes",
    )
    .argument('<id>', 'connection id')
    .option('--keep-snapshots', 'keep its snapshots, scans and evidence, read-only')
    .option('--delete-snapshots', 'delete its snapshots, scans and restore plans too')
    .option('-y, --yes', "delete without typing the connection's name (required when stdin is not a terminal)")
    .option('--json', 'print one JSON document')
    .action((id: string, opts: { keepSnapshots?: boolean; deleteSnapshots?: boolean; yes?: boolean; json?: boolean }) =>
      withRuntime(async ({ deps }) => {
        if (!!opts.keepSnapshots === !!opts.deleteSnapshots)
          throw new UsageError('give either --keep-snapshots or --delete-snapshots');
        const keepSnapshots = !!opts.keepSnapshots;
        const tenantId = await findConnectionTenant(deps, id);
        const c = await getConnection(deps, tenantId, { connectionId: id });
        const snapshots = (await listSnapshots(deps, tenantId, { connectionId: id, limit: 1000 })).length;
        const confirmName = await deleteConfirmationName({ name: c.name, snapshots, keepSnapshots }, opts);
        const r = await removeConnection(deps, tenantId, { connectionId: id, confirmName, keepSnapshots });
        emit({ json: !!opts.json }, r, () => [
          keepSnapshots
            ? `deleted ${c.name}; its ${snapshots} snapshot(s) are kept read-only`
            : `deleted ${c.name} and its ${snapshots} snapshot(s)`,
        ]);
      }),
    );
}
