import { applyGroupPatch } from './group-patch.fns.ts';
import { patchOperations } from './patch-scim-user.ts';
import type { ScimDeps } from './types.ts';
import { writeScimGroup } from './write-scim-group.ts';

/** PATCH /Groups/{id}: rename, add/remove/replace members (Okta and Entra forms); answers the group. */
export function patchScimGroup(deps: ScimDeps, id: string, body: unknown) {
  const ops = patchOperations(body);
  return writeScimGroup(deps, id, (current) => applyGroupPatch(current, ops, deps.scim.parseFilter));
}
