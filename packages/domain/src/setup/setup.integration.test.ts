import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { compliantOrg } from '../compliance/testing/okta-fixtures.ts';
import type { IdpObject } from '../idp/types.ts';
import { setBackupSchedule } from '../schedules/set-backup-schedule.ts';
import { runComplianceScan } from '../scans/run-compliance-scan.ts';
import { runBackup } from '../snapshots/run-backup.ts';
import { fakeIdp } from '../testing/fake-idp.ts';
import { memberActor, seedConnection, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { getSetupStatus } from './get-setup-status.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

const objects = (): IdpObject[] =>
  Object.entries(compliantOrg()).flatMap(([type, list]) => list.map((o) => ({ type, id: o.id, body: o.body })));

describe('the setup checklist', () => {
  it('a new tenant has nothing done; each step shows once its data exists, scoped to the tenant', async () => {
    const t = await seedTenant(deps);
    const other = await seedTenant(deps);
    const ann = await seedMember(deps, t.id, 'super_admin');
    const reader = await seedMember(deps, t.id, 'read_only');
    const asReader = { ...deps, actor: memberActor(t.id, reader) };
    // The other tenant has everything: none of it counts here.
    const otherConnection = await seedConnection(deps, other.id);
    await runBackup(deps, {
      tenantId: other.id,
      connectionId: otherConnection,
      trigger: 'test',
      client: fakeIdp(objects()),
    });

    expect(await getSetupStatus(asReader, t.id)).toEqual({
      connections: 0,
      backedUp: false,
      schedules: 0,
      sso: false,
      scimTokens: 0,
      members: 2,
      lastBackup: null,
      openFindings: null,
    });

    const connectionId = await seedConnection(deps, t.id, 'Production');
    const snap = await runBackup(deps, { tenantId: t.id, connectionId, trigger: 'test', client: fakeIdp(objects()) });
    await setBackupSchedule(deps, t.id, { connectionId, frequency: 'daily' });
    const scan = await runComplianceScan(deps, t.id, { snapshotId: snap.snapshotId });
    await db
      .insertInto('scim_tokens')
      .values({ tenant_id: t.id, label: 'Okta', prefix: 'bfys_x', token_hash: Buffer.alloc(32, 1) })
      .execute();
    await db
      .insertInto('scim_tokens')
      .values({
        tenant_id: t.id,
        label: 'old',
        prefix: 'bfys_y',
        token_hash: Buffer.alloc(32, 2),
        revoked_at: new Date(),
      })
      .execute();

    const status = await getSetupStatus({ ...deps, actor: memberActor(t.id, ann) }, t.id);
    expect(status).toMatchObject({
      connections: 1,
      backedUp: true,
      schedules: 1,
      sso: false,
      scimTokens: 1,
      members: 2,
    });
    expect(status.lastBackup).toMatchObject({
      snapshotId: snap.snapshotId,
      connectionId,
      connectionName: 'Production',
    });
    expect(status.openFindings).toBe(scan.counts.FAIL);
  });

  it('a member of another tenant is refused (as if the tenant did not exist)', async () => {
    const t = await seedTenant(deps);
    const other = await seedTenant(deps);
    const outsider = await seedMember(deps, other.id, 'super_admin');
    await expect(getSetupStatus({ ...deps, actor: memberActor(other.id, outsider) }, t.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
