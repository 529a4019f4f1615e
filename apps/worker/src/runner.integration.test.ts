import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { defineTask, enqueueDefinition as enqueue, PayloadError, toTaskList, z } from '@butterfly/jobs';
import { runMigrations, runTaskListOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunner, createWorkerPool, graphileLogger } from './runner.ts';

const { db, url } = await useTestDatabase();
const log = createLogger('worker-test', 'silent');
const pgPool = createWorkerPool(url, { max: 5, log });

// A throwaway task: marks a row written in the same transaction that enqueued it.
let handled = 0;
const markDone = defineTask('test.mark_done', z.object({ noteId: z.number().int() }), async (payload, helpers) => {
  handled++;
  await helpers.query("update test_notes set state = 'done' where id = $1", [payload.noteId]);
});
const tasks = toTaskList([markDone]);

beforeAll(async () => {
  await runMigrations({ pgPool, logger: graphileLogger(log) }); // what the runner does at start
  await sql`create table test_notes (id serial primary key, state text not null)`.execute(db);
});
afterAll(() => pgPool.end());

/** Runs every job that is due, once, as the worker would (graphile's test entry point). */
async function runDueJobs() {
  const client = await pgPool.connect();
  try {
    await runTaskListOnce({ logger: graphileLogger(log) }, tasks, client);
  } finally {
    client.release();
  }
}

const jobs = () =>
  sql<{ attempts: number; max_attempts: number; last_error: string | null }>`
    select attempts, max_attempts, last_error from graphile_worker.jobs where task_identifier = ${markDone.name}`
    .execute(db)
    .then((r) => r.rows);
const noteState = (id: number) =>
  sql<{ state: string }>`select state from test_notes where id = ${id}`.execute(db).then((r) => r.rows[0]?.state);

async function insertNoteAndEnqueue() {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number }>`insert into test_notes (state) values ('pending') returning id`.execute(
      trx,
    );
    const id = (rows[0] as { id: number }).id;
    await enqueue(trx, markDone, { noteId: id }, { jobKey: `note:${id}` });
    return id;
  });
}

describe('jobs enqueued in a transaction', () => {
  it('are run by the task list and their effect is visible', async () => {
    const id = await insertNoteAndEnqueue();
    expect(await jobs()).toHaveLength(1);
    await runDueJobs();
    expect(await noteState(id)).toBe('done');
    expect(await jobs()).toHaveLength(0); // completed jobs are deleted
  });

  it('vanish with a rolled-back transaction', async () => {
    const before = handled;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueue(trx, markDone, { noteId: 1 });
        throw new Error('domain write failed');
      }),
    ).rejects.toThrow('domain write failed');
    expect(await jobs()).toHaveLength(0);
    await runDueJobs();
    expect(handled).toBe(before);
  });

  it('are run by the long-running runner too, which stops cleanly', async () => {
    const runner = await createRunner({ pgPool, log, taskList: tasks, concurrency: 2 });
    try {
      const id = await insertNoteAndEnqueue();
      const deadline = Date.now() + 10_000;
      while ((await noteState(id)) !== 'done' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await noteState(id)).toBe('done');
    } finally {
      await runner.stop();
    }
  });
});

describe('a bad payload', () => {
  it('is refused at enqueue time, naming the field', async () => {
    const bad = { noteId: 'seven' } as unknown as { noteId: number };
    const attempt = enqueue(db, markDone, bad);
    await expect(attempt).rejects.toBeInstanceOf(PayloadError);
    await expect(attempt).rejects.toThrow(/test\.mark_done.*noteId/);
    expect(await jobs()).toHaveLength(0);
  });

  it('that reaches the queue anyway fails permanently, without calling the handler', async () => {
    const before = handled;
    await sql`select graphile_worker.add_job(${markDone.name}, '{"noteId":"seven"}'::json)`.execute(db);
    await runDueJobs();
    expect(handled).toBe(before);
    const [job] = await jobs();
    expect(job).toMatchObject({ attempts: 1, max_attempts: 1 });
    expect(job?.last_error).toMatch(/Invalid payload for task "test\.mark_done": noteId/);
  });
});
