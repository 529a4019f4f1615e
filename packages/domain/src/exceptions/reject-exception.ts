import type { Deps } from '../deps.ts';
import { authorize } from '../permissions/authorize.ts';
import { parseInput } from '../validation.fns.ts';
import { EXCEPTION_APPROVE_PERMISSION } from './approve-exception.ts';
import { closeException } from './close-exception.fns.ts';
import { ZCloseException } from './exceptions.fns.ts';

/** Turns down a requested exception, with an optional reason. Needs the approver's permission (`connection.manage`); audited. */
export async function rejectException(deps: Deps, tenantId: string, raw: { id: string; reason?: string }) {
  const input = parseInput(ZCloseException, raw);
  await authorize(deps, tenantId, EXCEPTION_APPROVE_PERMISSION);
  return closeException(deps, tenantId, input, 'rejected', ['requested']);
}
