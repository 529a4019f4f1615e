import { ROUTES, type TRoute } from './routes.ts';

export type TMatch =
  | { kind: 'list'; route: TRoute; store: string; parentId?: string }
  | { kind: 'count'; route: TRoute; store: string; parentId?: string }
  | { kind: 'item'; route: TRoute; store: string; id: string; parentId?: string }
  | { kind: 'singleton'; route: TRoute; store: string }
  | { kind: 'links'; route: TRoute; store: string; parentId: string }
  | { kind: 'linksCount'; route: TRoute; store: string; parentId: string }
  | { kind: 'addLink'; route: TRoute; store: string; parentId: string }
  | { kind: 'removeLink'; route: TRoute; store: string; parentId: string; memberId: string }
  | { kind: 'deletedList'; type: string }
  | { kind: 'deletedItem'; id: string }
  | { kind: 'restore'; id: string };

const BY_LENGTH = [...ROUTES].sort((a, b) => b.path.split('/').length - a.path.split('/').length);

function deletedItems(rest: string[]): TMatch | undefined {
  const [first, second] = rest;
  if (rest.length === 1 && first!.startsWith('microsoft.graph.'))
    return { kind: 'deletedList', type: first!.slice(16) };
  if (rest.length === 1) return { kind: 'deletedItem', id: first! };
  if (rest.length === 2 && second === 'restore') return { kind: 'restore', id: first! };
  return undefined;
}

/** The route a Graph path (below `/v1.0` or `/beta`, no leading slash) names, with its store key. */
export function matchPath(path: string): TMatch | undefined {
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (segs[0] === 'directory' && segs[1] === 'deletedItems') return deletedItems(segs.slice(2));
  for (const route of BY_LENGTH) {
    const pat = route.path.split('/');
    if (segs.length < pat.length || !pat.every((p, i) => p === '{id}' || p === segs[i])) continue;
    const store = segs.slice(0, pat.length).join('/');
    const parentId = pat.includes('{id}') ? segs[pat.indexOf('{id}')] : undefined;
    const rest = segs.slice(pat.length);
    if (route.kind === 'singleton') {
      if (rest.length === 0) return { kind: 'singleton', route, store };
      continue;
    }
    if (route.kind === 'links') {
      if (rest.length === 0) return { kind: 'links', route, store, parentId: parentId! };
      if (rest.length === 1 && rest[0] === '$count') return { kind: 'linksCount', route, store, parentId: parentId! };
      if (rest.length === 1 && rest[0] === '$ref') return { kind: 'addLink', route, store, parentId: parentId! };
      if (rest.length === 2 && rest[1] === '$ref')
        return { kind: 'removeLink', route, store, parentId: parentId!, memberId: rest[0]! };
      continue;
    }
    if (rest.length === 0) return { kind: 'list', route, store, parentId };
    if (rest.length === 1 && rest[0] === '$count') return { kind: 'count', route, store, parentId };
    if (rest.length === 1) return { kind: 'item', route, store, id: rest[0]!, parentId };
  }
  return undefined;
}
