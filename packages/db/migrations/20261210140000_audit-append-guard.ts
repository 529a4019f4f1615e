import { type Kysely, sql } from 'kysely';

/**
 * Decision 050 (folded writes): one autocommit statement writes a row and appends its audit entries
 * continuing from the head the process guessed. When the guess is stale the head does not move and
 * the entries are not inserted, so the statement must fail rather than commit the row unaudited:
 * `audit_append_guard(written, appended)` raises SQLSTATE BFA01 when something was written but not
 * appended (the caller then redoes the write in a transaction under the head's lock).
 */
export async function up(db: Kysely<any>) {
  await sql`
    create function audit_append_guard(written boolean, appended boolean) returns boolean
    language plpgsql volatile as $$
    begin
      if written and not appended then
        raise exception 'audit chain head moved since it was guessed; the write is redone under its lock'
          using errcode = 'BFA01';
      end if;
      return written;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>) {
  await sql`drop function audit_append_guard(boolean, boolean)`.execute(db);
}
