import type { Command } from 'commander';
import { setWriteCredential } from '@butterfly/domain/connections';
import { setRestoreApprovalThreshold } from '@butterfly/domain/restores';
import { getTenantBySlug } from '@butterfly/domain/tenants';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';
import { resolveConnection } from './backup.ts';
import { credentialsFrom } from './connection-credentials.ts';

/** The settings restores depend on: the credential they write with, and when a plan needs a second member. */
export function registerRestoreSettings(restore: Command) {
  restore
    .command('write-credential')
    .description(
      "set the credential restore apply writes with (okta.*.manage scopes), apart from the backup's read-only one",
    )
    .argument('<tenant>', 'tenant slug')
    .argument('<connection>', 'connection id or name')
    .option('--ssws-stdin', 'read an SSWS API token from stdin')
    .option('--client-id <id>', "an API service app's client id (OAuth 2.0, private_key_jwt)")
    .option('--private-key-file <pem>', "file with the service app's private key (PEM or JWK)")
    .option('--key-id <kid>', 'the key id registered in Okta')
    .option('--remove', 'remove it: apply then writes with the backup credential')
    .option('--json', 'print one JSON document')
    .action(
      (
        slug: string,
        connection: string,
        opts: {
          sswsStdin?: boolean;
          clientId?: string;
          privateKeyFile?: string;
          keyId?: string;
          remove?: boolean;
          json?: boolean;
        },
      ) =>
        withRuntime(async ({ deps }) => {
          const tenant = await getTenantBySlug(deps, slug);
          const c = await resolveConnection(deps, tenant.id, connection);
          const credentials = opts.remove ? null : await credentialsFrom(opts);
          const view = await setWriteCredential(deps, tenant.id, { connectionId: c.id, credentials });
          emit(
            { json: !!opts.json },
            view,
            () => [
              view.writeCredential
                ? `${c.name}: restores write with a separate ${view.writeCredential.authKind} credential`
                : `${c.name}: restores write with the backup credential`,
            ],
            c.id,
          );
        }),
    );

  restore
    .command('threshold')
    .description('users a plan may provision or deprovision before a second member must approve it (default 50)')
    .argument('<tenant>', 'tenant slug')
    .argument('<users>', 'a whole number')
    .action((slug: string, users: string) =>
      withRuntime(async ({ deps }) => {
        const tenant = await getTenantBySlug(deps, slug);
        const r = await setRestoreApprovalThreshold(deps, tenant.id, { threshold: Number(users) });
        emit({ json: false }, r, () => [
          `${tenant.slug}: plans reaching more than ${r.threshold} user(s) need a second member's approval`,
        ]);
      }),
    );
}
