import { type Kysely, sql } from '@butterfly/db';
import type { z } from 'zod';
import { PayloadError, type TaskDefinition } from './define-task.ts';
import { type TaskName, type TaskPayload, isTaskName, taskRegistry } from './registry.ts';

export interface EnqueueOptions {
  /** Deduplicates: a pending job with the same key is replaced (or see `jobKeyMode`). */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  /** Jobs in one queue run one at a time. Keep the number of distinct names small. */
  queueName?: string;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
  flags?: string[];
}

/**
 * Queues a registered task (registry.ts): the name must be one the worker runs, and the payload must
 * pass that task's schema, or this throws (PayloadError) before touching the database.
 */
export async function enqueue<N extends TaskName>(
  db: Kysely<any>,
  task: N,
  payload: TaskPayload<N>,
  opts: EnqueueOptions = {},
): Promise<{ jobId: string }> {
  if (!isTaskName(task)) throw new Error(`No task named "${task}" in the task registry`);
  return enqueueDefinition(db, { name: task, schema: taskRegistry[task] }, payload, opts);
}

/**
 * Adds a job with SQL on the caller's connection, so when `db` is a transaction the job exists
 * exactly when the domain writes beside it commit (graphile-worker's own `addJob` would use another
 * connection). The payload is checked against the task's schema first and stored as given; the task
 * parses it again when it runs. For tasks outside the registry (tests' throwaway ones); the product uses `enqueue`. Requires graphile-worker's schema, which the worker installs at start.
 */
export async function enqueueDefinition<S extends z.ZodType>(
  db: Kysely<any>,
  definition: Pick<TaskDefinition<string, S>, 'name' | 'schema'>,
  payload: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<{ jobId: string }> {
  const checked = definition.schema.safeParse(payload);
  if (!checked.success) throw new PayloadError(definition.name, checked.error.issues);
  const { rows } = await sql<{ id: string }>`
    select (graphile_worker.add_job(
      ${definition.name},
      ${JSON.stringify(payload)}::json,
      queue_name => ${opts.queueName ?? null}::text,
      run_at => ${opts.runAt ?? null}::timestamptz,
      max_attempts => ${opts.maxAttempts ?? null}::int,
      job_key => ${opts.jobKey ?? null}::text,
      priority => ${opts.priority ?? null}::int,
      flags => ${opts.flags ?? null}::text[],
      job_key_mode => ${opts.jobKeyMode ?? 'replace'}::text
    )).id::text as id`.execute(db);
  return { jobId: (rows[0] as { id: string }).id };
}
