import { type Kysely, sql } from 'kysely';

/**
 * Decision 050: the SCIM app caches authenticated bearer tokens for a few seconds. A token that is
 * revoked, deleted (its tenant deleted) or changed in any way but its last use announces it on the
 * `scim_tokens_changed` channel, with its id, at commit; every SCIM process drops it from its cache
 * then, so a revocation takes effect at once rather than after the cache's lifetime.
 */
export async function up(db: Kysely<any>) {
  await sql`
    create function scim_tokens_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('scim_tokens_changed', coalesce(old.id, new.id)::text);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger scim_tokens_changed
    after update of tenant_id, token_hash, revoked_at, label or delete on scim_tokens
    for each row execute function scim_tokens_notify()`.execute(db);
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger scim_tokens_changed on scim_tokens`.execute(db);
  await sql`drop function scim_tokens_notify()`.execute(db);
}
