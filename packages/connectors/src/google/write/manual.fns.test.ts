import { describe, expect, it } from 'vitest';
import { googleManualStep } from './manual.fns.ts';

/** Decision 066: the manual step of what the Admin SDK and the Policy API cannot write. */
const bodies: Record<string, unknown> = {
  'orgUnit 03root': { orgUnitPath: '/' },
  'group g1': { email: 'it-ops@initech.example' },
};
const bodyOf = (r: { type: string; id: string }) => bodies[`${r.type} ${r.id}`];

describe('googleManualStep', () => {
  it('names the console path, each changed value in words and the target of a setting outside the v1beta1 subset', () => {
    expect(
      googleManualStep(
        {
          type: 'policy',
          id: 'p1',
          desired: {
            policyQuery: { group: 'groups/g1' },
            setting: {
              type: 'settings/drive_and_docs.user_takeout',
              value: { takeoutStatus: 'DISABLED', retention: '1209600s', alerts: true },
            },
          },
          live: {
            policyQuery: { group: 'groups/g1' },
            setting: {
              type: 'settings/drive_and_docs.user_takeout',
              value: { takeoutStatus: 'ENABLED', retention: '1209600s', alerts: false },
            },
          },
        },
        bodyOf,
      ),
    ).toEqual({
      where: 'Data → Data import & export → Google Takeout → Drive and Docs',
      set: ['Takeout status: DISABLED', 'Alerts: On'],
      appliesTo: 'group it-ops@initech.example',
    });
    expect(
      googleManualStep(
        {
          type: 'policy',
          id: 'p2',
          desired: {
            policyQuery: { orgUnit: 'orgUnits/03root' },
            setting: { type: 'settings/security.login_challenges', value: { maxAge: '43200s' } },
          },
        },
        bodyOf,
      ),
    ).toEqual({
      where: 'Security → Authentication → Login challenges',
      set: ['Max age: 12 hour(s)'],
      appliesTo: '/ (the top-level organizational unit)',
    });
  });

  it('says what to add for a domain, an alias and a user; nothing for what the restore writes', () => {
    expect(
      googleManualStep({ type: 'domain', id: 'labs.example', desired: { domainName: 'labs.example' } }, bodyOf),
    ).toEqual({
      where: 'Account → Domains → Manage domains',
      set: ['Add domain labs.example and verify it (DNS)'],
    });
    expect(
      googleManualStep(
        {
          type: 'user',
          id: 'u1',
          desired: { primaryEmail: 'a@x.example', suspended: false },
          live: { primaryEmail: 'a@x.example', suspended: true },
        },
        bodyOf,
      ),
    ).toEqual({ where: 'Directory → Users → a@x.example', set: ['Suspended: Off'] });
    expect(googleManualStep({ type: 'orgUnit', id: 'o', desired: { name: 'x' } }, bodyOf)).toBeUndefined();
    expect(googleManualStep({ type: 'roleAssignment', id: 'r', desired: { roleId: '1' } }, bodyOf)).toBeUndefined();
    expect(googleManualStep({ type: 'domain', id: 'gone' }, bodyOf)).toBeUndefined();
  });
});
