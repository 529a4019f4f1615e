import type { Selectable, Snapshots } from '@butterfly/db';

/** What lists and pages show of a snapshot. */
export function toSnapshotView(s: Selectable<Snapshots>) {
  return {
    id: s.id,
    connectionId: s.connection_id,
    seq: s.seq,
    kind: s.kind as 'full' | 'object',
    status: s.status as 'running' | 'complete' | 'failed',
    trigger: s.trigger,
    startedAt: s.started_at.toISOString(),
    completedAt: s.completed_at?.toISOString() ?? null,
    durationMs: s.completed_at ? s.completed_at.getTime() - s.started_at.getTime() : null,
    objectCount: s.object_count,
    counts: s.counts as Record<string, number>,
    changes: s.changes as { added?: number; changed?: number; removed?: number },
    stats: s.stats as Record<string, unknown>,
    progress: s.progress as Record<string, unknown>,
    rowsWritten: s.rows_written,
    bytesWritten: Number(s.bytes_written),
    error: s.error,
    legalHold: s.legal_hold,
  };
}
export type SnapshotView = ReturnType<typeof toSnapshotView>;
