import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { isUuid } from '../db.fns.ts';
import { type FilterAttr, type FilterAttrs, attrKey } from './filter-attrs.ts';
import { scimInvalid } from './scim-error.ts';
import type { ScimContext, ScimFilter } from './types.ts';

type Cond = RawBuilder<SqlBool>;
type Compare = Extract<ScimFilter, { compValue: unknown }>;

const MAX_FILTER_LENGTH = 2048;
const MAX_COMPARISONS = 32;
const invalid = (message: string) => scimInvalid('invalidFilter', message);
const TRUE: Cond = sql<SqlBool>`true`;
const FALSE: Cond = sql<SqlBool>`false`;

/**
 * Parses `?filter=` with the injected grammar. The guards come first: the parser's string tokenizer
 * backtracks exponentially on control characters, and a filter is never legitimately long.
 */
export function parseScimFilter(
  ctx: Pick<ScimContext, 'parseFilter'>,
  text: string | undefined,
): ScimFilter | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (text.length > MAX_FILTER_LENGTH) throw invalid(`The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) throw invalid('The filter contains control characters');
  try {
    return ctx.parseFilter(text);
  } catch {
    throw invalid(`The filter could not be parsed: ${text}`);
  }
}

/** Translates a filter into one SQL condition with bound parameters; unsupported parts are invalidFilter. */
export function filterToSql(filter: ScimFilter, attrs: FilterAttrs): Cond {
  let comparisons = 0;
  const walk = (f: ScimFilter, prefix: string): Cond => {
    switch (f?.op) {
      case 'and':
      case 'or': {
        if (!Array.isArray(f.filters) || f.filters.length === 0) throw invalid(`Empty "${f.op}"`);
        return sql<SqlBool>`(${sql.join(
          f.filters.map((x) => walk(x, prefix)),
          sql.raw(` ${f.op} `),
        )})`;
      }
      case 'not':
        // SCIM: an attribute without a value does not match, so NOT of "no match" is a match.
        return sql<SqlBool>`not coalesce(${walk(f.filter, prefix)}, false)`;
      case '[]':
        if (prefix) throw invalid('Nested value filters are not supported');
        return walk(f.valFilter, `${attrKey(f.attrPath)}.`);
      case 'pr':
      case 'eq':
      case 'ne':
      case 'co':
      case 'sw':
      case 'ew':
      case 'gt':
      case 'lt':
      case 'ge':
      case 'le': {
        if (++comparisons > MAX_COMPARISONS) throw invalid(`A filter may hold at most ${MAX_COMPARISONS} comparisons`);
        const key = prefix + attrKey(f.attrPath);
        const attr = attrs[key];
        if (!attr) throw invalid(`Filtering on "${f.attrPath}" is not supported`);
        return f.op === 'pr' ? present(attr) : compare(attr, f, key);
      }
      default:
        throw invalid(`Unsupported filter operator "${(f as { op?: string })?.op}"`);
    }
  };
  return walk(filter, '');
}

function present(attr: FilterAttr): Cond {
  switch (attr.kind) {
    case 'text':
      return sql<SqlBool>`(${sql.ref(attr.column)} is not null and ${sql.ref(attr.column)} <> '')`;
    case 'member':
      return attr.any();
    default:
      return TRUE;
  }
}

const SQL_OPS = { eq: '=', gt: '>', lt: '<', ge: '>=', le: '<=' } as const;
const likePattern = (op: 'co' | 'sw' | 'ew', v: string) => {
  const escaped = v.replace(/[\\%_]/g, (c) => `\\${c}`);
  return op === 'co' ? `%${escaped}%` : op === 'sw' ? `${escaped}%` : `%${escaped}`;
};

function compare(attr: FilterAttr, f: Compare, key: string): Cond {
  const v = f.compValue;
  const unsupported = () => invalid(`"${f.op}" with ${JSON.stringify(v)} is not supported on ${key}`);
  switch (attr.kind) {
    case 'text': {
      const col = attr.caseExact ? sql.ref(attr.column) : sql`lower(${sql.ref(attr.column)})`;
      const val = (x: string) => (attr.caseExact ? sql`${x}` : sql`lower(${x})`);
      if (v === null) {
        if (f.op === 'eq') return sql<SqlBool>`${sql.ref(attr.column)} is null`;
        if (f.op === 'ne') return sql<SqlBool>`${sql.ref(attr.column)} is not null`;
        throw unsupported();
      }
      if (typeof v !== 'string') throw unsupported();
      if (f.op === 'ne') return sql<SqlBool>`${col} is distinct from ${val(v)}`;
      if (f.op === 'co' || f.op === 'sw' || f.op === 'ew')
        return sql<SqlBool>`${col} like ${val(likePattern(f.op, v))}`;
      return sql<SqlBool>`${col} ${sql.raw(SQL_OPS[f.op])} ${val(v)}`;
    }
    case 'bool': {
      const b =
        typeof v === 'boolean'
          ? v
          : typeof v === 'string' && /^(true|false)$/i.test(v)
            ? v.toLowerCase() === 'true'
            : undefined;
      if (b === undefined || (f.op !== 'eq' && f.op !== 'ne')) throw unsupported();
      return sql<SqlBool>`${sql.ref(attr.column)} ${sql.raw(f.op === 'eq' ? '=' : '<>')} ${b}`;
    }
    case 'date': {
      const d = typeof v === 'string' ? new Date(v) : undefined;
      if (!d || Number.isNaN(d.getTime()) || f.op === 'co' || f.op === 'sw' || f.op === 'ew') throw unsupported();
      // Compared at the millisecond precision meta.created/lastModified are shown with.
      const col = sql`date_trunc('milliseconds', ${sql.ref(attr.column)})`;
      return sql<SqlBool>`${col} ${sql.raw(f.op === 'ne' ? '<>' : SQL_OPS[f.op])} ${d}`;
    }
    case 'uuid': {
      if (typeof v !== 'string' || (f.op !== 'eq' && f.op !== 'ne')) throw unsupported();
      // A value that is not a uuid matches no row (and must not reach a uuid column as a 500).
      if (!isUuid(v)) return f.op === 'eq' ? FALSE : TRUE;
      return sql<SqlBool>`${sql.ref(attr.column)} ${sql.raw(f.op === 'eq' ? '=' : '<>')} ${v}`;
    }
    case 'member': {
      if (typeof v !== 'string' || f.op !== 'eq') throw unsupported();
      return isUuid(v) ? attr.is(v) : FALSE;
    }
    case 'const': {
      if (f.op !== 'eq' && f.op !== 'ne') throw unsupported();
      const same = String(v).toLowerCase() === String(attr.value).toLowerCase();
      return same === (f.op === 'eq') ? TRUE : FALSE;
    }
  }
}
