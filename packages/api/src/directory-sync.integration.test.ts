import { useTestDatabase } from '@butterfly/db/testing';
import type { Role } from '@butterfly/domain/permissions';
import { recordingJobQueue, seedGoogleConnection, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { memberCaller } from './testing/member-caller.ts';

/** `directorySync.*` as the dashboard calls them, per role (decision 064; matrix.ts). */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const { jobs, queued } = recordingJobQueue();

async function tenant() {
  const t = await seedTenant(deps);
  const c = await seedGoogleConnection(deps, t.id);
  const as = (role: Role) => memberCaller(db, role, 'directory-sync', { tenantId: t.id, jobs });
  return { connectionId: c.id, as };
}

describe('directorySync procedures', () => {
  it('status for every role; run and set for admins; the super_admin group for super_admins only', async () => {
    const t = await tenant();
    const readOnly = await t.as('read_only');
    const status = await readOnly.directorySync.status({ connectionId: t.connectionId });
    expect(status).toMatchObject({ enabled: false, lastError: null, lagSeconds: null });
    expect(status.groups.read_only).toBe('butterfly-read-only@initech.example');
    await expect(readOnly.directorySync.run({ connectionId: t.connectionId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const operator = await t.as('backup_operator');
    await expect(operator.directorySync.set({ connectionId: t.connectionId, enabled: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const admin = await t.as('admin');
    expect(await admin.directorySync.run({ connectionId: t.connectionId })).toEqual({ jobId: expect.any(String) });
    expect(queued.at(-1)).toMatchObject({ task: 'directory-sync.run', key: `directory-sync:${t.connectionId}` });
    expect(
      await admin.directorySync.set({
        connectionId: t.connectionId,
        enabled: true,
        groups: { admin: 'ops@initech.example' },
      }),
    ).toMatchObject({ enabled: true, groups: { admin: 'ops@initech.example' } });
    await expect(
      admin.directorySync.set({ connectionId: t.connectionId, groups: { super_admin: 'me@initech.example' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      admin.directorySync.set({ connectionId: t.connectionId, groups: { auditor: 'nope' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const owner = await t.as('super_admin');
    expect(
      await owner.directorySync.set({
        connectionId: t.connectionId,
        groups: { super_admin: 'owners@initech.example' },
      }),
    ).toMatchObject({ groups: { super_admin: 'owners@initech.example', admin: 'ops@initech.example' } });
  });
});
