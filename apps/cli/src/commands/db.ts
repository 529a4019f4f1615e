import type { Command } from 'commander';
import { databaseEnv } from '@butterfly/config';
import { createDb } from '@butterfly/db';
import { migrateToLatest } from '@butterfly/db/migrate';
import { ensureDatabase, stopCluster } from '@butterfly/db/server';
import { emit } from '../output.ts';
import { withRuntime } from '../runtime.ts';

export function registerDb(db: Command) {
  db.command('migrate')
    .description('apply pending migrations')
    .option('--json', 'print one JSON document')
    .action((opts: { json?: boolean }) =>
      withRuntime(
        async ({ db }) => {
          const applied = await migrateToLatest(db);
          emit({ json: !!opts.json }, { applied }, () =>
            applied.length ? applied.map((m) => `applied ${m}`) : ['database is up to date'],
          );
        },
        { migrate: false },
      ),
    );

  db.command('start')
    .description('start the embedded database (if not running), migrate it and leave it running; prints its URL')
    .option('--json', 'print one JSON document')
    .action(async (opts: { json?: boolean }) => {
      const server = await ensureDatabase();
      const kdb = createDb(server.url, { max: 1 });
      try {
        await migrateToLatest(kdb);
      } finally {
        await kdb.destroy();
      }
      emit(
        { json: !!opts.json },
        { url: server.url, embedded: server.embedded, started: server.startedHere },
        () => [
          server.embedded
            ? server.startedHere
              ? 'embedded database started'
              : 'embedded database already running'
            : 'using DATABASE_URL',
        ],
        server.url,
      );
    });

  db.command('stop')
    .description('stop the embedded database')
    .action(async () => {
      const env = databaseEnv();
      if (!env.embedded) {
        process.stderr.write('DATABASE_URL is set: there is no embedded database to stop\n');
        return;
      }
      const server = await ensureDatabase({ env });
      if (server.pgDir) await stopCluster(server.pgDir);
      process.stdout.write('embedded database stopped\n');
    });
}
