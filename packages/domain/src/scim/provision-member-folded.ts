import { randomUUID } from 'node:crypto';
import { type DB, type Kysely, sql } from '@butterfly/db';
import { foldAppend } from '../audit/append-audit-event.ts';
import type { Deps } from '../deps.ts';
import { type TNewMember, memberCreatedEvent, memberValues } from '../members/insert-member.ts';
import type { MemberRow } from '../members/members.fns.ts';
import { foreignDomainError } from './foreign-domain.ts';

/** SQLSTATE of audit_append_guard (migration 20261210140000): written, but the chain's head had moved. */
const HEAD_MOVED = 'BFA01';

/**
 * Decision 050: POST /Users in one autocommit statement, not five round trips (BEGIN, foreign-domain
 * check, insert, audit append, COMMIT). The statement checks the foreign verified domains, inserts the
 * member (its id generated here, so its audit entry can be hashed beforehand) and appends that entry
 * continuing from the head this process remembers, in that order: the head's row lock is still taken
 * last and held to commit (the end of this statement), as decision 003 has it.
 *
 * When no head is remembered, or it was stale (audit_append_guard rolled the statement back: no
 * member, no entry), `inTransaction` does the same write under the head's lock. A duplicate fails on
 * the unique index exactly as in the transaction (the caller maps it to 409); a foreign domain writes
 * nothing and is refused with the same error.
 */
export async function provisionMemberFolded(
  deps: Deps & { db: Kysely<DB>; ordered?: Kysely<DB> },
  tenantId: string,
  m: TNewMember,
  domains: string[],
  inTransaction: () => Promise<MemberRow>,
): Promise<MemberRow> {
  const values = { id: randomUUID(), ...memberValues(deps, tenantId, m) };
  const cols = sql.join(Object.keys(values).map((c) => sql.ref(c)));
  const event = memberCreatedEvent(tenantId, m.source, values);
  type Row = MemberRow & { foreign_domain: string | null; written: boolean };
  const memberCtes = sql`
    with foreign_domain as (
      select domain from tenant_domains
      where domain = any(${domains}::text[]) and verified_at is not null and tenant_id <> ${tenantId}
      limit 1
    ), member as (
      insert into members (${cols})
      select ${cols} from json_populate_record(null::members, ${JSON.stringify(values)}::json)
      where not exists (select 1 from foreign_domain)
      returning *
    )`;
  return foldAppend(
    deps,
    event,
    sql`exists (select 1 from member)`,
    deps.ordered !== undefined,
    async (guessed) => {
      let row: Row;
      try {
        row = (
          await sql<Row>`${memberCtes}, ${guessed.ctes}
            select m.*, (select domain from foreign_domain) as foreign_domain,
                   audit_append_guard(exists (select 1 from member), exists (select 1 from audited)) as written
            from (select) one left join member m on true`.execute(deps.ordered ?? deps.db)
        ).rows[0]!;
      } catch (e) {
        // Rolled back whole: the head is where it was, unless the guard found that it had moved.
        const moved = (e as { code?: string }).code === HEAD_MOVED;
        guessed.settle(moved ? 'unknown' : 'unchanged');
        if (moved) return undefined;
        throw e;
      }
      const { foreign_domain, written, ...member } = row;
      if (written) return member;
      guessed.settle('unchanged');
      throw foreignDomainError(foreign_domain!);
    },
    inTransaction,
  );
}
