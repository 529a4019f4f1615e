export { defineTask, PayloadError, registeredTask, type TaskDefinition } from './define-task.ts';
export { enqueue, enqueueDefinition, type EnqueueOptions } from './enqueue.ts';
export { isTaskName, taskNames, taskRegistry, type TaskInput, type TaskName, type TaskPayload } from './registry.ts';
export { buildTaskList, cronItems, taskHandlers, toTaskList } from './task-list.ts';
export { bodyStoreFromEnv } from './body-store.ts';
export { jobQueue } from './queue.ts';
export { systemDeps, type JobRuntime } from './runtime.ts';
// Payload schemas must come from the same zod that `defineTask` is typed against; apps that define
// tasks (and tests that define throwaway ones) take it from here instead of declaring zod themselves.
export { z } from 'zod';
