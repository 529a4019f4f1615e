import type { TCaller, TDeps } from '../deps.ts';
import { adminError } from '../model/errors.ts';
import { spend, takeFault } from '../store/faults.ts';

/**
 * Before an Admin SDK call runs: an injected fault for it, else the per-minute quota of the service
 * account and subject (spec C: 2,400 queries/min; 403 `userRateLimitExceeded`).
 */
export function directoryGate(deps: TDeps, caller: TCaller): void {
  const fault = takeFault(deps, 'directory');
  if (fault) throw adminError(fault.status, fault.reason, fault.message);
  const key = `dir:${caller.grant.clientId}:${caller.user.id}`;
  if (!spend(deps, key, deps.world.settings.directoryQueriesPerMinute))
    throw adminError(
      403,
      'userRateLimitExceeded',
      "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user' of service 'admin.googleapis.com'.",
    );
}
