import type { JobHelpers, Task } from 'graphile-worker';
import type { z } from 'zod';
import { type TaskInput, type TaskName, taskRegistry } from './registry.ts';

/** A task's name, payload schema and graphile-worker handler: what `enqueue` and the task list need. */
export interface TaskDefinition<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly schema: S;
  readonly task: Task;
}

/** Thrown for a payload that does not match its task's schema. Retrying cannot fix it. */
export class PayloadError extends Error {
  constructor(task: string, issues: readonly z.core.$ZodIssue[]) {
    const detail = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    super(`Invalid payload for task "${task}": ${detail}`);
    this.name = 'PayloadError';
  }
}

/**
 * Defines a task whose handler only ever sees a payload that passed `schema`.
 *
 * graphile-worker 0.18 has no "fail without retry" helper, and a malformed payload would otherwise be
 * retried 25 times over ~3 days. So on a bad payload we set the job's max_attempts to the attempt in
 * progress (the job row is ours while locked; the failure update that follows does not touch that
 * column) and throw: the job is failed permanently, kept with `last_error` for inspection, and
 * `job:failed` fires.
 */
export function defineTask<N extends string, S extends z.ZodType>(
  name: N,
  schema: S,
  handler: (payload: z.output<S>, helpers: JobHelpers) => Promise<void> | void,
): TaskDefinition<N, S> {
  const task: Task = async (payload, helpers) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      await helpers.query('update graphile_worker._private_jobs set max_attempts = attempts where id = $1', [
        helpers.job.id,
      ]);
      helpers.job.max_attempts = helpers.job.attempts;
      throw new PayloadError(name, parsed.error.issues);
    }
    await handler(parsed.data, helpers);
  };
  return { name, schema, task };
}

/** The handler of a registered task: its name and payload schema come from the registry. */
export function registeredTask<N extends TaskName>(
  name: N,
  handler: (payload: TaskInput<N>, helpers: JobHelpers) => Promise<void> | void,
): TaskDefinition<N> {
  return defineTask(name, taskRegistry[name] as unknown as z.ZodType<TaskInput<N>>, handler);
}
