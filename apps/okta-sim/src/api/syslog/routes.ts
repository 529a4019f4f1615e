import type { Json } from '../../model/types.ts';
import type { Ctx, Reply } from '../context.ts';
import { validation } from '../../okta/errors.ts';
import { compileFilter } from '../filter.ts';
import { encodeCursor, parseAfter, parseLimit, selfUrl } from '../paging.ts';
import { type Route, route } from '../router.ts';

const WEEK = 7 * 24 * 3600 * 1000;

function time(ctx: Ctx, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  const t = Date.parse(raw);
  if (Number.isNaN(t)) throw validation(name, `${name}: Must be an ISO 8601 timestamp`);
  return t;
}

/**
 * `GET /api/v1/logs`: events with `since` ≤ published < `until` (defaults: the last 7 days), a
 * SCIM `filter` (`eventType eq "…"`, `target.id eq "…"`, `actor.id eq "…"`), `q` keywords,
 * `limit` (100, at most 1000) and `sortOrder`. Without `until` it is a polling query: like Okta,
 * the answer always has a `next` link, which returns new events once there are some.
 */
function listLogs(ctx: Ctx): Reply {
  const until = time(ctx, 'until', ctx.now + 1);
  const since = time(ctx, 'since', until - WEEK);
  const polling = ctx.query.get('until') === null;
  const test = ctx.query.get('filter') ? compileFilter(ctx.query.get('filter')!) : undefined;
  const keywords = (ctx.query.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const descending = ctx.query.get('sortOrder') === 'DESCENDING';
  const limit = parseLimit(ctx, { default: 100, max: 1000 });
  const after = parseAfter(ctx);
  const events = ctx.org.log.events;
  const keep = (e: Json) => {
    const t = Date.parse(e.published);
    if (t < since || t >= until) return false;
    if (test && !test(e)) return false;
    if (!keywords.length) return true;
    const text = JSON.stringify(e).toLowerCase();
    return keywords.every((k) => text.includes(k));
  };
  // A cursor is a position in the log (1-based), so new events appended later are found by polling.
  const rows: Json[] = [];
  let last = after;
  let more = false;
  const order = descending ? [...events.keys()].reverse() : [...events.keys()];
  const start = after === 0 ? 0 : order.findIndex((i) => i + 1 === after) + 1;
  for (let k = start; k < order.length; k++) {
    const i = order[k]!;
    if (!keep(events[i]!)) continue;
    if (rows.length === limit) {
      more = true;
      break;
    }
    rows.push(events[i]!);
    last = i + 1;
  }
  const self = selfUrl(ctx);
  const links = [`<${self.href}>; rel="self"`];
  if (more || (polling && !descending)) {
    const next = new URL(self);
    next.searchParams.set('after', encodeCursor(last));
    next.searchParams.set('limit', String(limit));
    links.push(`<${next.href}>; rel="next"`);
  }
  return { status: 200, body: rows, headers: { link: links.join(', ') } };
}

export const logRoutes: Route[] = [route('GET', '/api/v1/logs', 'logs', listLogs)];
