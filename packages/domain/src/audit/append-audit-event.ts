import { type DB, type RawBuilder, type Transaction, sql } from '@butterfly/db';
import type { Actor, Deps } from '../deps.ts';
import { type ChainedFields, entryHash } from './audit.fns.ts';

export interface TAuditEventInput {
  tenantId: string;
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
}

export function actorFields(actor: Actor): { actorType: string; actorId: string | null; actorLabel: string } {
  switch (actor.kind) {
    case 'member':
      return { actorType: 'member', actorId: actor.memberId, actorLabel: actor.label };
    case 'scim':
      return { actorType: 'scim', actorId: actor.tokenId, actorLabel: actor.label };
    default:
      return { actorType: actor.kind, actorId: null, actorLabel: actor.label };
  }
}

/**
 * The head this process last moved each tenant's chain to (committed or not). Decision 050: an append
 * first tries to continue from it in one statement, which moves the head only if it is still exactly
 * that (seq and hash) and inserts the entries only if it moved; the row lock it takes is the one the
 * locked path takes, so appends still serialise per tenant and the chain cannot fork. A stale guess
 * (another process appended, or a transaction rolled back) costs that one statement, then the
 * locked path runs as before. Bounded: the oldest tenant is forgotten past MAX_CACHED_HEADS.
 */
const heads = new Map<string, { seq: number; hash: string }>();
const MAX_CACHED_HEADS = 10_000;

function remember(tenantId: string, head: { seq: number; hash: string }) {
  heads.delete(tenantId);
  if (heads.size >= MAX_CACHED_HEADS) heads.delete(heads.keys().next().value!);
  heads.set(tenantId, head);
}

type AppendDeps = Pick<Deps, 'actor' | 'clock' | 'keyring' | 'requestId'>;
type Head = { seq: number; hash: string };

/** The entries chained onto `head`, as audit_events rows, and the head they leave. */
function chainRows(deps: AppendDeps, inputs: TAuditEventInput[], head: Head) {
  const tenantId = inputs[0]!.tenantId;
  if (inputs.some((i) => i.tenantId !== tenantId)) throw new Error('appendAuditEvent: one tenant per call');
  const key = deps.keyring.auditKey(tenantId);
  // Millisecond precision, so the stored timestamp hashes back to the same value.
  const occurredAt = new Date(deps.clock().getTime());
  const actor = actorFields(deps.actor);
  let { seq, hash: prevHash } = head;
  const rows = inputs.map((i) => {
    const fields: ChainedFields = {
      tenantId,
      seq: ++seq,
      occurredAt,
      ...actor,
      action: i.action,
      outcome: i.outcome ?? 'success',
      targetType: i.target?.type ?? null,
      targetId: i.target?.id ?? null,
      data: i.data ?? {},
      requestId: deps.requestId ?? null,
      prevHash,
    };
    prevHash = entryHash(key, fields);
    return {
      tenant_id: tenantId,
      seq: fields.seq,
      occurred_at: occurredAt,
      actor_type: fields.actorType,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      outcome: fields.outcome,
      target_type: fields.targetType,
      target_id: fields.targetId,
      data: JSON.stringify(fields.data),
      request_id: fields.requestId,
      prev_hash: fields.prevHash,
      hash: prevHash,
    };
  });
  return { rows, next: { seq, hash: prevHash } };
}

/** An append continuing from the remembered head, as SQL to run in one statement (see guessedAppend). */
export interface GuessedAppend {
  /** `moved as (…), audited as (…)`: CTEs for the caller's `with`; `audited` has one row per entry appended. */
  ctes: RawBuilder<unknown>;
  entries: number;
  next: Head;
  /**
   * How the statement ended when it did not append: `unchanged` when it failed or wrote nothing and
   * ran alone (autocommit; the head is still the guess), `unknown` otherwise (the head is read again).
   */
  settle(outcome: 'unchanged' | 'unknown'): void;
}

/**
 * Decision 050: the entries chained onto the head this process last moved, as CTEs that move the head
 * only if it is still exactly that (seq and hash) and `when` holds, and insert the entries only if it
 * moved. Undefined when no head is remembered for the tenant. The new head is remembered at once, so
 * a concurrent append in this process chains onto it (and waits on its row lock in Postgres).
 */
