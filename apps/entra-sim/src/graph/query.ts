import type { TObj } from '../model/types.ts';

export class QueryError extends Error {}

type TClause = { path: string[]; value: unknown };

const CLAUSE = /^\s*([A-Za-z_][\w/]*)\s+eq\s+('(?:[^']|'')*'|true|false|null|-?\d+(?:\.\d+)?|[0-9a-f-]{36})\s*/i;

/** `$filter` with `eq` joined by `and`: what the spec's clients send. Anything else is refused, as Graph refuses what an entity does not support. */
export function parseFilter(filter: string): TClause[] {
  const clauses: TClause[] = [];
  let rest = filter;
  for (;;) {
    const m = CLAUSE.exec(rest);
    if (!m)
      throw new QueryError(
        `Invalid filter clause: only 'property eq value' joined by 'and' is supported here: ${filter}`,
      );
    const raw = m[2]!;
    let value: unknown;
    if (raw.startsWith("'")) value = raw.slice(1, -1).replace(/''/g, "'");
    else if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (raw === 'null') value = null;
    else if (/^[0-9a-f-]{36}$/i.test(raw)) value = raw;
    else value = Number(raw);
    clauses.push({ path: m[1]!.split('/'), value });
    rest = rest.slice(m[0].length);
    if (!rest.trim()) return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw new QueryError(`Invalid filter clause: expected 'and' at: ${rest}`);
    rest = rest.slice(and[0].length);
  }
}

function valueAt(obj: unknown, path: string[]): unknown {
  let v: unknown = obj;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Strings compare case-insensitively, as directory properties do. */
function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (a === undefined) return b === null;
  return a === b;
}

export function applyFilter(items: TObj[], clauses: TClause[]): TObj[] {
  return items.filter((o) => clauses.every((c) => equal(valueAt(o, c.path), c.value)));
}

export function parseSelect(select: string | null): string[] | undefined {
  if (!select) return undefined;
  const fields = select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of fields)
    if (!/^[\w@.]+$/.test(f))
      throw new QueryError(
        `Parsing OData Select and Expand failed: Term '${f}' is not valid in a $select or $expand expression.`,
      );
  return fields;
}

/** Only the selected properties (and `@odata.type` when the item carries one). */
export function project(obj: TObj, fields: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj))
    if (!k.startsWith('__') && (!fields || fields.includes(k) || k === '@odata.type')) out[k] = v;
  return out;
}

export function parseTop(top: string | null): number | undefined {
  if (top === null) return undefined;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > 999)
    throw new QueryError(`Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
  return n;
}
