import { OktaError } from '../okta/errors.ts';

/**
 * Okta's `filter` / `search` expressions (SCIM 2.0 filter syntax): `status eq "ACTIVE"`,
 * `lastUpdated gt "2024-01-01T00:00:00.000Z" and type.id eq "oty…"`, `profile.login sw "ann"`,
 * `target.id eq "00u…"`, with and/or/not and parentheses. An array along the path matches when any
 * element does, which is how `target.id` works in the System Log.
 */
export type TPredicate = (row: unknown) => boolean;
export type TGetter = (row: unknown, path: string) => unknown;

const OPS = new Set(['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
const TOKEN = /\s*(\(|\)|"(?:[^"\\]|\\.)*"|[^\s()]+)/y;

const invalid = (why: string) => new OktaError(400, 'E0000031', 'Invalid search criteria.', [`filter: ${why}`]);

export const pathGetter: TGetter = (row, path) => {
  let values: unknown[] = [row];
  for (const key of path.split('.')) {
    values = values.flatMap((v) => (v && typeof v === 'object' ? [(v as Record<string, unknown>)[key]] : [])).flat();
  }
  return values.length === 1 ? values[0] : values;
};

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) break;
    tokens.push(m[1]!);
  }
  if (text.slice(TOKEN.lastIndex).trim()) throw invalid('unreadable expression');
  return tokens;
}

function literal(token: string | undefined): unknown {
  if (token === undefined) throw invalid('missing value');
  if (token.startsWith('"')) return JSON.parse(token);
  if (token === 'true' || token === 'false' || token === 'null') return JSON.parse(token);
  const n = Number(token);
  if (Number.isFinite(n)) return n;
  throw invalid(`unexpected ${token}`);
}

function compare(op: string, actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((a) => compare(op, a, expected));
  if (op === 'pr') return actual !== undefined && actual !== null;
  if (op === 'eq') return actual === expected;
  if (op === 'ne') return actual !== expected;
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : (expected as number);
  switch (op) {
    case 'sw':
      return String(a).startsWith(String(e));
    case 'co':
      return String(a).includes(String(e));
    case 'ew':
      return String(a).endsWith(String(e));
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    default:
      return a <= e;
  }
}

export function compileFilter(text: string, get: TGetter = pathGetter): TPredicate {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i]?.toLowerCase();
  const or = (): TPredicate => {
    const parts = [and()];
    while (peek() === 'or') {
      i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : (row) => parts.some((p) => p(row));
  };
  const and = (): TPredicate => {
    const parts = [unary()];
    while (peek() === 'and') {
      i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0]! : (row) => parts.every((p) => p(row));
  };
  const unary = (): TPredicate => {
    if (peek() === 'not') {
      i++;
      const inner = unary();
      return (row) => !inner(row);
    }
    if (peek() === '(') {
      i++;
      const inner = or();
      if (tokens[i++] !== ')') throw invalid('missing )');
      return inner;
    }
    const path = tokens[i++];
    const op = tokens[i++]?.toLowerCase();
    if (!path || !op || !OPS.has(op)) throw invalid(`bad comparison near ${path ?? 'end'}`);
    const expected = op === 'pr' ? undefined : literal(tokens[i++]);
    return (row) => compare(op, get(row, path), expected);
  };
  const predicate = or();
  if (i !== tokens.length) throw invalid(`unexpected ${tokens[i]}`);
  return predicate;
}