export function guessedAppend(
  deps: AppendDeps,
  input: TAuditEventInput | TAuditEventInput[],
  when: RawBuilder<unknown> = sql`true`,
): GuessedAppend | undefined {
  const inputs = Array.isArray(input) ? input : [input];
  const tenantId = inputs[0]!.tenantId;
  const guess = heads.get(tenantId);
  if (!guess) return undefined;
  const { rows, next } = chainRows(deps, inputs, guess);
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.tenant_id}::uuid, ${r.seq}::bigint, ${r.occurred_at}::timestamptz, ${r.actor_type}, ${r.actor_id}, ${r.actor_label}, ${r.action}, ${r.outcome}, ${r.target_type}, ${r.target_id}, ${r.data}::jsonb, ${r.request_id}, ${r.prev_hash}, ${r.hash})`,
    ),
  );
  remember(tenantId, next);
  const ctes = sql`moved as (
      update audit_heads set seq = ${next.seq}, hash = ${next.hash}
      where tenant_id = ${tenantId} and seq = ${guess.seq} and hash = ${guess.hash} and ${when}
      returning 1
    ), audited as (
      insert into audit_events (tenant_id, seq, occurred_at, actor_type, actor_id, actor_label, action, outcome,
                                target_type, target_id, data, request_id, prev_hash, hash)
      select v.* from (values ${values}) v where exists (select 1 from moved)
      returning 1
    )`;
  const settle = (outcome: 'unchanged' | 'unknown') => {
    // Only while nothing chained onto ours since; that append will fail its guess and read the head.
    if (heads.get(tenantId) !== next) return;
    if (outcome === 'unchanged') remember(tenantId, guess);
    else heads.delete(tenantId);
  };
  return { ctes, entries: rows.length, next, settle };
}

/** Per tenant, this process's latest folded write not yet ended. */
const folding = new Map<string, Promise<unknown>>();

/**
 * A write folded with its audit append into one autocommit statement (decision 050). `statement`, built
 * around guessedAppend's CTEs, answers undefined when the guess was stale and it rolled back; then it
 * is tried once more after the tenant's previous folded write has ended, and then, or when no head is
 * remembered, `otherwise` does the write in a transaction under the head's lock.
 *
 * A write guesses the head that the one before it will leave. `ordered`: the statements go through one
 * connection that runs them in the order issued, so each goes out at once and that guess holds. Else
 * two in flight would race to the head row, and the later guess lose often (each loss a rolled-back
 * insert and a retry): the next write then waits here until the one before it has ended.
 */
export async function foldAppend<T>(
  deps: AppendDeps,
  input: TAuditEventInput | TAuditEventInput[],
  when: RawBuilder<unknown>,
  ordered: boolean,
  statement: (guessed: GuessedAppend) => Promise<T | undefined>,
  otherwise: () => Promise<T>,
): Promise<T> {
  const tenantId = (Array.isArray(input) ? input[0]! : input).tenantId;
  const before = folding.get(tenantId);
  const settled = before?.then(
    () => {},
    () => {},
  );
  const attempt = async () => {
    const guessed = guessedAppend(deps, input, when);
    return guessed && (await statement(guessed));
  };
  const mine = (async () => {
    if (!ordered) await settled;
    const first = await attempt();
    if (first !== undefined) return first;
    await settled;
    return (await attempt()) ?? (await otherwise());
  })();
  folding.set(tenantId, mine);
  try {
    return await mine;
  } finally {
    if (folding.get(tenantId) === mine) folding.delete(tenantId);
  }
}

/**
 * Appends entries to the tenant's chain. Must run in the transaction of the change they record; the
 * head row's lock serialises appends per tenant, so the chain never forks. One round trip when this
 * process moved the head last (the head is updated and the entries inserted in one statement, only
 * if the head is still where it was), else two (lock and read the head; insert and move the head in
 * one statement). The lock is held until commit and every audited write of the tenant waits on it.
 */
export async function appendAuditEvent(
  deps: AppendDeps & { db: Transaction<DB> },
  input: TAuditEventInput | TAuditEventInput[],
) {
  const inputs = Array.isArray(input) ? input : [input];
  const tenantId = inputs[0]!.tenantId;
  const guessed = guessedAppend(deps, inputs);
  if (guessed) {
    const { rows: done } = await sql<{ n: number }>`with ${guessed.ctes} select count(*)::int as n from audited`
      .execute(deps.db)
      .catch((e: unknown) => {
        guessed.settle('unknown');
        throw e;
      });
    if (done[0]?.n === guessed.entries) return guessed.next;
  }

  const head = await deps.db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const { rows, next } = chainRows(deps, inputs, head);
  remember(tenantId, next);
  await deps.db
    .with('inserted', (db) => db.insertInto('audit_events').values(rows))
    .updateTable('audit_heads')
    .set({ seq: next.seq, hash: next.hash })
    .where('tenant_id', '=', tenantId)
    .execute()
    .catch((e: unknown) => {
      heads.delete(tenantId);
      throw e;
    });
  return next;
}
