import { expandPathless, normalizeOp } from './patch.fns.ts';
import { type ResourceSchema, resolvePatchPath, valueMatches } from './patch-path.fns.ts';
import { ScimError, scimInvalid } from './scim-error.ts';
import type { GroupAttrs, ParseFilter, PatchOperation } from './types.ts';
import { URN } from './urns.ts';
import { asString, memberIds } from './values.fns.ts';

export const GROUP_SCHEMA: ResourceSchema = {
  name: 'Group',
  kept: { displayname: [], externalid: [], members: ['value'] },
  droppedSubs: { members: ['display', 'type', '$ref'] },
  readOnly: ['id', 'meta'],
  dropped: [],
  droppedExtensions: [],
};

/**
 * Applies PATCH operations, in order, to a group: `replace` of displayName, `add` members,
 * `remove` members by Okta's `members[value eq "id"]` path or Entra's `members` path with a value
 * list, `replace` of all members, and path-less values (`{"displayName": "x"}`).
 */
export function applyGroupPatch(
  current: GroupAttrs,
  operations: PatchOperation[],
  parseFilter: ParseFilter,
): GroupAttrs {
  const next: GroupAttrs = { ...current, members: [...current.members] };
  for (const o of operations) {
    const op = normalizeOp(o);
    const steps =
      o.path === undefined || o.path === null || o.path === ''
        ? expandPathless(op, o.value, URN.group)
        : [{ path: String(o.path), value: o.value }];
    for (const s of steps) {
      const t = resolvePatchPath(GROUP_SCHEMA, s.path, parseFilter);
      if (t.kind === 'drop') continue;
      if (t.attr === 'displayname') {
        if (op === 'remove')
          throw new ScimError('VALIDATION', 'mutability', 'displayName is required and cannot be removed');
        next.displayName = asString(s.value, 'displayName') ?? '';
      } else if (t.attr === 'externalid') {
        next.externalId = op === 'remove' ? null : asString(s.value, 'externalId');
      } else {
        next.members = applyMembers(next.members, op, t.filter, t.sub, s.value);
      }
    }
  }
  return next;
}

function applyMembers(
  members: string[],
  op: string,
  filter: Parameters<typeof valueMatches>[0] | undefined,
  sub: string | undefined,
  value: unknown,
) {
  if (sub) throw scimInvalid('invalidPath', 'Address members as a whole ("members" or members[value eq "id"])');
  if (filter) {
    if (op !== 'remove')
      throw scimInvalid('invalidPath', 'A members value filter is only for remove; use add with a value list');
    return members.filter((id) => !valueMatches(filter, { value: id }));
  }
  if (op === 'add') return [...new Set([...members, ...memberIds(value)])];
  if (op === 'replace') return memberIds(value);
  // remove: Entra lists the members to remove in `value`; without one, all members go.
  if (value === undefined || value === null) return [];
  const gone = new Set(memberIds(value));
  return members.filter((id) => !gone.has(id));
}
