export { defineTask, PayloadError, type TaskDefinition } from './define-task.ts';
export { enqueue, type EnqueueOptions } from './enqueue.ts';
export { buildTaskList, cronItems, taskSpecs, toTaskList } from './task-list.ts';
export { bodyStoreFromEnv } from './body-store.ts';
export { jobQueue } from './queue.ts';
export { systemDeps, type JobRuntime } from './runtime.ts';
export { ZBackupPayload } from './tasks/backup.run.ts';
export { ZComplianceScanPayload } from './tasks/compliance.scan.ts';
export { ZRestoreApplyPayload } from './tasks/restore.apply.ts';
export { ZRestorePreviewPayload } from './tasks/restore.preview.ts';
export { ZWebhookDeliverPayload } from './tasks/webhook.deliver.ts';
// Payload schemas must come from the same zod that `defineTask` is typed against; apps that define
// tasks (and tests that define throwaway ones) take it from here instead of declaring zod themselves.
export { z } from 'zod';
