import { describe, expect, it } from 'vitest';
import { jobQueue } from '../queue.ts';
import { taskNames } from '../registry.ts';

describe('restore tasks', () => {
  it('are registered under the names the domain enqueues', () => {
    expect(taskNames).toEqual(expect.arrayContaining(['restore_preview', 'restore_apply']));
  });

  it('refuse a malformed payload before touching the database', async () => {
    const db = new Proxy({}, { get: () => expect.unreachable('the database must not be used') });
    await expect(jobQueue.enqueue(db as never, 'restore_apply', { tenantId: 'x', planId: 'y' })).rejects.toThrow(
      'Invalid payload for task "restore_apply"',
    );
  });
});
