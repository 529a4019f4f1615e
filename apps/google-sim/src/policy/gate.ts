import type { TCaller, TDeps } from '../deps.ts';
import { rpcError } from '../model/errors.ts';
import { spend, takeFault } from '../store/faults.ts';

/** An injected fault, then the per-minute read quota of the caller. */
export function cloudIdentityGate(deps: TDeps, caller: TCaller): void {
  const fault = takeFault(deps, 'policy');
  if (fault) throw rpcError(fault.status, fault.reason, fault.message);
  if (!spend(deps, `ci:${caller.grant.clientId}:${caller.user.id}`, deps.world.settings.policyReadsPerMinute))
    throw rpcError(
      429,
      'RESOURCE_EXHAUSTED',
      "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'cloudidentity.googleapis.com'.",
    );
}
