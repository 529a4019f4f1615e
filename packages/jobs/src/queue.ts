import type { Db, JobQueue } from '@butterfly/domain';
import { enqueue } from './enqueue.ts';
import { taskSpecs } from './task-list.ts';

/** The domain's JobQueue, by task name, checking payloads against each task's schema. */
export const jobQueue: JobQueue = {
  enqueue(db: Db, task, payload, opts) {
    const spec = taskSpecs.find((s) => s.name === task);
    if (!spec) throw new Error(`No task named "${task}"`);
    return enqueue(db, spec, payload as never, opts);
  },
};
