import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { FileMigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';

export const migrationsFolder = path.resolve(import.meta.dirname, '../migrations');

export function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: migrationsFolder }) });
}

/** Applies every pending migration (Kysely takes a lock, so concurrent callers are safe). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results }: MigrationResultSet = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migration names in the folder, as Kysely's FileMigrationProvider names them. */
async function migrationNames(): Promise<string[]> {
  const files = await fs.readdir(migrationsFolder);
  return files
    .filter((f) => /\.(ts|js|mts|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.[^.]+$/, ''));
}

/**
 * Whether every migration in the folder is recorded as applied: one query and a directory listing,
 * where `migrateToLatest` imports every migration file and takes a lock.
 */
export async function isMigrated(db: Kysely<any>): Promise<boolean> {
  const wanted = await migrationNames();
  let applied: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
    applied = new Set(rows.map((r) => r.name));
  } catch {
    return false; // no migration table yet
  }
  return wanted.every((n) => applied.has(n));
}

/** `migrateToLatest` unless the database is already up to date (the CLI's fast path for each command). */
export async function migrateIfPending(db: Kysely<any>): Promise<string[]> {
  return (await isMigrated(db)) ? [] : migrateToLatest(db);
}
