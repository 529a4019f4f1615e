import { OKTA_CATALOG, type OktaObjectType, type OktaScope, SCOPE_PROBES } from './catalog.ts';
import { valueAt } from './json-path.fns.ts';

const byType = new Map(OKTA_CATALOG.map((d) => [d.type, d]));

export function typeDef(type: string): OktaObjectType {
  const d = byType.get(type);
  if (!d) throw new RangeError(`Unknown Okta object type "${type}"`);
  return d;
}

export const isOktaType = (type: string) => byType.has(type);
export const childrenOf = (type: string) => OKTA_CATALOG.filter((d) => d.parent === type);
export const defaultTypes = () => OKTA_CATALOG.filter((d) => !d.optional).map((d) => d.type);

/** Outermost first, excluding the type itself. */
export function ancestorsOf(type: string): OktaObjectType[] {
  const out: OktaObjectType[] = [];
  for (let d = typeDef(type); d.parent; ) {
    d = typeDef(d.parent);
    out.unshift(d);
  }
  return out;
}

/** The types to walk for a request: those asked for plus every ancestor needed to reach them. */
export function planTypes(requested: readonly string[]): { wanted: Set<string>; walked: Set<string> } {
  const wanted = new Set(requested.map((t) => typeDef(t).type));
  const walked = new Set<string>();
  for (const t of wanted) {
    walked.add(t);
    for (const a of ancestorsOf(t)) walked.add(a.type);
  }
  return { wanted, walked };
}

export const idFieldOf = (d: OktaObjectType) => d.idField ?? 'id';

/** The value that identifies an item within its list (string ids; template names; nested fields). */
export function keyOf(d: OktaObjectType, item: unknown): string | undefined {
  const v = valueAt(item, idFieldOf(d));
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** What a child's placeholder gets from its parent item (an href yields its last path segment). */
export function parentKeyFor(child: OktaObjectType, parent: OktaObjectType, item: unknown): string | undefined {
  if (!child.parentKey) return keyOf(parent, item);
  const v = valueAt(item, child.parentKey);
  if (typeof v !== 'string' || !v) return undefined;
  return /^https?:\/\//.test(v) ? new URL(v).pathname.split('/').filter(Boolean).at(-1) : v;
}

export function fillPath(template: string, values: readonly string[]): string {
  let i = 0;
  const path = template.replace(/\{[^}]+\}/g, () => {
    const v = values[i++];
    if (v === undefined) throw new RangeError(`Not enough ids for ${template}`);
    return encodeURIComponent(v);
  });
  if (i !== values.length) throw new RangeError(`Too many ids for ${template}`);
  return path;
}

/** Read-one path template, or undefined when the API has no such read. */
export function getTemplate(d: OktaObjectType): string | undefined {
  if (d.get === false) return undefined;
  return d.get ?? (d.singleton ? d.list : `${d.list}/{id}`);
}

export const ALL_SCOPES = Object.keys(SCOPE_PROBES) as OktaScope[];

export const scopesFor = (types: Iterable<string>): OktaScope[] =>
  [...new Set([...types].map((t) => typeDef(t).scope))].sort();

/** Types a missing scope leaves out: those needing it, and every descendant of those. */
export function typesLeftOut(scope: string, among: readonly string[] = defaultTypes()): string[] {
  return among.filter((t) => [typeDef(t), ...ancestorsOf(t)].some((d) => d.scope === scope));
}
