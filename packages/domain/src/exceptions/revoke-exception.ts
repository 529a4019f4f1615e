import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { closeException } from './close-exception.fns.ts';
import { ZCloseException } from './exceptions.fns.ts';

/**
 * Withdraws a requested or active exception: the findings it covered count as open again from the
 * next scan. Needs `compliance.run` (whoever may ask for an exception may give it up: it only makes
 * the posture stricter); audited.
 */
export async function revokeException(deps: Deps, tenantId: string, raw: { id: string; reason?: string }) {
  const input = parseInput(ZCloseException, raw);
  await authorize(deps, tenantId, 'compliance.run');
  return closeException(deps, tenantId, input, 'revoked', ['requested', 'active']);
}
