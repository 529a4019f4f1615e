import { groupAttrsFromBody } from './input.fns.ts';
import type { ScimDeps } from './types.ts';
import { writeScimGroup } from './write-scim-group.ts';

/** PUT /Groups/{id}: replaces displayName, externalId and the member list (absent: no members). */
export function replaceScimGroup(deps: ScimDeps, id: string, body: unknown) {
  const attrs = groupAttrsFromBody(body);
  return writeScimGroup(deps, id, () => attrs);
}
