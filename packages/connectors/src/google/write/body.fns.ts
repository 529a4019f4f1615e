import type { GoogleObjectType } from '../catalog.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const pick = (b: Obj, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => b[k] !== undefined).map((k) => [k, b[k]]));

/**
 * What each type's write takes, from Google's reference: only these fields are sent. Everything
 * else in a snapshot body is Google's (ids, etags, `kind`, computed counts, `isSystemRole`) and is
 * refused or ignored on a write.
 */
const WRITABLE: Readonly<Record<string, readonly string[]>> = {
  // The parent by path, never by id: a parent re-created by the same restore has a new id, its path stays.
  orgUnit: ['name', 'description', 'parentOrgUnitPath', 'blockInheritance'],
  group: ['email', 'name', 'description'],
  role: ['roleName', 'roleDescription', 'rolePrivileges'],
  roleAssignment: ['roleId', 'assignedTo', 'assigneeType', 'scopeType', 'orgUnitId', 'condition'],
};

/**
 * The body a create or update sends (decision 066). Group settings are all strings but `kind` and
 * `email` (the Groups Settings API refuses others); a policy sends its target and setting on a
 * create (the customer as Cloud Identity names it) and only its setting on an update.
 */
export function googleWriteBody(def: GoogleObjectType, body: unknown, o: { create: boolean; customer: string }): Obj {
  if (!isObj(body)) return {};
  if (def.type === 'group.settings')
    return Object.fromEntries(
      Object.entries(body).filter(([k, v]) => k !== 'kind' && k !== 'email' && typeof v === 'string'),
    );
  if (def.type === 'policy') {
    const setting = isObj(body.setting) ? pick(body.setting, ['type', 'value']) : {};
    if (!o.create) return { setting };
    const q = isObj(body.policyQuery) ? body.policyQuery : {};
    return {
      customer: `customers/${o.customer}`,
      policyQuery: pick(q, ['orgUnit', 'group', 'sortOrder']),
      setting,
    };
  }
  const keys = WRITABLE[def.type];
  if (!keys) throw new RangeError(`No write body for Google type ${def.type}`);
  const out = pick(body, keys);
  // A customer-wide assignment names no org unit.
  if (def.type === 'roleAssignment' && out.scopeType !== 'ORG_UNIT') delete out.orgUnitId;
  return out;
}
