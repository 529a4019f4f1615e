import type { DomainTaskName, DomainTaskPayloads } from '@butterfly/domain/core';
import { z } from 'zod';

/**
 * Every graphile-worker task, by name, with the zod schema of its payload: the one place a task name
 * is spelled. `enqueue` checks payloads against it, the worker's task list is built from it (a handler
 * per name, see task-list.ts), and the cron names its tasks from it. A task's name and payload shape
 * stay compatible while jobs for it may be queued (CONVENTIONS.md, Jobs): add optional fields only,
 * and never rename a task.
 */
export const taskRegistry = {
  /** One backup of one connection (Backup now, the schedule, the API, the CLI). */
  backup: z.object({
    tenantId: z.uuid(),
    connectionId: z.uuid(),
    trigger: z.enum(['manual', 'schedule', 'api']).default('manual'),
  }),
  /** The cron's minute tick: queues due backups, expires compliance exceptions. */
  schedules_tick: z.object({}).passthrough(),
  /** A scan of one complete snapshot (after every backup, or Run scan). */
  compliance_scan: z.object({
    tenantId: z.uuid(),
    snapshotId: z.uuid(),
    trigger: z.enum(['manual', 'backup', 'api']).default('backup'),
    /** "Run scan" (scans/request-latest-scan.ts): scan again even if the snapshot was scanned before this. */
    requestedAt: z.iso.datetime().optional(),
    /** Who clicked Run scan (`member:<email>`): the scan report's "Started by" instead of this job. */
    requestedBy: z.string().min(1).max(400).optional(),
  }),
  /** One alert delivery to a channel (webhook, Slack, email). */
  'webhook.deliver': z.object({ tenantId: z.uuid(), deliveryId: z.uuid() }),
  /** The daily cron that queues one digest per daily-digest email channel. */
  'notify.digest': z.object({}).passthrough(),
  /** Computes a stored restore plan (reads the live org, writes nothing). */
  restore_preview: z.object({ tenantId: z.uuid(), planId: z.uuid() }),
  /** Applies an approved restore plan. */
  restore_apply: z.object({ tenantId: z.uuid(), planId: z.uuid() }),
  /**
   * Decision 048: one System Log poll of a connection with freshness on, snapshotting just the objects
   * the new events name; queued by the previous poll, the minute tick, or the connection's event hook.
   */
  'freshness.poll': z.object({
    tenantId: z.uuid(),
    connectionId: z.uuid(),
    trigger: z.enum(['system_log', 'event_hook']).default('system_log'),
  }),
  /**
   * Decision 064: one Google directory sync of a connection (members from the customer's directory);
   * queued by the minute tick every BUTTERFLY_DIRECTORY_SYNC_MINUTES, or by `directory-sync run`.
   */
  'directory-sync.run': z.object({
    tenantId: z.uuid(),
    connectionId: z.uuid(),
    trigger: z.enum(['manual', 'schedule', 'watch']).default('schedule'),
  }),
} as const satisfies Record<string, z.ZodType>;

export type TaskName = keyof typeof taskRegistry;
export type TaskSchema<N extends TaskName> = (typeof taskRegistry)[N];
/** What a caller passes (defaults may be left out). */
export type TaskPayload<N extends TaskName> = z.input<TaskSchema<N>>;
/** What the handler receives, after parsing. */
export type TaskInput<N extends TaskName> = z.output<TaskSchema<N>>;

export const taskNames = Object.keys(taskRegistry) as TaskName[];
export const isTaskName = (name: string): name is TaskName => Object.hasOwn(taskRegistry, name);

// The domain names the tasks it queues in its JobQueue port (packages/domain/src/deps.ts); every one of
// them must be registered here and accept what the domain sends. A mismatch fails to compile.
type Accepts<N extends DomainTaskName> = N extends TaskName
  ? DomainTaskPayloads[N] extends TaskPayload<N>
    ? true
    : false
  : false;
const domainTasksAreRegistered: { [N in DomainTaskName]: Accepts<N> } = {
  backup: true,
  compliance_scan: true,
  restore_preview: true,
  restore_apply: true,
  'webhook.deliver': true,
  'freshness.poll': true,
  'directory-sync.run': true,
};
void domainTasksAreRegistered;
