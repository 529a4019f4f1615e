import { randomInt } from 'node:crypto';
import type { TDeps } from '../deps.ts';
import type { TCustomer } from '../model/types.ts';

/** Who made a change: a delegated admin, or the control API acting as a named admin. */
export interface TActor {
  email: string;
  profileId?: string;
}

/**
 * Appends an admin audit event (Reports API `applicationName=admin`) to `customer`'s log, as the
 * Admin console or an API write would: `type` like USER_SETTINGS, `name` like SUSPEND_USER.
 */
export function recordActivity(
  deps: TDeps,
  customer: TCustomer,
  actor: TActor,
  type: string,
  name: string,
  parameters: Record<string, string>,
): void {
  const time = new Date(deps.clock()).toISOString();
  customer.activities.push({
    kind: 'admin#reports#activity',
    id: {
      time,
      uniqueQualifier: String(randomInt(1, 2 ** 47)),
      applicationName: 'admin',
      customerId: customer.id,
    },
    etag: `"${customer.activities.length}"`,
    actor: { callerType: 'USER', email: actor.email, ...(actor.profileId ? { profileId: actor.profileId } : {}) },
    ipAddress: '127.0.0.1',
    events: [{ type, name, parameters: Object.entries(parameters).map(([n, value]) => ({ name: n, value })) }],
  });
}
