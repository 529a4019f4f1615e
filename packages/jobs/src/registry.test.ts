import { describe, expect, it } from 'vitest';
import { enqueue } from './enqueue.ts';
import { buildTaskList, cronItems, taskHandlers } from './task-list.ts';
import { taskNames, taskRegistry } from './registry.ts';
import type { JobRuntime } from './runtime.ts';

// Handlers are only bound here, never run: nothing in the runtime is touched.
const rt = { db: {}, keyring: {}, log: {}, idpClientFor: () => ({}), jobs: {} } as unknown as JobRuntime;
const noDb = () => new Proxy({}, { get: () => expect.unreachable('the database must not be used') }) as never;

describe('task registry', () => {
  it('has a handler for every registered task, and registers every task that has a handler', () => {
    const list = buildTaskList(rt);
    expect(Object.keys(list).sort()).toEqual([...taskNames].sort());
    expect(Object.keys(taskHandlers).sort()).toEqual(Object.keys(taskRegistry).sort());
    for (const name of taskNames) expect(taskHandlers[name](rt).name).toBe(name);
  });

  it('runs cron only for registered tasks', () => {
    for (const c of cronItems) expect(taskNames).toContain(c.task);
  });

  it('refuses an unregistered name before touching the database', async () => {
    await expect(enqueue(noDb(), 'backups' as never, {} as never)).rejects.toThrow('No task named "backups"');
  });

  it('checks the payload against the registered schema before touching the database', async () => {
    await expect(enqueue(noDb(), 'backup', { tenantId: 'not-a-uuid', connectionId: 'x' })).rejects.toThrow(
      'Invalid payload for task "backup"',
    );
  });
});
