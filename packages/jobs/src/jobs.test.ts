import { describe, expect, it } from 'vitest';
import { defineTask, enqueueDefinition, PayloadError, taskRegistry, toTaskList, z } from './index.ts';

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
    const attempt = enqueueDefinition(db as any, ping, { n: 'one' } as unknown as { n: number });
    await expect(attempt).rejects.toBeInstanceOf(PayloadError);
    await expect(attempt).rejects.toThrow('Invalid payload for task "test.ping": n:');
  });
});

describe('compliance scan payload', () => {
  it('carries when Run scan was asked for, and still takes payloads queued before it existed', () => {
    const ZComplianceScanPayload = taskRegistry.compliance_scan;
    const ids = {
      tenantId: '6f1c1f3e-0000-4000-8000-000000000001',
      snapshotId: '6f1c1f3e-0000-4000-8000-000000000002',
    };
    const asked = {
      ...ids,
      trigger: 'manual',
      requestedAt: '2026-12-07T00:00:00.000Z',
      requestedBy: 'member:ann@acme.test',
    };
    expect(ZComplianceScanPayload.parse(asked)).toEqual(asked);
    expect(ZComplianceScanPayload.parse(ids)).toEqual({ ...ids, trigger: 'backup' });
    expect(() => ZComplianceScanPayload.parse({ ...ids, requestedAt: 'yesterday' })).toThrow();
  });
});
