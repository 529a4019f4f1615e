import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { GENESIS_HASH, entryHash } from '../audit/audit.fns.ts';

export type AuditProblem =
  | { kind: 'changed'; seq: number; id: number; detail: string }
  | { kind: 'missing'; seq: number; detail: string }
  | { kind: 'out_of_order'; seq: number; id: number; detail: string }
  | { kind: 'truncated'; seq: number; detail: string };

export interface AuditVerification {
  ok: boolean;
  checked: number;
  headSeq: number;
  problems: AuditProblem[];
}

const BATCH = 1000;

/**
 * Walks a tenant's chain in sequence order, a batch at a time, and reports every entry that was
 * changed (its keyed hash no longer matches), removed (a gap in seq, or a head past the last entry),
 * or moved (a genuine entry whose predecessor is not the one it was chained to).
 */
export async function verifyAuditChain(deps: Deps, input: { tenantId: string }): Promise<AuditVerification> {
  await authorize(deps, input.tenantId, 'audit.read');
  const key = deps.keyring.auditKey(input.tenantId);
  const head = await deps.db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', input.tenantId)
    .executeTakeFirst();
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (let after = 0; ; ) {
    const rows = await deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', input.tenantId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      checked++;
      if (r.seq > expectedSeq) {
        const missing = r.seq - expectedSeq;
        const which = missing === 1 ? `entry seq ${expectedSeq} was` : `entries seq ${expectedSeq}..${r.seq - 1} were`;
        problems.push({
          kind: 'missing',
          seq: expectedSeq,
          detail: `${which} removed (the log jumps to seq ${r.seq})`,
        });
      }
      const recomputed = entryHash(key, {
        tenantId: r.tenant_id,
        seq: r.seq,
        occurredAt: r.occurred_at,
        actorType: r.actor_type,
        actorId: r.actor_id,
        actorLabel: r.actor_label,
        action: r.action,
        outcome: r.outcome,
        targetType: r.target_type,
        targetId: r.target_id,
        data: r.data,
        requestId: r.request_id,
        prevHash: r.prev_hash,
      });
      if (recomputed !== r.hash) {
        problems.push({
          kind: 'changed',
          seq: r.seq,
          id: r.id,
          detail: `entry seq ${r.seq} (id ${r.id}, ${r.action}) was altered`,
        });
      } else if (r.prev_hash !== prevHash && r.seq === expectedSeq) {
        problems.push({
          kind: 'out_of_order',
          seq: r.seq,
          id: r.id,
          detail: `entry seq ${r.seq} (id ${r.id}) is not chained to its predecessor`,
        });
      } else if (r.id < lastId) {
        problems.push({
          kind: 'out_of_order',
          seq: r.seq,
          id: r.id,
          detail: `entry seq ${r.seq} (id ${r.id}) was moved`,
        });
      }
      prevHash = r.hash;
      lastId = r.id;
      expectedSeq = r.seq + 1;
      after = r.seq;
    }
    if (rows.length < BATCH) break;
  }
  const headSeq = head?.seq ?? 0;
  if (headSeq >= expectedSeq) {
    problems.push({
      kind: 'truncated',
      seq: expectedSeq,
      detail: `entries seq ${expectedSeq}..${headSeq} were removed from the end of the log`,
    });
  } else if (head && checked > 0 && head.hash !== prevHash) {
    problems.push({
      kind: 'changed',
      seq: headSeq,
      id: lastId,
      detail: `the chain head does not match entry seq ${headSeq}`,
    });
  }
  return { ok: problems.length === 0, checked, headSeq, problems };
}
