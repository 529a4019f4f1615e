import { attrKey } from './filter-attrs.ts';
import { parseScimFilter } from './filter.fns.ts';
import { ScimError, scimInvalid } from './scim-error.ts';
import type { ParseFilter, ScimFilter } from './types.ts';
import { URN } from './urns.ts';

/** What a PATCH path points at. `drop`: a real attribute we do not keep, accepted and ignored. */
export type PatchTarget = { kind: 'attr'; attr: string; filter?: ScimFilter; sub?: string } | { kind: 'drop' };

export interface ResourceSchema {
  name: 'User' | 'Group';
  /** Kept attributes and the sub-attributes each may be addressed by. */
  kept: Record<string, readonly string[]>;
  /** Sub-attributes of kept attributes that exist in RFC 7643 but are not kept (dropped). */
  droppedSubs: Record<string, readonly string[]>;
  readOnly: readonly string[];
  /** Other attributes of the RFC 7643 schema: accepted and dropped, like in POST and PUT. */
  dropped: readonly string[];
  /** Extension schemas whose attributes are accepted and dropped (Entra always sends enterprise ones). */
  droppedExtensions: readonly string[];
}

const PATH = /^([a-z][\w$-]*)(?:\[(.*)\])?(?:\.([a-z][\w$-]*))?$/is;

/**
 * Resolves a PATCH path (`name.givenName`, `emails[type eq "work"].value`,
 * `urn:...:enterprise:2.0:User:department`, `members[value eq "id"]`) against a resource schema.
 * A path outside the schemas is 400 invalidPath.
 */
export function resolvePatchPath(schema: ResourceSchema, path: string, parseFilter: ParseFilter): PatchTarget {
  const trimmed = path.trim();
  const lower = trimmed.toLowerCase();
  for (const ext of schema.droppedExtensions) {
    if (lower === ext.toLowerCase() || lower.startsWith(`${ext.toLowerCase()}:`)) return { kind: 'drop' };
  }
  const core = `${schema.name === 'User' ? URN.user : URN.group}:`.toLowerCase();
  const rest = lower.startsWith(core) ? trimmed.slice(core.length) : trimmed;
  const m = PATH.exec(rest);
  if (!m || rest.toLowerCase().startsWith('urn:'))
    throw scimInvalid('invalidPath', `"${path}" is not an attribute path of ${schema.name}`);
  const attr = attrKey(m[1]!);
  const sub = m[3]?.toLowerCase();
  if (schema.readOnly.includes(attr)) throw new ScimError('VALIDATION', 'mutability', `${m[1]} is read-only`);
  if (schema.dropped.includes(attr)) return { kind: 'drop' };
  const subs = schema.kept[attr];
  if (!subs) throw scimInvalid('invalidPath', `"${path}": ${schema.name} has no attribute ${m[1]}`);
  if (sub && schema.droppedSubs[attr]?.includes(sub)) return { kind: 'drop' };
  if (sub && !subs.includes(sub)) throw scimInvalid('invalidPath', `"${path}": ${m[1]} has no sub-attribute ${m[3]}`);
  const filter = m[2] === undefined ? undefined : parseScimFilter({ parseFilter }, m[2]);
  if (m[2] !== undefined && !filter) throw scimInvalid('invalidPath', `"${path}" has an empty value filter`);
  return { kind: 'attr', attr, filter, sub };
}

/**
 * Whether one value of a multi-valued attribute (an email, a role, a group member) matches a path
 * filter such as `type eq "work"` or `value eq "id"`. Strings compare case-insensitively; Entra's
 * "True"/"False" strings equal the booleans.
 */
export function valueMatches(f: ScimFilter, item: Record<string, string | boolean | null>): boolean {
  switch (f.op) {
    case 'and':
      return f.filters.every((x) => valueMatches(x, item));
    case 'or':
      return f.filters.some((x) => valueMatches(x, item));
    case 'not':
      return !valueMatches(f.filter, item);
    case '[]':
      throw scimInvalid('invalidFilter', 'Nested value filters are not supported');
    case 'pr':
      return norm(item[attrKey(f.attrPath)]) !== '';
    default: {
      const actual = norm(item[attrKey(f.attrPath)]);
      const wanted = norm(f.compValue);
      switch (f.op) {
        case 'eq':
          return actual === wanted;
        case 'ne':
          return actual !== wanted;
        case 'co':
          return actual.includes(wanted);
        case 'sw':
          return actual.startsWith(wanted);
        case 'ew':
          return actual.endsWith(wanted);
        default:
          throw scimInvalid('invalidFilter', `"${f.op}" is not supported in a PATCH path`);
      }
    }
  }
}

const norm = (v: unknown) => (v === null || v === undefined ? '' : String(v).toLowerCase());
