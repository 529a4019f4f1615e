import { describe, expect, it } from 'vitest';
import type { TypeIndex } from '../snapshots/objects.fns.ts';
import { orderSteps } from './order.fns.ts';
import { planSteps } from './plan.fns.ts';
import { t, writable } from './testing/types.fixture.ts';

/** Decision 066: what the API cannot write is a skipped step that says what a person sets, and where. */
const TYPES: TypeIndex = new Map(
  [
    t('orgUnit', { restore: writable({ naturalKey: 'orgUnitPath' }) }),
    t('policy', {
      references: [{ path: 'policyQuery.orgUnit', type: 'orgUnit', prefix: 'orgUnits/' }],
      restore: writable(),
    }),
  ].map((x) => [x.type, x]),
);
const policy = (type: string, value: unknown) => ({
  name: `policies/${type}`,
  policyQuery: { orgUnit: 'orgUnits/ou1' },
  setting: { type, value },
});

describe('manual steps (decision 066)', () => {
  it('turns a change the connector cannot write into a skipped step set by hand; a writable one stays an update', () => {
    const manual = new Map([
      [
        'policy\u0000takeout',
        { where: 'Data → Google Takeout', set: ['Takeout status: DISABLED'], appliesTo: '/Sales' },
      ],
    ]);
    const steps = orderSteps(
      planSteps(
        [
          {
            type: 'policy',
            id: 'takeout',
            desired: policy('takeout', { takeoutStatus: 'DISABLED' }),
            live: policy('takeout', { takeoutStatus: 'ENABLED' }),
          },
          {
            type: 'policy',
            id: 'password',
            desired: policy('password', { minimumLength: 12 }),
            live: policy('password', { minimumLength: 8 }),
          },
        ],
        { types: TYPES, deletions: false, members: () => [], manual },
      ),
      TYPES,
    );
    const byId = Object.fromEntries(steps.map((s) => [s.id, s]));
    expect(byId.takeout).toMatchObject({ action: 'skip', how: 'set by hand' });
    expect(byId.takeout!.caveats).toEqual([
      {
        kind: 'manual',
        where: 'Data → Google Takeout',
        set: ['Takeout status: DISABLED'],
        appliesTo: '/Sales',
        message: 'Set by hand in the admin console: Data → Google Takeout → Takeout status: DISABLED (for /Sales)',
      },
    ]);
    expect(byId.password).toMatchObject({ action: 'update', how: 'update' });
  });
});
