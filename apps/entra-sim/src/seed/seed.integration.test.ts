import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim();
  token = await h.appToken();
});
afterAll(() => h.close());

type TObj = Record<string, any>;
const get = async (path: string) => (await (await h.graph(`/v1.0/${path}`, token)).json()) as TObj;
const list = async (path: string) => (await get(`${path}${path.includes('?') ? '&' : '?'}$top=999`)).value as TObj[];

// The deliberate SCuBA MS.AAD failures the seed documents, read the way a scanner reads them.
describe('the demo tenant fails the documented SCuBA checks', () => {
  it('1.1 no enabled legacy-auth block; 3.5 SMS on; 3.4 migration not complete', async () => {
    const ca = await list('identity/conditionalAccess/policies');
    expect(
      ca.some(
        (p) =>
          p.state === 'enabled' &&
          p.conditions.clientAppTypes.includes('other') &&
          p.grantControls?.builtInControls.includes('block'),
      ),
    ).toBe(false);
    const methods = await get('policies/authenticationMethodsPolicy');
    expect(methods.policyMigrationState).toBe('migrationInProgress');
    expect(methods.authenticationMethodConfigurations.find((m: TObj) => m.id === 'Sms').state).toBe('enabled');
  });

  it('5.1 users may create apps; 8.1 guests are not restricted; 8.2 everyone invites', async () => {
    const p = await get('policies/authorizationPolicy');
    expect(p.defaultUserRolePermissions.allowedToCreateApps).toBe(true);
    expect(['10dae51f-b6af-4016-8d66-8c2a99b929b3', '2af84b1e-32c8-42b7-82bc-daa82404023b']).not.toContain(
      p.guestUserRoleId,
    );
    expect(p.allowInvitesFrom).toBe('everyone');
  });

  it('7.1 exactly one Global Administrator, assigned permanently (7.4); a P2 SKU is present', async () => {
    const ga = (await list('roleManagement/directory/roleAssignments')).filter(
      (a) => a.roleDefinitionId === '62e90394-69f5-4237-9190-012177145e10',
    );
    expect(ga).toHaveLength(1);
    const instances = await list('roleManagement/directory/roleAssignmentScheduleInstances');
    expect(instances.find((i) => i.principalId === ga[0]!.principalId)?.endDateTime).toBeNull();
    expect(
      (await list('subscribedSkus')).some((s) =>
        s.servicePlans.some((p: TObj) => p.servicePlanName === 'AAD_PREMIUM_P2'),
      ),
    ).toBe(true);
  });

  it('has a few hundred users, groups with members, apps and SPs', async () => {
    expect((await list('users')).length).toBe(300);
    const groups = await list('groups');
    expect(groups.length).toBeGreaterThanOrEqual(13);
    expect((await list(`groups/${groups[0]!.id}/members`)).length).toBeGreaterThan(0);
    expect((await list('applications')).length).toBeGreaterThanOrEqual(15);
    expect((await list('servicePrincipals')).length).toBeGreaterThanOrEqual(16);
  });
});
