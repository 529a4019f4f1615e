import { RESTORE_APPLY_TASK, RESTORE_PREVIEW_TASK } from '@butterfly/domain';
import { describe, expect, it } from 'vitest';
import { jobQueue } from '../queue.ts';
import { taskSpecs } from '../task-list.ts';

describe('restore tasks', () => {
  it('are registered under the names the domain enqueues', () => {
    expect(taskSpecs.map((s) => s.name)).toEqual(expect.arrayContaining([RESTORE_PREVIEW_TASK, RESTORE_APPLY_TASK]));
  });

  it('refuse a malformed payload before touching the database', async () => {
    const db = new Proxy({}, { get: () => expect.unreachable('the database must not be used') });
    await expect(jobQueue.enqueue(db as never, RESTORE_APPLY_TASK, { tenantId: 'x', planId: 'y' })).rejects.toThrow('Invalid payload for task "restore_apply"');
  });
});
