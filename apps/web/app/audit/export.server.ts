import { listAuditEvents } from '@butterfly/domain/audit-review';
import type { Deps } from '@butterfly/domain/core';
import { csvRow } from './csv.ts';
import type { ParsedAuditFilters } from './filters.ts';

const HEADER = [
  'time',
  'actor',
  'actor_label',
  'actor_type',
  'action',
  'outcome',
  'target_type',
  'target_id',
  'request_id',
  'seq',
  'data',
];
const PAGE = 200;

/**
 * The tenant's audit entries matching the filters, newest first, as a CSV stream: read a page of 200
 * at a time as the client takes them, so a long log is never held in memory. The first page is read
 * before the stream is returned, so a refusal (no audit.read) is an error response, not a cut file.
 */
export async function auditCsvStream(
  deps: Deps,
  tenantId: string,
  input: ParsedAuditFilters['input'],
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let page: Awaited<ReturnType<typeof listAuditEvents>> | undefined = await listAuditEvents(deps, tenantId, {
    ...input,
    limit: PAGE,
  });
  let sentHeader = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentHeader) {
        sentHeader = true;
        controller.enqueue(encoder.encode(`\uFEFF${csvRow(HEADER)}`));
      }
      if (!page) return controller.close();
      const lines = page.items.map((e) =>
        csvRow([
          e.occurredAt,
          e.actor.name ?? e.actor.label,
          e.actor.label,
          e.actor.type,
          e.action,
          e.outcome,
          e.target?.type,
          e.target?.id,
          e.requestId,
          e.seq,
          e.data,
        ]),
      );
      if (lines.length) controller.enqueue(encoder.encode(lines.join('')));
      const next = page.nextBeforeSeq;
      page = next ? await listAuditEvents(deps, tenantId, { ...input, limit: PAGE, beforeSeq: next }) : undefined;
    },
  });
}
