import { type ListParams, type ScimResource, project } from '@butterfly/domain/scim';
import type { Reply } from './types.ts';

const list = (v: string | null) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** `filter`, `startIndex`, `count` (RFC 7644 §3.4.2); malformed numbers fall back to the defaults. */
export function listParams(q: URLSearchParams): ListParams {
  const num = (name: string) => (q.has(name) ? Number(q.get(name)) : undefined);
  return { filter: q.get('filter') ?? undefined, startIndex: num('startIndex'), count: num('count') };
}

export function projection(q: URLSearchParams) {
  return { attributes: list(q.get('attributes')), excludedAttributes: list(q.get('excludedAttributes')) };
}

export const excludesMembers = (q: URLSearchParams) =>
  !!projection(q).excludedAttributes?.some((a) => a.toLowerCase() === 'members');

/** A single resource: 200 (or 201 with Location) with its ETag. */
export function resourceReply(r: ScimResource, status = 200, q?: URLSearchParams): Reply {
  const headers: Record<string, string> = { ETag: r.meta.version };
  if (status === 201) headers.Location = r.meta.location;
  return { status, body: q ? project(r, projection(q)) : r, headers };
}

export function listReply(
  l: { Resources: Record<string, unknown>[] } & Record<string, unknown>,
  q: URLSearchParams,
): Reply {
  const p = projection(q);
  return { status: 200, body: { ...l, Resources: l.Resources.map((r) => project(r, p)) } };
}
