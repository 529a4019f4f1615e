import type { Ctx, Reply } from './context.ts';

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/**
 * One Management API operation: the path exactly as in Okta's OpenAPI file (`{param}` segments),
 * and the scope family it needs (`users` → `okta.users.read` for GET, `okta.users.manage` otherwise).
 */
export interface Route {
  method: string;
  path: string;
  scope: string;
  handler: Handler;
  pattern: RegExp;
  names: string[];
}

export function route(method: string, path: string, scope: string, handler: Handler): Route {
  const names: string[] = [];
  const source = path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, path, scope, handler, pattern: new RegExp(`^${source}$`), names };
}

export type TMatch = { route: Route; params: Record<string, string> } | { allow: string[] } | undefined;

/**
 * The route for a request. Of the paths that match, the most literal wins (`/groups/rules` is not
 * the group "rules"); a path that exists with other methods only reports them (405).
 */
export function matchRoute(routes: Route[], method: string, pathname: string): TMatch {
  let best: { path: string; params: number } | undefined;
  const candidates: [Route, RegExpExecArray][] = [];
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    candidates.push([r, m]);
    if (!best || r.names.length < best.params) best = { path: r.path, params: r.names.length };
  }
  if (!best) return undefined;
  const same = candidates.filter(([r]) => r.path === best.path);
  const hit = same.find(([r]) => r.method === method);
  if (!hit) return { allow: same.map(([r]) => r.method) };
  const [r, m] = hit;
  const params: Record<string, string> = {};
  r.names.forEach((name, i) => {
    params[name] = decodeURIComponent(m[i + 1]!);
  });
  return { route: r, params };
}
