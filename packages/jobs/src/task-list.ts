import type { TaskList } from 'graphile-worker';
import type { TaskDefinition } from './define-task.ts';
import type { JobRuntime } from './runtime.ts';
import { backupSpec, backupTask } from './tasks/backup.run.ts';
import { notifyDigestSpec, notifyDigestTask } from './tasks/notify.digest.ts';
import { complianceScanSpec, complianceScanTask } from './tasks/compliance.scan.ts';
import { restoreApplySpec, restoreApplyTask } from './tasks/restore.apply.ts';
import { restorePreviewSpec, restorePreviewTask } from './tasks/restore.preview.ts';
import { schedulesTickSpec, schedulesTickTask } from './tasks/schedules.tick.ts';
import { webhookDeliverSpec, webhookDeliverTask } from './tasks/webhook.deliver.ts';

/** graphile-worker's task list from definitions; a duplicate name is a programming error. */
export function toTaskList(definitions: readonly TaskDefinition[]): TaskList {
  const list: TaskList = {};
  for (const d of definitions) {
    if (list[d.name]) throw new Error(`Task "${d.name}" is defined twice`);
    list[d.name] = d.task;
  }
  return list;
}

/**
 * Names and payload schemas of every task, for enqueueing (no runtime needed). Keep a task's name
 * and payload shape compatible while jobs for it may be queued (see CONVENTIONS.md, Jobs).
 */
export const taskSpecs = [backupSpec, schedulesTickSpec, complianceScanSpec, webhookDeliverSpec, notifyDigestSpec, restorePreviewSpec, restoreApplySpec] as const;

/** Every task the worker runs, bound to its runtime. Add a `tasks/<area>.<action>.ts` here. */
export function buildTaskList(rt: JobRuntime): TaskList {
  return toTaskList([backupTask(rt), schedulesTickTask(rt), complianceScanTask(rt), webhookDeliverTask(rt), notifyDigestTask(rt), restorePreviewTask(rt), restoreApplyTask(rt)] as TaskDefinition[]);
}

/**
 * The worker's cron: the minute tick that queues due backups (no backfill: a missed tick is not owed),
 * and the daily digest at 07:00 UTC (backfilled a day: a worker down at 07:00 sends it when back).
 */
export const cronItems = [
  { task: schedulesTickSpec.name, match: '* * * * *', identifier: 'schedules_tick', options: { backfillPeriod: 0 } },
  { task: notifyDigestSpec.name, match: '0 7 * * *', identifier: 'notify_digest', options: { backfillPeriod: 24 * 3600 * 1000 } },
];
