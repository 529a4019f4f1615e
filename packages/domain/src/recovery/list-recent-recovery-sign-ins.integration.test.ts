import { useTestDatabase } from '@butterfly/db/testing';
import { describe, expect, it } from 'vitest';
import { memberActor, seedMember, seedTenant, testDeps } from '../testing/fixtures.ts';
import { createRecoveryLink } from './create-recovery-link.ts';
import { listRecentRecoverySignIns } from './list-recent-recovery-sign-ins.ts';
import { redeemRecoveryLink } from './redeem-recovery-link.ts';

const { db } = await useTestDatabase();
const deps = testDeps(db);

describe('recent recovery sign-ins', () => {
  it('lists recovery sign-ins of the last 7 days to super_admins only', async () => {
    const t = await seedTenant(deps);
    const boss = await seedMember(deps, t.id, 'super_admin', 'boss@recent.test');
    const admin = await seedMember(deps, t.id, 'admin', 'admin@recent.test');
    const asBoss = { ...deps, actor: memberActor(t.id, boss) };
    expect(await listRecentRecoverySignIns(asBoss, t.id)).toEqual([]);

    const link = await createRecoveryLink(deps, t.id, { email: 'boss@recent.test' });
    await redeemRecoveryLink(deps, link.token);
    expect(await listRecentRecoverySignIns(asBoss, t.id)).toMatchObject([
      { memberId: boss.id, email: 'boss@recent.test' },
    ]);

    const inEightDays = { ...asBoss, clock: () => new Date(Date.now() + 8 * 24 * 3600_000) };
    expect(await listRecentRecoverySignIns(inEightDays, t.id)).toEqual([]);
    await expect(listRecentRecoverySignIns({ ...deps, actor: memberActor(t.id, admin) }, t.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const other = await seedTenant(deps);
    const outsider = await seedMember(deps, other.id, 'super_admin');
    await expect(
      listRecentRecoverySignIns({ ...deps, actor: memberActor(other.id, outsider) }, t.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
