/**
 * Reading the audit log: listing it and verifying its hash chain, for members allowed to. Kept apart from
 * audit/ (the log itself, which authorize writes denials to) so the arrows run one way:
 * audit-review -> permissions -> audit.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { authorize } from '../permissions/authorize.ts';
import { redactWebhookAuditData, seesWebhookTargets } from '../webhooks/webhook-targets.fns.ts';

export const ZListAuditEventsInput = z.object({
  /** Return entries older than this sequence number (for paging backwards). */
  beforeSeq: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Part of the actor's name, email or label (case-insensitive). */
  actor: z.string().trim().min(1).max(200).optional(),
  /** An action, or the start of one: `member.` lists every member action. */
  action: z.string().trim().min(1).max(100).optional(),
  /** Entries at or after this instant (ISO 8601). */
  from: z.string().datetime({ offset: true }).optional(),
  /** Entries before this instant (ISO 8601). */
  to: z.string().datetime({ offset: true }).optional(),
});
export type TListAuditEventsInput = z.input<typeof ZListAuditEventsInput>;

/** One audit log entry as a member reads it: its actor named as a person would be (see listAuditEvents). */
export interface AuditEntryView {
  seq: number;
  /** ISO 8601. */
  occurredAt: string;
  /** `name`: the member's display (or given and family) name when the actor is a member of the tenant. */
  actor: { type: string; id: string | null; label: string; name: string | null };
  action: string;
  outcome: string;
  target: { type: string; id: string | null } | null;
  /** The entry's JSON as recorded (its shape depends on the action); webhook URLs redacted by role. */
  data: unknown;
  requestId: string | null;
}

/** A page of the audit log, newest first; `nextBeforeSeq` is the next (older) page's cursor, absent on the last. */
export interface AuditPage {
  items: AuditEntryView[];
  nextBeforeSeq?: number | undefined;
}

/** `%`, `_` and `\` stand for themselves in a LIKE pattern built from what a person typed. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A page of a tenant's audit log, newest first, filtered by actor, action and time range. Each entry
 * names its actor as a person would: a member's display name (or given and family name) when the
 * actor is a member of this tenant, else the label recorded with the entry.
 */
export async function listAuditEvents(
  deps: Deps,
  tenantId: string,
  input: TListAuditEventsInput = {},
): Promise<AuditPage> {
  await authorize(deps, tenantId, 'audit.read');
  const { beforeSeq, limit, actor, action, from, to } = ZListAuditEventsInput.parse(input);
  if (from && to && new Date(from) >= new Date(to)) {
    throw new DomainError('VALIDATION', 'The start of the time range must be before its end.', {
      fields: { from: 'must be before "to"' },
    });
  }
  let q = deps.db
    .selectFrom('audit_events as e')
    .leftJoin('members as m', (j) =>
      j
        .on('e.actor_type', '=', 'member')
        .on('m.tenant_id', '=', tenantId)
        .on(sql`m.id::text`, '=', sql.ref('e.actor_id')),
    )
    .select([
      'e.id',
      'e.seq',
      'e.occurred_at',
      'e.actor_type',
      'e.actor_id',
      'e.actor_label',
      'e.action',
      'e.outcome',
      'e.target_type',
      'e.target_id',
      'e.data',
      'e.request_id',
    ])
    .select(['m.display_name', 'm.given_name', 'm.family_name', 'm.email'])
    .where('e.tenant_id', '=', tenantId)
    .orderBy('e.seq', 'desc')
    .limit(limit + 1);
  if (beforeSeq) q = q.where('e.seq', '<', beforeSeq);
  if (action) q = q.where('e.action', 'like', `${likeLiteral(action)}%`);
  if (from) q = q.where('e.occurred_at', '>=', new Date(from));
  if (to) q = q.where('e.occurred_at', '<', new Date(to));
  if (actor) {
    const pattern = `%${likeLiteral(actor)}%`;
    q = q.where((w) =>
      w.or([
        w('e.actor_label', 'ilike', pattern),
        w('m.display_name', 'ilike', pattern),
        w('m.email', 'ilike', pattern),
        w(sql<string>`concat_ws(' ', m.given_name, m.family_name)`, 'ilike', pattern),
      ]),
    );
  }
  const rows = await q.execute();
  const page = rows.slice(0, limit);
  // Entries written before webhook targets were recorded as hosts still hold the URL: shown by role.
  const full = seesWebhookTargets(deps.actor);
  return {
    items: page.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label, name: personName(r) },
      action: r.action,
      outcome: r.outcome,
      target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
      data: full ? r.data : redactWebhookAuditData(r.action, r.data),
      requestId: r.request_id,
    })),
    nextBeforeSeq: rows.length > limit ? page.at(-1)?.seq : undefined,
  };
}

function personName(r: {
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
}): string | null {
  const display = r.display_name?.trim();
  if (display) return display;
  const full = [r.given_name, r.family_name].filter((p) => p?.trim()).join(' ');
  return full || null;
}
