import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../../test/harness.ts';

let h: TSimHarness;
let token: string;
beforeAll(async () => {
  h = await startSim();
  token = await h.appToken();
});
afterAll(() => h.close());

const FILTER = "$filter=scopeId eq '/' and scopeType eq 'Directory'";

describe('$expand', () => {
  it('embeds the rules of PIM role settings, filtered by the scope the backup asks for', async () => {
    const res = await h.graph(`/v1.0/policies/roleManagementPolicies?${FILTER}&$expand=rules`, token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { id: string; rules: { id: string; setting?: unknown }[] }[] };
    expect(body.value).toHaveLength(4);
    const ids = body.value[0]!.rules.map((r) => r.id);
    expect(ids).toContain('Approval_EndUser_Assignment');
    expect(ids).toContain('Notification_Admin_EndUser_Assignment');
    const plain = (await (await h.graph(`/v1.0/policies/roleManagementPolicies?${FILTER}`, token)).json()) as {
      value: Record<string, unknown>[];
    };
    expect(plain.value[0]).not.toHaveProperty('rules');
  });

  it('refuses a navigation it cannot expand', async () => {
    const res = await h.graph('/v1.0/users?$expand=manager', token);
    expect(res.status).toBe(400);
  });
});
