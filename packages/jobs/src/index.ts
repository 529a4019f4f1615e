export { defineTask, PayloadError, type TaskDefinition } from './define-task.ts';
export { enqueue, type EnqueueOptions } from './enqueue.ts';
export { definitions, taskList, toTaskList } from './task-list.ts';
// Payload schemas must come from the same zod that `defineTask` is typed against; apps that define
// tasks (and tests that define throwaway ones) take it from here instead of declaring zod themselves.
export { z } from 'zod';
