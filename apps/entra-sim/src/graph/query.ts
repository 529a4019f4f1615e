import type { TObj } from '../model/types.ts';

export class QueryError extends Error {}

type TClause = (obj: unknown) => boolean;

const VALUE = "('(?:[^']|'')*'|true|false|null|-?\\d+(?:\\.\\d+)?|[0-9a-f-]{36})";
const PATH = '([A-Za-z_][\\w/]*)';
/** A DateTimeOffset literal, unquoted as OData writes it (`2026-12-07T18:00:00Z`). */
const DATETIME = '(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2}))';
const ORDER: Record<string, (c: number) => boolean> = {
  ge: (c) => c >= 0,
  le: (c) => c <= 0,
  gt: (c) => c > 0,
  lt: (c) => c < 0,
};
const FORMS: [RegExp, (m: RegExpExecArray) => TClause][] = [
  [
    // `activityDateTime ge 2026-12-07T18:00:00Z`: the range filters of date properties (audit logs).
    new RegExp(`^${PATH}\\s+(ge|le|gt|lt)\\s+${DATETIME}\\s*`, 'i'),
    (m) => (o) => {
      const v = valueAt(o, m[1]!);
      const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
      return !Number.isNaN(t) && ORDER[m[2]!.toLowerCase()]!(t - Date.parse(m[3]!));
    },
  ],
  [new RegExp(`^${PATH}\\s+eq\\s+${VALUE}\\s*`, 'i'), (m) => (o) => equal(valueAt(o, m[1]!), literal(m[2]!))],
  [
    new RegExp(`^${PATH}\\s+in\\s+\\(\\s*(${VALUE}(?:\\s*,\\s*${VALUE})*)\\s*\\)\\s*`, 'i'),
    (m) => {
      const values = m[2]!.match(new RegExp(VALUE, 'gi'))!.map(literal);
      return (o) => values.some((v) => equal(valueAt(o, m[1]!), v));
    },
  ],
  [
    new RegExp(`^startswith\\(\\s*${PATH}\\s*,\\s*('(?:[^']|'')*')\\s*\\)\\s*`, 'i'),
    (m) => (o) => {
      const v = valueAt(o, m[1]!);
      return typeof v === 'string' && v.toLowerCase().startsWith(String(literal(m[2]!)).toLowerCase());
    },
  ],
  [
    // `groupTypes/any(c:c eq 'Unified')`: a collection of primitives holds the value.
    new RegExp(`^${PATH}/any\\(\\s*(\\w+)\\s*:\\s*\\2\\s+eq\\s+${VALUE}\\s*\\)\\s*`, 'i'),
    (m) => (o) => {
      const v = valueAt(o, m[1]!);
      return Array.isArray(v) && v.some((x) => equal(x, literal(m[3]!)));
    },
  ],
];

function literal(raw: string): unknown {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (raw === 'null') return null;
  if (/^[0-9a-f-]{36}$/i.test(raw)) return raw;
  return Number(raw);
}

/**
 * `$filter`: `eq`, `in (…)`, `startswith(p,'x')`, `p/any(x:x eq 'v')` and `ge`/`le`/`gt`/`lt` on a
 * date (`activityDateTime ge 2026-12-07T18:00:00Z`), joined by `and` — what
 * the spec's clients send. Anything else is refused, as Graph refuses what an entity does not support.
 */
export function parseFilter(filter: string): TClause[] {
  const clauses: TClause[] = [];
  let rest = filter.trim();
  for (;;) {
    const form = FORMS.map(([re, make]) => [re.exec(rest), make] as const).find(([m]) => m);
    if (!form) throw new QueryError(`Invalid filter clause: unsupported query at '${rest}' in: ${filter}`);
    const [m, make] = form;
    clauses.push(make(m!));
    rest = rest.slice(m![0].length);
    if (!rest.trim()) return clauses;
    const and = /^and\s+/i.exec(rest);
    if (!and) throw new QueryError(`Invalid filter clause: expected 'and' at: ${rest}`);
    rest = rest.slice(and[0].length);
  }
}

function valueAt(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const p of path.split('/')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

/** Strings compare case-insensitively, as directory properties do. */
function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (a === undefined) return b === null;
  return a === b;
}

export function applyFilter(items: TObj[], clauses: TClause[]): TObj[] {
  return items.filter((o) => clauses.every((c) => c(o)));
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
