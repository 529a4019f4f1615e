import type { Kysely } from 'kysely';

/**
 * Counters of rate-limiter-flexible's Postgres store, shared by every web and SCIM process. The
 * columns are the library's own (RateLimiterPostgres._getCreateTableStmt); we create the table here
 * and pass `tableCreated: true`, so no process runs DDL at boot. Keys are SHA-256 hashes (no
 * addresses, emails or tokens in clear); `expire` is epoch milliseconds.
 */
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  // The library deletes expired rows hourly (`DELETE ... WHERE expire < $1`).
  await db.schema.createIndex('rate_limits_expire_idx').on('rate_limits').column('expire').execute();
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('rate_limits').execute();
}
