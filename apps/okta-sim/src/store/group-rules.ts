import type { Json, SimUser } from '../model/types.ts';
import { addMember } from './memberships.ts';
import type { OrgData } from './org-data.ts';

/**
 * Group rules: the part of the Okta Expression Language they use in practice — `user.<attr>`
 * compared with `==`/`!=`, `isMemberOfAnyGroup("id", …)`, `isMemberOfGroup("id")`,
 * `String.stringContains(user.<attr>, "x")`, `String.startsWith(…)`, `!`, `&&`, `||` and
 * parentheses. Rules that test group membership make nested-ish groups ("All Engineering" =
 * members of the engineering teams), so rules are applied until nothing changes.
 */
export type TRulePredicate = (user: SimUser, groups: ReadonlySet<string>) => boolean;

const TOKEN = /\s*(\|\||&&|==|!=|!|\(|\)|,|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[\w.$]+)/y;

export function compileRule(expression: string): TRulePredicate {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const m = TOKEN.exec(expression);
    if (!m) break;
    tokens.push(m[1]!);
  }
  if (expression.slice(TOKEN.lastIndex).trim()) throw new Error(`cannot read ${expression}`);
  let i = 0;
  type Value = (u: SimUser, g: ReadonlySet<string>) => unknown;
  const expect = (t: string) => {
    if (tokens[i++] !== t) throw new Error(`expected ${t}`);
  };
  const operand = (): Value => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end');
    if (t === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (/^["']/.test(t)) {
      const text = t.slice(1, -1);
      return () => text;
    }
    if (t === 'true' || t === 'false' || t === 'null') return () => JSON.parse(t);
    if (t.startsWith('user.')) return (u) => u.profile[t.slice(5)];
    if (tokens[i] === '(') {
      i++;
      const args: Value[] = [];
      while (tokens[i] !== ')') {
        args.push(or());
        if (tokens[i] === ',') i++;
      }
      expect(')');
      return call(t, args);
    }
    throw new Error(`unknown ${t}`);
  };
  const call = (name: string, args: Value[]): Value => {
    if (name === 'isMemberOfAnyGroup' || name === 'isMemberOfGroup')
      return (u, g) => args.some((a) => g.has(String(a(u, g))));
    if (name === 'String.stringContains')
      return (u, g) => String(args[0]?.(u, g) ?? '').includes(String(args[1]?.(u, g)));
    if (name === 'String.startsWith')
      return (u, g) => String(args[0]?.(u, g) ?? '').startsWith(String(args[1]?.(u, g)));
    throw new Error(`unsupported function ${name}`);
  };
  const unary = (): Value => {
    if (tokens[i] === '!') {
      i++;
      const inner = unary();
      return (u, g) => !inner(u, g);
    }
    const left = operand();
    const op = tokens[i];
    if (op !== '==' && op !== '!=') return left;
    i++;
    const right = operand();
    return op === '==' ? (u, g) => left(u, g) === right(u, g) : (u, g) => left(u, g) !== right(u, g);
  };
  const and = (): Value => {
    const parts = [unary()];
    while (tokens[i] === '&&' && ++i) parts.push(unary());
    return parts.length === 1 ? parts[0]! : (u, g) => parts.every((p) => p(u, g));
  };
  const or = (): Value => {
    const parts = [and()];
    while (tokens[i] === '||' && ++i) parts.push(and());
    return parts.length === 1 ? parts[0]! : (u, g) => parts.some((p) => p(u, g));
  };
  const root = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]}`);
  return (u, g) => Boolean(root(u, g));
}

/** Applies active rules to the given users (all by default), adding the memberships they grant. */
export function applyRules(data: OrgData, at: number, userIds?: Iterable<string>): void {
  const rules = [...data.table('groupRules').values()]
    .filter((r: Json) => r.status === 'ACTIVE')
    .map((r: Json) => ({
      test: compileRule(r.conditions?.expression?.value ?? 'false'),
      excluded: new Set<string>(r.conditions?.people?.users?.exclude ?? []),
      groups: (r.actions?.assignUserToGroups?.groupIds ?? []) as string[],
    }));
  if (!rules.length) return;
  const empty = new Set<string>();
  for (const id of userIds ?? data.users.keys()) {
    const user = data.users.get(id);
    if (!user || user.status === 'DEPROVISIONED') continue;
    for (let pass = 0, changed = true; changed && pass < 4; pass++) {
      changed = false;
      for (const rule of rules) {
        if (rule.excluded.has(id) || !rule.test(user, data.userGroups.get(id) ?? empty)) continue;
        for (const groupId of rule.groups) changed = addMember(data, groupId, id, at) || changed;
      }
    }
  }
}
