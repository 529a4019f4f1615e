import type { SeqTable, TPage } from '../store/seq-table.ts';
import type { Ctx, Reply } from './context.ts';
import { validation } from '../okta/errors.ts';

/** An endpoint's page size when `limit` is absent, and the largest it honours. */
export interface TLimits {
  default: number;
  max: number;
}

/**
 * `limit` as Okta treats it: absent → the endpoint's default; above the cap → the cap (Okta
 * silently clamps, which is why a client must follow `next` rather than trust its own limit);
 * not a positive integer → a validation error.
 */
export function parseLimit(ctx: Ctx, limits: TLimits): number {
  const raw = ctx.query.get('limit');
  if (raw === null || raw === '' || raw === '-1') return limits.default;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw validation('limit', 'limit: must be a positive integer');
  return Math.min(n, limits.max);
}

const CURSOR_TAG = 'sim1:';

/** Cursors are opaque to clients: base64url of a sequence number, so they cannot be guessed or built. */
export const encodeCursor = (seq: number) => Buffer.from(`${CURSOR_TAG}${seq}`).toString('base64url');

export function parseAfter(ctx: Ctx): number {
  const raw = ctx.query.get('after');
  if (raw === null || raw === '') return 0;
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const seq = Number(text.slice(CURSOR_TAG.length));
  if (!text.startsWith(CURSOR_TAG) || !Number.isInteger(seq) || seq < 0)
    throw validation('after', 'after: The cursor is invalid');
  return seq;
}

/** The request's own URL below the org, as Okta echoes it in `rel="self"`. */
export function selfUrl(ctx: Ctx): URL {
  const below = ctx.url.pathname.slice(new URL(ctx.base).pathname.length);
  return new URL(`${ctx.base}${below}${ctx.url.search}`);
}

/** `Link: <…>; rel="self", <…after=…>; rel="next"` — `next` only while more rows follow. */
export function linkHeader(ctx: Ctx, limit: number, page: { last: number; more: boolean }): string {
  const self = selfUrl(ctx);
  const links = [`<${self.href}>; rel="self"`];
  if (page.more) {
    const next = new URL(self);
    next.searchParams.set('after', encodeCursor(page.last));
    next.searchParams.set('limit', String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return links.join(', ');
}

/** One page of a table as a JSON array with its `Link` header. */
export function pageOf<V>(
  ctx: Ctx,
  table: SeqTable<string, V>,
  limits: TLimits,
  render: (row: V, key: string) => unknown,
  keep?: (row: V) => boolean,
): Reply {
  const limit = parseLimit(ctx, limits);
  const page: TPage<V> = table.page(parseAfter(ctx), limit, keep);
  return {
    status: 200,
    body: page.rows.map((row, i) => render(row, page.keys[i]!)),
    headers: { link: linkHeader(ctx, limit, page) },
  };
}

/** Endpoints that are not paged still answer with a `self` link, as Okta does. */
export const allOf = (ctx: Ctx, rows: unknown[]): Reply => ({
  status: 200,
  body: rows,
  headers: { link: `<${selfUrl(ctx).href}>; rel="self"` },
});
