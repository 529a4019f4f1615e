import { describe, expect, it } from 'vitest';
import { defineTask, enqueue, PayloadError, toTaskList, z } from './index.ts';

const ping = defineTask('test.ping', z.object({ n: z.number() }), () => {});

describe('task list', () => {
  it('maps each task name to its handler', () => {
    expect(toTaskList([ping])).toEqual({ 'test.ping': ping.task });
  });

  it('refuses two tasks with one name', () => {
    expect(() => toTaskList([ping, ping])).toThrow(/"test.ping" is defined twice/);
  });
});

describe('enqueue', () => {
  it('checks the payload before touching the database', async () => {
    const db = new Proxy({}, { get: () => expect.unreachable('the database must not be used') });
    const attempt = enqueue(db as any, ping, { n: 'one' } as unknown as { n: number });
    await expect(attempt).rejects.toBeInstanceOf(PayloadError);
    await expect(attempt).rejects.toThrow('Invalid payload for task "test.ping": n:');
  });
});
