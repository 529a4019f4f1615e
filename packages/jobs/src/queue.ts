import type { JobQueue } from '@butterfly/domain/core';
import { enqueue } from './enqueue.ts';
import type { TaskPayload } from './registry.ts';

/**
 * The domain's JobQueue port: by registered task name, checking payloads against the registry. That
 * the registry accepts every payload the port types is checked at compile time in registry.ts.
 */
export const jobQueue: JobQueue = {
  enqueue: (db, task, payload, opts) => enqueue(db, task, payload as TaskPayload<typeof task>, opts),
};
