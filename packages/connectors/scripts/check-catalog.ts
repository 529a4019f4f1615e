/**
 * Checks the Okta catalog against Okta's OpenAPI file: every list and read path exists with a GET,
 * the scope is the endpoint's, `limit` is the documented ceiling, fixed query values are allowed,
 * wrapped answers have the `items` field. Run after editing catalog.ts:
 *   pnpm --filter @butterfly/connectors check:catalog /path/to/management-openapi.yaml
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OKTA_CATALOG, SCOPE_PROBES } from '../src/okta/catalog.ts';
import { getTemplate } from '../src/okta/catalog.fns.ts';

type Obj = Record<string, any>;
const file = process.argv[2];
if (!file) throw new Error('usage: check-catalog <management-openapi.yaml>');
const spec = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as Obj;
const deref = (o: Obj): Obj =>
  o?.$ref
    ? o.$ref
        .split('/')
        .slice(1)
        .reduce((x: Obj, k: string) => x[k], spec)
    : o;
const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
const paths = new Map(Object.entries(spec.paths as Obj).map(([p, v]) => [norm(p), v as Obj]));
const problems: string[] = [];

/** A path template of the file that matches `path`, where a `{…}` segment also matches a fixed value (`admin-console` for `{appName}`). */
function pathItem(path: string): Obj | undefined {
  const want = norm(path).split('/');
  const exact = paths.get(norm(path));
  if (exact) return exact;
  for (const [p, item] of paths) {
    const have = p.split('/');
    if (have.length === want.length && have.every((seg, i) => seg === want[i] || seg === '{}')) return item;
  }
  return undefined;
}

function getOp(path: string, who: string) {
  const item = pathItem(path.split('?')[0]!);
  if (!item?.get) problems.push(`${who}: no GET ${path}`);
  return item?.get
    ? { op: item.get as Obj, params: [...(item.parameters ?? []), ...(item.get.parameters ?? [])].map(deref) }
    : undefined;
}
const scopesOf = (op: Obj): string[] => (op.security ?? []).flatMap((s: Obj) => s.oauth2 ?? []);

for (const d of OKTA_CATALOG) {
  const found = getOp(d.list, d.type);
  if (!found) continue;
  if (!scopesOf(found.op).includes(d.scope)) problems.push(`${d.type}: scope ${d.scope} not in ${scopesOf(found.op)}`);
  const limit = found.params.find((p) => p.name === 'limit' && p.in === 'query');
  const schema = limit ? deref(limit.schema ?? {}) : undefined;
  const ceiling = schema?.maximum ?? /Maximum value: (\d+)/.exec(limit?.description ?? '')?.[1] ?? schema?.default;
  if (d.limit !== undefined && Number(ceiling) !== d.limit)
    problems.push(`${d.type}: limit ${d.limit}, documented ${ceiling}`);
  if (d.limit === undefined && schema?.maximum)
    problems.push(`${d.type}: endpoint allows limit up to ${schema.maximum}`);
  for (const [k, v] of Object.entries(d.query ?? {})) {
    const p = found.params.find((x) => x.name === k && x.in === 'query');
    const values = p ? deref(p.schema ?? {}).enum : undefined;
    if (!p || (values && !values.includes(v))) problems.push(`${d.type}: query ${k}=${v} not allowed`);
  }
  if (d.items) {
    const body = deref(deref(found.op.responses?.['200'] ?? {}).content?.['application/json']?.schema ?? {});
    if (!body.properties?.[d.items]) problems.push(`${d.type}: answer has no "${d.items}" field`);
  }
  const get = getTemplate(d);
  if (get && get !== d.list) getOp(get, `${d.type} (read one)`);
}
for (const [scope, probe] of Object.entries(SCOPE_PROBES)) {
  const found = getOp(probe, `probe ${scope}`);
  if (found && !scopesOf(found.op).includes(scope))
    problems.push(`probe ${scope}: endpoint wants ${scopesOf(found.op)}`);
}
const unprobed = [...new Set(OKTA_CATALOG.map((d) => d.scope))].filter((s) => !(s in SCOPE_PROBES));
if (unprobed.length) problems.push(`scopes without a probe: ${unprobed.join(', ')}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
process.stdout.write(
  `catalog: ${OKTA_CATALOG.length} types and ${Object.keys(SCOPE_PROBES).length} scope probes match the OpenAPI file\n`,
);
