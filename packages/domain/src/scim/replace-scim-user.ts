import { userAttrsFromBody } from './input.fns.ts';
import type { ScimDeps } from './types.ts';
import { writeScimUser } from './write-scim-user.ts';

/** PUT /Users/{id}: Okta's profile update and role change; replaces the kept attributes. */
export function replaceScimUser(deps: ScimDeps, id: string, body: unknown) {
  return writeScimUser(deps, id, (m) => userAttrsFromBody(body, { active: m.active }));
}
