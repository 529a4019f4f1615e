import { scimInvalid } from './scim-error.ts';
import { applyUserPatch } from './patch.fns.ts';
import { requireSchema } from './input.fns.ts';
import { userAttrsOf } from './scim.fns.ts';
import type { PatchOperation, ScimDeps } from './types.ts';
import { URN } from './urns.ts';
import { field } from './values.fns.ts';
import { writeScimUser } from './write-scim-user.ts';

/** The Operations of a PatchOp body (RFC 7644 §3.5.2). */
export function patchOperations(body: unknown): PatchOperation[] {
  const ops = field(requireSchema(body, URN.patchOp), 'Operations');
  if (!Array.isArray(ops) || ops.length === 0)
    throw scimInvalid('invalidSyntax', '"Operations" must be a non-empty array');
  if (ops.length > 1000) throw scimInvalid('tooMany', 'At most 1000 operations per request');
  return ops as PatchOperation[];
}

/** PATCH /Users/{id} in the Okta and both Entra dialects; answers the full user. */
export function patchScimUser(deps: ScimDeps, id: string, body: unknown) {
  const ops = patchOperations(body);
  return writeScimUser(deps, id, (m) => applyUserPatch(userAttrsOf(m), ops, deps.scim.parseFilter));
}
