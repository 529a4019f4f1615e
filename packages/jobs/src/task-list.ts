import type { TaskList } from 'graphile-worker';
import type { TaskDefinition } from './define-task.ts';
import { type TaskName, taskNames } from './registry.ts';
import type { JobRuntime } from './runtime.ts';
import { backupTask } from './tasks/backup.run.ts';
import { complianceScanTask } from './tasks/compliance.scan.ts';
import { directorySyncTask } from './tasks/directory-sync.run.ts';
import { freshnessPollTask } from './tasks/freshness.poll.ts';
import { notifyDigestTask } from './tasks/notify.digest.ts';
import { restoreApplyTask } from './tasks/restore.apply.ts';
import { restorePreviewTask } from './tasks/restore.preview.ts';
import { schedulesTickTask } from './tasks/schedules.tick.ts';
import { webhookDeliverTask } from './tasks/webhook.deliver.ts';

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
 * The handler of every registered task, bound to a runtime. Typed by the registry, so a task
 * registered without a handler (or a handler for a name not registered) does not compile; the test
 * beside this file checks the same at run time. Add a `tasks/<area>.<action>.ts` here.
 */
export const taskHandlers: { [N in TaskName]: (rt: JobRuntime) => TaskDefinition<N> } = {
  backup: backupTask,
  schedules_tick: schedulesTickTask,
  compliance_scan: complianceScanTask,
  'webhook.deliver': webhookDeliverTask,
  'notify.digest': notifyDigestTask,
  restore_preview: restorePreviewTask,
  restore_apply: restoreApplyTask,
  'freshness.poll': freshnessPollTask,
  'directory-sync.run': directorySyncTask,
};

/** Every task the worker runs, derived from the registry: one handler per registered name. */
export function buildTaskList(rt: JobRuntime): TaskList {
  return toTaskList(taskNames.map((name) => taskHandlers[name](rt) as TaskDefinition));
}

/**
 * The worker's cron: the minute tick that queues due backups (no backfill: a missed tick is not owed),
 * and the daily digest at 07:00 UTC (backfilled a day: a worker down at 07:00 sends it when back).
 */
export const cronItems: { task: TaskName; match: string; identifier: string; options: { backfillPeriod: number } }[] = [
  { task: 'schedules_tick', match: '* * * * *', identifier: 'schedules_tick', options: { backfillPeriod: 0 } },
  {
    task: 'notify.digest',
    match: '0 7 * * *',
    identifier: 'notify_digest',
    options: { backfillPeriod: 24 * 3600 * 1000 },
  },
];
